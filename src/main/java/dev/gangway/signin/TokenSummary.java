package dev.gangway.signin;

import java.time.Instant;

/**
 * A personal token as the use cases answer it, never its hash: its role by key and its status at
 * the moment of the answer ({@code active}, {@code expired} or {@code revoked}).
 */
public record TokenSummary(
    long id,
    String name,
    String role,
    String status,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {
  static TokenSummary of(PersonalToken t, Instant now) {
    String status =
        t.revokedAt() != null ? "revoked" : now.isBefore(t.expiresAt()) ? "active" : "expired";
    return new TokenSummary(
        t.id(),
        t.name(),
        t.role().key(),
        status,
        t.createdAt(),
        t.createdBy(),
        t.expiresAt(),
        t.lastUsedAt(),
        t.revokedAt());
  }
}
