package dev.gangway.platform.web;

import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer …} header. */
public final class BearerToken {
  private BearerToken() {}

  public static Optional<String> from(String authorizationHeader) {
    if (authorizationHeader == null) return Optional.empty();
    String h = authorizationHeader.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
    String token = h.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
