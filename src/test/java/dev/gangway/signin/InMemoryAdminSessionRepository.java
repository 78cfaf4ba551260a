package dev.gangway.signin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code admin_session} table in memory. Like the JPA repository, {@link #touch} updates the
 * row, not a session already read: {@link #find} reads the row anew each time.
 */
final class InMemoryAdminSessionRepository implements AdminSessionRepository {
  /** A row: the session as added, and its {@code last_seen_at} column. */
  private record Row(AdminSession added, Instant lastSeenAt) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();

  @Override
  public void deleteExpired(Instant now, int max) {
    rows.values().stream()
        .filter(r -> r.added().expiresAt().isBefore(now))
        .limit(max)
        .map(r -> r.added().idHash())
        .toList()
        .forEach(rows::remove);
  }

  @Override
  public void add(AdminSession session) {
    if (rows.putIfAbsent(session.idHash(), new Row(session, session.lastSeenAt())) != null) {
      throw new IllegalStateException("duplicate session id");
    }
  }

  /**
   * The row as JPA would read it (its creation time is not read by anyone, so it is left as the
   * last activity).
   */
  @Override
  public Optional<AdminSession> find(String idHash) {
    return Optional.ofNullable(rows.get(idHash))
        .map(
            r ->
                new AdminSession(
                    r.added().idHash(),
                    r.added().subject(),
                    r.added().email(),
                    r.added().displayName(),
                    r.added().role(),
                    r.lastSeenAt(),
                    r.added().expiresAt()));
  }

  @Override
  public void touch(String idHash, Instant now, Instant notSince) {
    rows.computeIfPresent(
        idHash, (k, r) -> r.lastSeenAt().isBefore(notSince) ? new Row(r.added(), now) : r);
  }

  @Override
  public boolean delete(String idHash) {
    return rows.remove(idHash) != null;
  }

  /** The ids of the sessions kept, in the order they were opened. */
  List<String> ids() {
    return List.copyOf(rows.keySet());
  }
}
