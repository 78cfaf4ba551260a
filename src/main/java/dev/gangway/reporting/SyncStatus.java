package dev.gangway.audit;

import dev.gangway.directory.Directory;
import dev.gangway.directory.DirectoryRepository;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory's sync status: health, activity, counts, traffic, recent errors and drift. Reading
 * it first writes this node's not yet flushed traffic ({@link SyncRecorder}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SyncStatus {
  static final int RECENT_ERRORS = 10;
  /** Drift signals scan memberships; they are recomputed at most this often per node. */
  static final Duration DRIFT_TTL = Duration.ofSeconds(30);

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject DirectoryRepository directories;
  @Inject Clock clock;
  @Inject SyncRecorder recorder;
  @Inject dev.gangway.access.AccessGuard guard;
  private final ConcurrentHashMap<Long, TimedDrift> driftCache = new ConcurrentHashMap<>();

  public record Counts(long users, long activeUsers, long groups, long memberships) {}

  /** SCIM requests of the last 24 hours; {@code errors24h} includes {@code rateLimited24h}, the 429s of the rate limit. */
  public record Requests(long last24h, long errors24h, long rateLimited24h) {}

  public record RecentError(Instant at, String method, String path, int status, String scimType, String detail) {}

  public record PoolOverLimit(String pool, int seats, long used) {}

  public record Drift(long unmatchedExternalUsers, long conflicts, long unknownMembers, List<PoolOverLimit> poolsOverLimit) {
    boolean any() { return unmatchedExternalUsers > 0 || conflicts > 0 || unknownMembers > 0 || !poolsOverLimit.isEmpty(); }
  }

  public record DirectoryRef(long id, String name, String idp, String status) {}

  public record Status(DirectoryRef directory, String health, String healthReason, Instant lastRequestAt,
                      Instant lastWriteAt, Counts counts, Requests requests, List<RecentError> recentErrors, Drift drift,
                      dev.gangway.access.AccessGuard.State guard) {}

  private record TimedDrift(Instant at, Drift drift) {}

  public Status of(long directoryId) {
    Directory d = directories.find(directoryId).orElseThrow(() -> DomainException.notFound("no directory " + directoryId));
    recorder.flushQuietly(); // this node's traffic first; other nodes' within one flush interval
    Instant now = clock.instant();
    LocalDateTime dayAgo = InstantColumn.utc(now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS));
    LocalDateTime hourAgo = InstantColumn.utc(now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS));
    // one round trip for the figures (a dashboard reads every directory's status at once)
    Object[] f = rows("SELECT (SELECT COUNT(*) FROM scim_user WHERE directory_id = ?),"
        + " (SELECT COUNT(*) FROM scim_user WHERE directory_id = ? AND active = TRUE),"
        + " (SELECT COUNT(*) FROM scim_group WHERE directory_id = ?),"
        + " (SELECT COUNT(*) FROM group_member WHERE directory_id = ?),"
        + " (SELECT last_request_at FROM directory_activity WHERE directory_id = ?),"
        + " (SELECT last_write_at FROM directory_activity WHERE directory_id = ?),"
        + " t.day_requests, t.day_errors, t.hour_requests, t.hour_errors, t.day_limited"
        + " FROM (SELECT COALESCE(SUM(requests), 0) AS day_requests, COALESCE(SUM(errors), 0) AS day_errors,"
        + " COALESCE(SUM(rate_limited), 0) AS day_limited,"
        + " COALESCE(SUM(CASE WHEN hour_start >= ? THEN requests ELSE 0 END), 0) AS hour_requests,"
        + " COALESCE(SUM(CASE WHEN hour_start >= ? THEN errors ELSE 0 END), 0) AS hour_errors"
        + " FROM directory_traffic WHERE directory_id = ? AND hour_start >= ?) t",
        directoryId, directoryId, directoryId, directoryId, directoryId, directoryId,
        hourAgo, hourAgo, directoryId, dayAgo).get(0);
    Counts counts = new Counts(number(f[0]), number(f[1]), number(f[2]), number(f[3]));
    Instant lastRequest = instant(f[4]);
    Instant lastWrite = instant(f[5]);
    long[] day = {number(f[6]), number(f[7])};
    long[] hour = {number(f[8]), number(f[9])};
    List<RecentError> errors = new ArrayList<>();
    for (Object[] r : rows(RECENT_ERRORS, "SELECT at, method, path, status, scim_type, detail FROM directory_error"
        + " WHERE directory_id = ? ORDER BY at DESC, id DESC", directoryId)) {
      errors.add(new RecentError(instant(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4], (String) r[5]));
    }
    Drift drift = drift(directoryId, now);
    Health.Verdict verdict = Health.of(now, lastRequest, hour[0], hour[1], day[0], day[1], drift.any());
    dev.gangway.access.AccessGuard.State guardState = guard.state(d);
    // a tripped guard is worth an admin's look: degraded (not failing — the IdP's requests succeed)
    if ("tripped".equals(guardState.state()) && verdict.health() != Health.FAILING) {
      verdict = new Health.Verdict(Health.DEGRADED, guardState.reason());
    }
    return new Status(new DirectoryRef(d.id(), d.name(), d.idp().key(), d.status().name().toLowerCase()),
        verdict.health().key(), verdict.reason(), lastRequest, lastWrite, counts, new Requests(day[0], day[1], number(f[10])), errors, drift,
        guardState);
  }

  private Drift drift(long directoryId, Instant now) {
    TimedDrift cached = driftCache.get(directoryId);
    if (cached != null && cached.at().plus(DRIFT_TTL).isAfter(now)) return cached.drift();
    List<PoolOverLimit> pools = new ArrayList<>();
    for (Object[] r : rows("SELECT p.pool_key, p.seats, COUNT(DISTINCT g.user_id) FROM licence_pool p"
        + " JOIN access_grant g ON g.pool_id = p.id AND g.state = 'GRANTED' WHERE p.seats IS NOT NULL"
        + " GROUP BY p.pool_key, p.seats HAVING COUNT(DISTINCT g.user_id) > p.seats")) {
      pools.add(new PoolOverLimit((String) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).longValue()));
    }
    Drift drift = new Drift(
        count("SELECT COUNT(*) FROM mapping_issue WHERE directory_id = ? AND kind = 'UNMATCHED'", directoryId),
        count("SELECT COUNT(*) FROM mapping_issue WHERE directory_id = ? AND kind = 'CONFLICT'", directoryId),
        count("SELECT COUNT(*) FROM group_member m WHERE m.directory_id = ? AND NOT EXISTS"
            + " (SELECT 1 FROM scim_user u WHERE u.id = m.member_id) AND NOT EXISTS"
            + " (SELECT 1 FROM scim_group g WHERE g.id = m.member_id)", directoryId),
        pools);
    driftCache.put(directoryId, new TimedDrift(now, drift));
    return drift;
  }

  private static long number(Object v) { return ((Number) v).longValue(); }

  private long count(String sql, Object... params) {
    var q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) q.setParameter(i + 1, params[i]);
    return ((Number) q.getSingleResult()).longValue();
  }

  private List<Object[]> rows(String sql, Object... params) { return rows(Integer.MAX_VALUE, sql, params); }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(int limit, String sql, Object... params) {
    var q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) q.setParameter(i + 1, params[i]);
    return q.setMaxResults(limit).getResultList();
  }

  private static Instant instant(Object v) { return InstantColumn.instant(v); }
}
