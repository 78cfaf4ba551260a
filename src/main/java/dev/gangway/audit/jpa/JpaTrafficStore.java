package dev.gangway.audit.jpa;

import dev.gangway.audit.TrafficStore;
import dev.gangway.audit.TrafficTally.Count;
import dev.gangway.audit.TrafficTally.DirectoryTraffic;
import dev.gangway.audit.TrafficTally.RecentError;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TrafficStore} in a few multi-row statements whatever the number of directories; rows are
 * touched in directory order, so that two nodes flushing at once wait for each other instead of
 * deadlocking.
 */
@ApplicationScoped
public class JpaTrafficStore implements TrafficStore {
  /** Rows per multi-row statement. */
  static final int CHUNK = 200;

  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void add(List<DirectoryTraffic> batch) {
    List<Object[]> hours = new ArrayList<>();
    List<Object[]> readsOnly = new ArrayList<>();
    List<Object[]> withWrites = new ArrayList<>();
    List<Object[]> errors = new ArrayList<>();
    List<Long> pruned = new ArrayList<>();
    for (DirectoryTraffic t : batch) {
      for (Map.Entry<Instant, Count> h : t.hours().entrySet()) {
        hours.add(
            new Object[] {
              t.directoryId(),
              utc(h.getKey()),
              h.getValue().requests(),
              h.getValue().errors(),
              h.getValue().rateLimited()
            });
      }
      if (t.lastWriteAt() == null) {
        if (t.lastRequestAt() != null)
          readsOnly.add(new Object[] {t.directoryId(), utc(t.lastRequestAt())});
      } else {
        withWrites.add(
            new Object[] {t.directoryId(), utc(t.lastRequestAt()), utc(t.lastWriteAt())});
      }
      for (RecentError e : t.errors()) {
        errors.add(
            new Object[] {
              t.directoryId(),
              utc(e.at()),
              e.method(),
              cut(e.path(), 500),
              e.status(),
              cut(e.scimType(), 32),
              cut(e.detail(), 500)
            });
      }
      if (!t.errors().isEmpty()) pruned.add(t.directoryId());
    }
    upsert(
        "INSERT INTO directory_traffic (directory_id, hour_start, requests, errors, rate_limited) VALUES ",
        "(?, ?, ?, ?, ?)",
        " ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests), errors = errors + VALUES(errors),"
            + " rate_limited = rate_limited + VALUES(rate_limited)",
        hours);
    upsert(
        "INSERT INTO directory_activity (directory_id, last_request_at, last_write_at) VALUES ",
        "(?, ?, NULL)",
        " ON DUPLICATE KEY UPDATE " + LATER_REQUEST,
        readsOnly);
    upsert(
        "INSERT INTO directory_activity (directory_id, last_request_at, last_write_at) VALUES ",
        "(?, ?, ?)",
        " ON DUPLICATE KEY UPDATE "
            + LATER_REQUEST
            + ", last_write_at = GREATEST(COALESCE(last_write_at,"
            + " VALUES(last_write_at)), VALUES(last_write_at))",
        withWrites);
    upsert(
        "INSERT INTO directory_error (directory_id, at, method, path, status, scim_type, detail) VALUES ",
        "(?, ?, ?, ?, ?, ?, ?)",
        "",
        errors);
    for (long directory : pruned) prune(directory);
  }

  private static final String LATER_REQUEST =
      "last_request_at = GREATEST(COALESCE(last_request_at, VALUES(last_request_at)), VALUES(last_request_at))";

  /**
   * Keeps a directory's most recent errors: a read for the cut-off, then one range delete below it.
   */
  private void prune(long directory) {
    @SuppressWarnings("unchecked")
    List<Object> cutoff =
        em.createNativeQuery(
                "SELECT id FROM directory_error WHERE directory_id = ?"
                    + " ORDER BY id DESC LIMIT 1 OFFSET "
                    + (ERRORS_KEPT - 1))
            .setParameter(1, directory)
            .getResultList();
    if (cutoff.isEmpty()) return;
    em.createNativeQuery("DELETE FROM directory_error WHERE directory_id = ? AND id < ?")
        .setParameter(1, directory)
        .setParameter(2, ((Number) cutoff.get(0)).longValue())
        .executeUpdate();
  }

  private void upsert(String head, String row, String tail, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      StringBuilder sql = new StringBuilder(head);
      for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "" : ", ").append(row);
      Query q = em.createNativeQuery(sql.append(tail).toString());
      int p = 1;
      for (Object[] r : chunk) for (Object v : r) q.setParameter(p++, v);
      q.executeUpdate();
    }
  }

  private static Object utc(Instant at) {
    return InstantColumn.utc(at);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
