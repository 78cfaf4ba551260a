package dev.gangway.reporting;

import dev.gangway.access.AccessGuard;
import dev.gangway.audit.Health;
import dev.gangway.audit.SyncRecorder;
import dev.gangway.directory.Directory;
import dev.gangway.directory.DirectoryRepository;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory's sync status: health, activity, counts, traffic, recent errors, drift and its access
 * guard. Reading it first writes this node's not yet flushed traffic ({@link SyncRecorder}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SyncStatus {
  static final int RECENT_ERRORS = 10;

  /** Drift signals scan memberships; they are recomputed at most this often per node. */
  static final Duration DRIFT_TTL = Duration.ofSeconds(30);

  private StatusQueries queries;
  private DirectoryRepository directories;
  private Clock clock;
  private SyncRecorder recorder;
  private AccessGuard guard;
  private final ConcurrentHashMap<Long, TimedDrift> driftCache = new ConcurrentHashMap<>();

  protected SyncStatus() {}

  @Inject
  SyncStatus(
      StatusQueries queries,
      DirectoryRepository directories,
      Clock clock,
      SyncRecorder recorder,
      AccessGuard guard) {
    this.queries = queries;
    this.directories = directories;
    this.clock = clock;
    this.recorder = recorder;
    this.guard = guard;
  }

  public record Counts(long users, long activeUsers, long groups, long memberships) {}

  /**
   * SCIM requests of the last 24 hours; {@code errors24h} includes {@code rateLimited24h}, the 429s
   * of the rate limit.
   */
  public record Requests(long last24h, long errors24h, long rateLimited24h) {}

  public record RecentError(
      Instant at, String method, String path, int status, String scimType, String detail) {}

  public record PoolOverLimit(String pool, int seats, long used) {}

  public record Drift(
      long unmatchedExternalUsers,
      long conflicts,
      long unknownMembers,
      List<PoolOverLimit> poolsOverLimit) {
    boolean any() {
      return unmatchedExternalUsers > 0
          || conflicts > 0
          || unknownMembers > 0
          || !poolsOverLimit.isEmpty();
    }
  }

  public record DirectoryRef(long id, String name, String idp, String status) {}

  public record Status(
      DirectoryRef directory,
      String health,
      String healthReason,
      Instant lastRequestAt,
      Instant lastWriteAt,
      Counts counts,
      Requests requests,
      List<RecentError> recentErrors,
      Drift drift,
      AccessGuard.State guard) {}

  private record TimedDrift(Instant at, Drift drift) {}

  public Status of(long directoryId) {
    Directory d =
        directories
            .find(directoryId)
            .orElseThrow(() -> DomainException.notFound("no directory " + directoryId));
    recorder.flushQuietly(); // this node's traffic first; other nodes' within one flush interval
    Instant now = clock.instant();
    StatusQueries.Figures f =
        queries.figures(
            directoryId,
            now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS),
            now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS));
    List<RecentError> errors = queries.recentErrors(directoryId, RECENT_ERRORS);
    Drift drift = drift(directoryId, now);
    Health.Verdict verdict =
        Health.of(
            now,
            f.lastRequestAt(),
            f.hourRequests(),
            f.hourErrors(),
            f.dayRequests(),
            f.dayErrors(),
            drift.any());
    AccessGuard.State guardState = guard.state(d);
    // a tripped guard is worth an admin's look: degraded (not failing — the IdP's requests succeed)
    if ("tripped".equals(guardState.state()) && verdict.health() != Health.FAILING) {
      verdict = new Health.Verdict(Health.DEGRADED, guardState.reason());
    }
    return new Status(
        new DirectoryRef(d.id(), d.name(), d.idp().key(), d.status().name().toLowerCase()),
        verdict.health().key(),
        verdict.reason(),
        f.lastRequestAt(),
        f.lastWriteAt(),
        f.counts(),
        new Requests(f.dayRequests(), f.dayErrors(), f.dayRateLimited()),
        errors,
        drift,
        guardState);
  }

  private Drift drift(long directoryId, Instant now) {
    TimedDrift cached = driftCache.get(directoryId);
    if (cached != null && cached.at().plus(DRIFT_TTL).isAfter(now)) return cached.drift();
    Drift drift = queries.drift(directoryId);
    driftCache.put(directoryId, new TimedDrift(now, drift));
    return drift;
  }
}
