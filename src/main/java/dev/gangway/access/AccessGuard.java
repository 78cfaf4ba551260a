package dev.gangway.access;

import dev.gangway.directory.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mass-deprovisioning guard: how many revocations a directory's SCIM writes may still apply in
 * the current window, and the guard's state for status and health.
 *
 * <p>No counter row: the revocations applied in the window are counted from {@code access_event}
 * ({@code guard_directory_id, at}: one range scan that never sees more than the threshold's worth
 * of rows, since beyond it revocations are held, not applied), and the guard is tripped while the
 * directory has held grants ({@code ix_grant_held}). A change reads both once, only when it revokes
 * something. Two changes of one directory that revoke at the same moment on two connections may
 * each see the other's revocations not yet committed: the threshold can be overshot by at most the
 * revocations of the writes running concurrently — the price of not serialising every revoking
 * write of a directory on one row.
 *
 * <p>The base of the percentage — the users with access through the directory at the window's start
 * — is the users holding a granted path now (counted at most once a minute per node: a scan of the
 * directory's grants) plus those revoked by the guarded writes of the window.
 */
@ApplicationScoped
public class AccessGuard {
  static final Duration POPULATION_TTL = Duration.ofMinutes(1);

  private GuardCounts counts;
  private Clock clock;
  private final ConcurrentHashMap<Long, Population> populations = new ConcurrentHashMap<>();

  protected AccessGuard() {}

  @Inject
  AccessGuard(GuardCounts counts, Clock clock) {
    this.counts = counts;
    this.clock = clock;
  }

  private record Population(Instant at, long users) {}

  /** What one change learnt of a directory's guard, read when it first revokes something. */
  final class Window {
    final long directoryId;
    final Directory.Guard settings;
    final long revokedBefore;
    final long threshold;
    boolean tripped;
    final Set<String> revokedNow = new HashSet<>();

    private Window(long directoryId) {
      this.directoryId = directoryId;
      this.settings = counts.directory(directoryId).map(Directory::guard).orElse(null);
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

  Window window(long directoryId) {
    return new Window(directoryId);
  }

  /** Users whose revocations the directory's guarded writes applied since {@code start}. */
  long revokedSince(long directoryId, Instant start) {
    return counts.revokedSince(directoryId, start);
  }

  boolean heldExists(long directoryId) {
    return counts.heldExists(directoryId);
  }

  /**
   * The directory's users with access, counted at most once per {@link #POPULATION_TTL} per node.
   */
  long usersWithAccess(long directoryId) {
    Instant now = clock.instant();
    Population p = populations.get(directoryId);
    if (p != null && p.at().plus(POPULATION_TTL).isAfter(now)) return p.users();
    long users = counts.usersWithAccess(directoryId);
    populations.put(directoryId, new Population(now, users));
    return users;
  }

  /** The guard as status shows it. */
  public record State(
      String state,
      boolean enabled,
      int percent,
      int minimum,
      String window,
      long threshold,
      long revokedInWindow,
      long held,
      long heldPaths,
      Instant since,
      Instant lastHeld,
      String reason) {}

  public State state(Directory d) {
    return state(d.id(), d.guard());
  }

  /** The state of directory {@code directoryId}'s guard, whose settings are {@code g}. */
  public State state(long directoryId, Directory.Guard g) {
    Instant now = clock.instant();
    long revoked = revokedSince(directoryId, now.minus(g.window()));
    long threshold = g.threshold(usersWithAccess(directoryId) + revoked);
    GuardCounts.Held held = counts.held(directoryId);
    long users = held.users();
    long paths = held.paths();
    Instant since = held.since();
    Instant lastHeld = held.lastHeld(); // a release up to it applies what this state shows
    boolean tripped = paths > 0;
    String reason =
        tripped
            ? "guard tripped: the revocations of "
                + users
                + " users are held since "
                + since
                + " (more than "
                + threshold
                + " in "
                + g.window()
                + "); POST /admin/api/directories/"
                + directoryId
                + "/guard/release applies them"
            : g.enabled()
                ? revoked + " of " + threshold + " revocations used in the current window"
                : "guard off";
    return new State(
        tripped ? "tripped" : g.enabled() ? "armed" : "off",
        g.enabled(),
        g.percent(),
        g.minimum(),
        g.window().toString(),
        threshold,
        revoked,
        users,
        paths,
        since,
        lastHeld,
        reason);
  }

  /** A user whose revocations are held: who, which paths, since when and why. */
  public record HeldUser(
      String userId, String userName, Instant since, String cause, List<HeldPath> paths) {}

  public record HeldPath(
      long bindingId, String project, String role, Instant since, String cause) {}

  /** The held users of a directory, in (since, user) order, after a user id for paging. */
  public List<HeldUser> held(long directoryId, int limit) {
    LinkedHashMap<String, HeldUser> users = new LinkedHashMap<>();
    for (GuardCounts.HeldRow r : counts.heldRows(directoryId, limit * 8)) {
      String userId = r.userId();
      HeldPath path = new HeldPath(r.bindingId(), r.project(), r.role(), r.since(), r.cause());
      HeldUser u = users.get(userId);
      if (u == null) {
        if (users.size() == limit) break;
        u = new HeldUser(userId, r.userName(), path.since(), path.cause(), new ArrayList<>());
        users.put(userId, u);
      }
      u.paths().add(path);
    }
    return List.copyOf(users.values());
  }

  /** Directories whose guard holds revocations now (for /health). */
  public List<GuardCounts.Tripped> tripped() {
    return counts.tripped();
  }
}
