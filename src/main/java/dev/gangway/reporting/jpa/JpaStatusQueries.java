package dev.gangway.reporting.jpa;

import dev.gangway.platform.persistence.InstantColumn;
import dev.gangway.reporting.StatusQueries;
import dev.gangway.reporting.SyncStatus.Counts;
import dev.gangway.reporting.SyncStatus.Drift;
import dev.gangway.reporting.SyncStatus.PoolOverLimit;
import dev.gangway.reporting.SyncStatus.RecentError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** {@link StatusQueries} in native SQL over the identity, company, access and traffic tables. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JpaStatusQueries implements StatusQueries {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public Figures figures(long directoryId, Instant dayAgo, Instant hourAgo) {
    LocalDateTime day = InstantColumn.utc(dayAgo);
    LocalDateTime hour = InstantColumn.utc(hourAgo);
    // one round trip for the figures (a dashboard reads every directory's status at once)
    Object[] f =
        rows(
                Integer.MAX_VALUE,
                "SELECT (SELECT COUNT(*) FROM scim_user WHERE directory_id = ?),"
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
                directoryId,
                directoryId,
                directoryId,
                directoryId,
                directoryId,
                directoryId,
                hour,
                hour,
                directoryId,
                day)
            .get(0);
    return new Figures(
        new Counts(number(f[0]), number(f[1]), number(f[2]), number(f[3])),
        InstantColumn.instant(f[4]),
        InstantColumn.instant(f[5]),
        number(f[6]),
        number(f[7]),
        number(f[10]),
        number(f[8]),
        number(f[9]));
  }

  @Override
  public List<RecentError> recentErrors(long directoryId, int limit) {
    List<RecentError> errors = new ArrayList<>();
    for (Object[] r :
        rows(
            limit,
            "SELECT at, method, path, status, scim_type, detail FROM directory_error"
                + " WHERE directory_id = ? ORDER BY at DESC, id DESC",
            directoryId)) {
      errors.add(
          new RecentError(
              InstantColumn.instant(r[0]),
              (String) r[1],
              (String) r[2],
              ((Number) r[3]).intValue(),
              (String) r[4],
              (String) r[5]));
    }
    return errors;
  }

  @Override
  public Drift drift(long directoryId) {
    List<PoolOverLimit> pools = new ArrayList<>();
    for (Object[] r :
        rows(
            Integer.MAX_VALUE,
            "SELECT p.pool_key, p.seats, COUNT(DISTINCT g.user_id)"
                + " FROM licence_pool p JOIN access_grant g ON g.pool_id = p.id AND g.state = 'GRANTED' WHERE p.seats IS NOT NULL"
                + " GROUP BY p.pool_key, p.seats HAVING COUNT(DISTINCT g.user_id) > p.seats")) {
      pools.add(
          new PoolOverLimit(
              (String) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).longValue()));
    }
    return new Drift(
        count(
            "SELECT COUNT(*) FROM mapping_issue WHERE directory_id = ? AND kind = 'UNMATCHED'",
            directoryId),
        count(
            "SELECT COUNT(*) FROM mapping_issue WHERE directory_id = ? AND kind = 'CONFLICT'",
            directoryId),
        count(
            "SELECT COUNT(*) FROM group_member m WHERE m.directory_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM scim_user u WHERE u.id = m.member_id) AND NOT EXISTS"
                + " (SELECT 1 FROM scim_group g WHERE g.id = m.member_id)",
            directoryId),
        pools);
  }

  private static long number(Object v) {
    return ((Number) v).longValue();
  }

  private long count(String sql, Object... params) {
    Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) q.setParameter(i + 1, params[i]);
    return ((Number) q.getSingleResult()).longValue();
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(int limit, String sql, Object... params) {
    Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) q.setParameter(i + 1, params[i]);
    return q.setMaxResults(limit).getResultList();
  }
}
