package dev.gangway.access;

import dev.gangway.directory.Directory;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mass-deprovisioning guard: how many revocations a directory's SCIM writes may still apply
 * in the current window, and the guard's state for status and health.
 *
 * <p>No counter row: the revocations applied in the window are counted from {@code access_event}
 * ({@code guard_directory_id, at}: one range scan that never sees more than the threshold's
 * worth of rows, since beyond it revocations are held, not applied), and the guard is tripped
 * while the directory has held grants ({@code ix_grant_held}). A change reads both once, only when
 * it revokes something. Two changes of one directory that revoke at the same moment on two
 * connections may each see the other's revocations not yet committed: the threshold can be
 * overshot by at most the revocations of the writes running concurrently — the price of not
 * serialising every revoking write of a directory on one row.
 *
 * <p>The base of the percentage — the users with access through the directory at the window's
 * start — is the users holding a granted path now (counted at most once a minute per node: a scan
 * of the directory's grants) plus those revoked by the guarded writes of the window.
 */
@ApplicationScoped
public class AccessGuard {
  static final Duration POPULATION_TTL = Duration.ofMinutes(1);

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject Clock clock;
  private final ConcurrentHashMap<Long, Population> populations = new ConcurrentHashMap<>();

  private record Population(Instant at, long users) {}

  /** What one change learnt of a directory's guard, read when it first revokes something. */
  final class Window {
    final long directoryId;
    final Directory.Guard settings;
    final long revokedBefore;
    final long threshold;
    boolean tripped;
    final Set<String> revokedNow = new HashSet<>();

    /** A window as a test sets it up. */
    Window(long directoryId, Directory.Guard settings, long revokedBefore, long threshold, boolean tripped) {
      this.directoryId = directoryId;
      this.settings = settings;
      this.revokedBefore = revokedBefore;
      this.threshold = threshold;
      this.tripped = tripped;
    }

    private Window(long directoryId) {
      this.directoryId = directoryId;
      Directory d = em.find(Directory.class, directoryId);
      this.settings = d == null ? null : d.guard();
      if (settings == null || !settings.enabled()) {
        revokedBefore = 0;
        threshold = Long.MAX_VALUE;
        return;
      }
      Instant start = clock.instant().minus(settings.window());
      revokedBefore = revokedSince(directoryId, start);
      threshold = settings.threshold(usersWithAccess(directoryId) + revokedBefore);
      tripped = heldExists(directoryId);
    }

    /**
     * Whether the revocation of one of the user's paths must be held. A user already revoked by
     * this change counts once; once the window is full every further revocation is held.
     */
    boolean holds(String userId) {
      if (settings == null || !settings.enabled()) return false;
      if (tripped) return true;
      if (revokedNow.contains(userId)) return false;
      if (revokedBefore + revokedNow.size() + 1 > threshold) return true;
      revokedNow.add(userId);
      return false;
    }
  }

  Window window(long directoryId) { return new Window(directoryId); }

  /** Users whose revocations the directory's guarded writes applied since {@code start}. */
  long revokedSince(long directoryId, Instant start) {
    return ((Number) em.createNativeQuery("SELECT COUNT(DISTINCT user_id) FROM access_event"
            + " WHERE guard_directory_id = ? AND at >= ? AND kind = 'REVOKED'")
        .setParameter(1, directoryId).setParameter(2, InstantColumn.utc(start)).getSingleResult()).longValue();
  }

  boolean heldExists(long directoryId) {
    return !em.createNativeQuery("SELECT id FROM access_grant WHERE held_directory_id = ?")
        .setParameter(1, directoryId).setMaxResults(1).getResultList().isEmpty();
  }

  long usersWithAccess(long directoryId) {
    Instant now = clock.instant();
    Population p = populations.get(directoryId);
    if (p != null && p.at().plus(POPULATION_TTL).isAfter(now)) return p.users();
    long users = ((Number) em.createNativeQuery("SELECT COUNT(DISTINCT g.user_id) FROM access_grant g"
            + " JOIN scim_user u ON u.id = g.user_id WHERE u.directory_id = ? AND g.state = 'GRANTED'")
        .setParameter(1, directoryId).getSingleResult()).longValue();
    populations.put(directoryId, new Population(now, users));
    return users;
  }

  /** The guard as status shows it. */
  public record State(String state, boolean enabled, int percent, int minimum, String window, long threshold,
                      long revokedInWindow, long held, long heldPaths, Instant since, Instant lastHeld,
                      String reason) {}

  public State state(Directory d) {
    Directory.Guard g = d.guard();
    Instant now = clock.instant();
    long revoked = revokedSince(d.id(), now.minus(g.window()));
    long threshold = g.threshold(usersWithAccess(d.id()) + revoked);
    Object[] held = (Object[]) em.createNativeQuery("SELECT COUNT(DISTINCT user_id), COUNT(*), MIN(held_since),"
        + " MAX(held_since) FROM access_grant WHERE held_directory_id = ?").setParameter(1, d.id()).getSingleResult();
    long users = ((Number) held[0]).longValue();
    long paths = ((Number) held[1]).longValue();
    Instant since = InstantColumn.instant(held[2]);
    Instant lastHeld = InstantColumn.instant(held[3]); // a release up to it applies what this state shows
    boolean tripped = paths > 0;
    String reason = tripped
        ? "guard tripped: the revocations of " + users + " users are held since " + since
            + " (more than " + threshold + " in " + g.window() + "); POST /admin/api/directories/" + d.id()
            + "/guard/release applies them"
        : g.enabled() ? revoked + " of " + threshold + " revocations used in the current window" : "guard off";
    return new State(tripped ? "tripped" : g.enabled() ? "armed" : "off", g.enabled(), g.percent(), g.minimum(),
        g.window().toString(), threshold, revoked, users, paths, since, lastHeld, reason);
  }

  /** A user whose revocations are held: who, which paths, since when and why. */
  public record HeldUser(String userId, String userName, Instant since, String cause, List<HeldPath> paths) {}

  public record HeldPath(long bindingId, String project, String role, Instant since, String cause) {}

  /** The held users of a directory, in (since, user) order, after a user id for paging. */
  @SuppressWarnings("unchecked")
  public List<HeldUser> held(long directoryId, int limit) {
    List<Object[]> rows = em.createNativeQuery("SELECT g.user_id, g.held_user_name, g.binding_id, p.project_key,"
            + " r.name, g.held_since, g.held_cause FROM access_grant g JOIN project p ON p.id = g.project_id"
            + " JOIN project_role r ON r.id = g.role_id WHERE g.held_directory_id = ?"
            + " ORDER BY g.held_since, g.user_id, g.binding_id")
        .setParameter(1, directoryId).setMaxResults(limit * 8).getResultList();
    java.util.LinkedHashMap<String, HeldUser> users = new java.util.LinkedHashMap<>();
    for (Object[] r : rows) {
      String userId = (String) r[0];
      HeldPath path = new HeldPath(((Number) r[2]).longValue(), (String) r[3], (String) r[4],
          InstantColumn.instant(r[5]), (String) r[6]);
      HeldUser u = users.get(userId);
      if (u == null) {
        if (users.size() == limit) break;
        u = new HeldUser(userId, (String) r[1], path.since(), path.cause(), new java.util.ArrayList<>());
        users.put(userId, u);
      }
      u.paths().add(path);
    }
    return List.copyOf(users.values());
  }

  /** Directories whose guard holds revocations now: id, held users, since (for /health). */
  @SuppressWarnings("unchecked")
  public List<Object[]> tripped() {
    return em.createNativeQuery("SELECT held_directory_id, COUNT(DISTINCT user_id), MIN(held_since) FROM access_grant"
        + " WHERE held_directory_id IS NOT NULL GROUP BY held_directory_id").getResultList();
  }
}
