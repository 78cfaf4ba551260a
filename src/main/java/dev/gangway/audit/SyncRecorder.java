package dev.gangway.audit;

import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Counts each directory's SCIM requests and errors per hour and keeps its most recent errors
 * (method, path, status, scimType, detail — never bodies or tokens). Its own small transaction,
 * after the answer has been sent.
 */
@ApplicationScoped
public class SyncRecorder {
  static final int ERRORS_KEPT = 50;

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject Clock clock;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(long directory, String method, String path, int status, String scimType, String detail) {
    Instant now = clock.instant();
    LocalDateTime hour = InstantColumn.utc(now.truncatedTo(ChronoUnit.HOURS));
    LocalDateTime at = InstantColumn.utc(now);
    int error = status >= 400 ? 1 : 0;
    int updated = em.createNativeQuery("UPDATE directory_traffic SET requests = requests + 1, errors = errors + ?"
            + " WHERE directory_id = ? AND hour_start = ?")
        .setParameter(1, error).setParameter(2, directory).setParameter(3, hour).executeUpdate();
    if (updated == 0) {
      em.createNativeQuery("INSERT INTO directory_traffic (directory_id, hour_start, requests, errors) VALUES (?, ?, 1, ?)")
          .setParameter(1, directory).setParameter(2, hour).setParameter(3, error).executeUpdate();
    }
    boolean write = !method.equals("GET") && status < 400;
    updated = em.createNativeQuery("UPDATE directory_activity SET last_request_at = ?"
            + (write ? ", last_write_at = ?" : "") + " WHERE directory_id = ?")
        .setParameter(1, at).setParameter(2, write ? at : directory).setParameter(3, directory).executeUpdate();
    if (updated == 0) {
      em.createNativeQuery("INSERT INTO directory_activity (directory_id, last_request_at, last_write_at) VALUES (?, ?, ?)")
          .setParameter(1, directory).setParameter(2, at).setParameter(3, write ? at : null).executeUpdate();
    }
    if (error == 1) {
      em.createNativeQuery("INSERT INTO directory_error (directory_id, at, method, path, status, scim_type, detail)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, directory).setParameter(2, at).setParameter(3, method)
          .setParameter(4, cut(path, 500)).setParameter(5, status).setParameter(6, cut(scimType, 32))
          .setParameter(7, cut(detail, 500)).executeUpdate();
      em.createNativeQuery("DELETE FROM directory_error WHERE directory_id = ? AND id <= ("
              + "SELECT m FROM (SELECT MAX(id) - ? AS m FROM directory_error WHERE directory_id = ?) x)")
          .setParameter(1, directory).setParameter(2, ERRORS_KEPT).setParameter(3, directory).executeUpdate();
    }
  }

  private static String cut(String s, int max) { return s == null || s.length() <= max ? s : s.substring(0, max); }
}
