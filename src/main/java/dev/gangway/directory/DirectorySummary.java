package dev.gangway.directory;

import java.time.Instant;

/**
 * A directory as the use cases answer it, never its token hash: its IdP by key, its status in lower
 * case ({@code active}, {@code disabled}) and its guard settings.
 */
public record DirectorySummary(
    long id,
    String name,
    String idp,
    String status,
    Instant createdAt,
    Instant tokenIssuedAt,
    Directory.Guard guard) {
  static DirectorySummary of(Directory d) {
    return new DirectorySummary(
        d.id(),
        d.name(),
        d.idp().key(),
        d.status().name().toLowerCase(),
        d.createdAt(),
        d.tokenIssuedAt(),
        d.guard());
  }
}
