package dev.gangway.signin;

import java.time.Instant;
import java.util.Optional;

/**
 * Where browser sessions are kept (in the database: any node serves them), keyed by the hash of
 * their secret.
 */
public interface AdminSessionRepository {
  /** Removes up to {@code max} sessions that expired before {@code now}. */
  void deleteExpired(Instant now, int max);

  void add(AdminSession session);

  Optional<AdminSession> find(String idHash);

  /**
   * Notes activity at {@code now}, unless the session was seen since {@code notSince} (one
   * conditional update).
   */
  void touch(String idHash, Instant now, Instant notSince);

  /** Ends a session; returns whether there was one. */
  boolean delete(String idHash);
}
