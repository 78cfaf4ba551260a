package dev.gangway.reporting.jpa;

import dev.gangway.platform.persistence.InstantColumn;
import dev.gangway.reporting.ExportQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ExportQueries} in native SQL over every context's tables: reporting owns these cross-table
 * reads.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JpaExportQueries implements ExportQueries {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public List<Object[]> currentAccess(Long projectId, long after) {
    return rows(
        "SELECT g.id, g.user_id, u.user_name, u.directory_id, p.project_key, r.name, g.binding_id, g.since"
            + " FROM access_grant g JOIN scim_user u ON u.id = g.user_id JOIN project p ON p.id = g.project_id"
            + " JOIN project_role r ON r.id = g.role_id"
            + " WHERE "
            + (projectId == null ? "" : "g.project_id = ? AND ")
            + "g.state = 'GRANTED' AND g.id > ?"
            + " ORDER BY g.id",
        projectId,
        after);
  }

  @Override
  public Optional<Long> projectId(String key) {
    List<?> r =
        em.createNativeQuery("SELECT id FROM project WHERE project_key = ?")
            .setParameter(1, key)
            .getResultList();
    return r.isEmpty() ? Optional.empty() : Optional.of(((Number) r.get(0)).longValue());
  }

  @Override
  public Subject subject(long bindingId) {
    Object[] b =
        (Object[])
            em.createNativeQuery("SELECT subject_type, subject_ref FROM binding WHERE id = ?")
                .setParameter(1, bindingId)
                .getSingleResult();
    String type = (String) b[0];
    String ref = (String) b[1];
    List<?> name =
        type.equals("GROUP")
            ? em.createNativeQuery("SELECT display_name FROM scim_group WHERE id = ?")
                .setParameter(1, ref)
                .getResultList()
            : em.createNativeQuery("SELECT company_key FROM company WHERE id = ?")
                .setParameter(1, Long.valueOf(ref))
                .getResultList();
    return new Subject(
        type.toLowerCase(Locale.ROOT), name.isEmpty() ? "(deleted)" : (String) name.get(0));
  }

  /** Every path whose last event at or before the instant was a grant. */
  @Override
  public List<Object[]> accessAt(Instant at, String project, long after) {
    LocalDateTime t = utc(at);
    return rows(
        "SELECT e.id, e.user_id, e.user_name, e.project_key, e.role_name, e.via_type, e.via_name, e.at"
            + " FROM access_event e WHERE e.kind = 'GRANTED' AND e.at <= ? AND e.id > ?"
            + (project == null ? "" : " AND e.project_key = ?")
            + " AND NOT EXISTS (SELECT 1 FROM access_event n WHERE n.user_id = e.user_id AND n.binding_id = e.binding_id"
            + " AND n.id > e.id AND n.at <= ?) ORDER BY e.id",
        project == null ? new Object[] {t, after, t} : new Object[] {t, after, project, t});
  }

  @Override
  public List<Object[]> accessChanges(Instant from, Instant to, long after) {
    return rows(
        "SELECT e.id, e.at, e.kind, e.user_id, e.user_name, e.project_key, e.role_name, e.via_type,"
            + " e.via_name, e.cause FROM access_event e WHERE e.at >= ? AND e.at < ? AND e.id > ? ORDER BY e.id",
        utc(from),
        utc(to),
        after);
  }

  @Override
  public List<Object[]> users(String after) {
    return rowsAfterText(
        "SELECT u.id, u.user_name, u.directory_id, d.name,"
            + " (SELECT c.company_key FROM company_member m JOIN company c ON c.id = m.company_id WHERE m.user_id = u.id),"
            + " u.active, u.created_at, u.deactivated_at FROM scim_user u JOIN directory d ON d.id = u.directory_id"
            + " WHERE u.id > ? ORDER BY u.id",
        after);
  }

  /**
   * With when the IdP's request arrived and when the access paths that request revoked were gone
   * (same cause).
   */
  @Override
  public List<Object[]> deprovisioning(long after) {
    return rows(
        "SELECT a.seq, a.target_id, a.action, a.actor, a.at,"
            + " (SELECT MAX(e.at) FROM access_event e WHERE e.user_id = a.target_id AND e.kind = 'REVOKED'"
            + "   AND e.at >= a.at AND e.cause = a.cause),"
            + " (SELECT COUNT(*) FROM access_event e WHERE e.user_id = a.target_id AND e.kind = 'REVOKED'"
            + "   AND e.at >= a.at AND e.cause = a.cause),"
            + " (SELECT COUNT(*) FROM access_grant g WHERE g.user_id = a.target_id AND g.state = 'GRANTED'"
            + "   AND NOT EXISTS (SELECT 1 FROM scim_user u WHERE u.id = a.target_id AND u.active = TRUE))"
            + " FROM audit_record a WHERE a.action IN ('user.deactivated', 'user.deleted') AND a.seq > ? ORDER BY a.seq",
        after);
  }

  @Override
  public Optional<String> userName(String userId) {
    List<?> r =
        em.createNativeQuery("SELECT user_name FROM scim_user WHERE id = ?")
            .setParameter(1, userId)
            .getResultList();
    if (!r.isEmpty()) return Optional.ofNullable((String) r.get(0));
    List<?> e =
        em.createNativeQuery(
                "SELECT user_name FROM access_event WHERE user_id = ? ORDER BY id DESC")
            .setParameter(1, userId)
            .setMaxResults(1)
            .getResultList();
    return e.isEmpty() ? Optional.empty() : Optional.ofNullable((String) e.get(0));
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, Object... params) {
    var q = em.createNativeQuery(sql);
    int i = 1;
    for (Object p : params) if (p != null) q.setParameter(i++, p);
    return instants(q.setMaxResults(BATCH).getResultList());
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rowsAfterText(String sql, String after) {
    return instants(
        em.createNativeQuery(sql).setParameter(1, after).setMaxResults(BATCH).getResultList());
  }

  /** The rows with their time values (driver-dependent types) as the instants they store. */
  private static List<Object[]> instants(List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object[] copy = r.clone();
      for (int i = 0; i < copy.length; i++) {
        if (copy[i] instanceof Timestamp
            || copy[i] instanceof LocalDateTime
            || copy[i] instanceof OffsetDateTime) {
          copy[i] = InstantColumn.instant(copy[i]);
        }
      }
      out.add(copy);
    }
    return out;
  }

  private static LocalDateTime utc(Instant i) {
    return InstantColumn.utc(i);
  }
}
