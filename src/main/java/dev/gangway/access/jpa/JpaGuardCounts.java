package dev.gangway.access.jpa;

import dev.gangway.access.GuardCounts;
import dev.gangway.directory.Directory;
import dev.gangway.identity.jpa.IdentityJoins;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The guard's counts in SQL: revocations from {@code access_event (guard_directory_id, at)}, held
 * grants from {@code ix_grant_held}, the directory's users with access through identity's user
 * table.
 */
@ApplicationScoped
public class JpaGuardCounts implements GuardCounts {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public Optional<Directory> directory(long directoryId) {
    return Optional.ofNullable(em.find(Directory.class, directoryId));
  }

  @Override
  public long revokedSince(long directoryId, Instant start) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(DISTINCT user_id) FROM access_event"
                        + " WHERE guard_directory_id = ? AND at >= ? AND kind = 'REVOKED'")
                .setParameter(1, directoryId)
                .setParameter(2, InstantColumn.utc(start))
                .getSingleResult())
        .longValue();
  }

  @Override
  public boolean heldExists(long directoryId) {
    return !em.createNativeQuery("SELECT id FROM access_grant WHERE held_directory_id = ?")
        .setParameter(1, directoryId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public long usersWithAccess(long directoryId) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(DISTINCT g.user_id) FROM access_grant g "
                        + IdentityJoins.sqlJoinUser("u", "g.user_id")
                        + " WHERE "
                        + IdentityJoins.sqlDirectory("u")
                        + " = ? AND g.state = 'GRANTED'")
                .setParameter(1, directoryId)
                .getSingleResult())
        .longValue();
  }

  @Override
  public Held held(long directoryId) {
    Object[] held =
        (Object[])
            em.createNativeQuery(
                    "SELECT COUNT(DISTINCT user_id), COUNT(*), MIN(held_since),"
                        + " MAX(held_since) FROM access_grant WHERE held_directory_id = ?")
                .setParameter(1, directoryId)
                .getSingleResult();
    return new Held(
        ((Number) held[0]).longValue(),
        ((Number) held[1]).longValue(),
        InstantColumn.instant(held[2]),
        InstantColumn.instant(held[3]));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<HeldRow> heldRows(long directoryId, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT g.user_id, g.held_user_name, g.binding_id, p.project_key,"
                    + " r.name, g.held_since, g.held_cause FROM access_grant g JOIN project p ON p.id = g.project_id"
                    + " JOIN project_role r ON r.id = g.role_id WHERE g.held_directory_id = ?"
                    + " ORDER BY g.held_since, g.user_id, g.binding_id")
            .setParameter(1, directoryId)
            .setMaxResults(limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new HeldRow(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (String) r[3],
                    (String) r[4],
                    InstantColumn.instant(r[5]),
                    (String) r[6]))
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Tripped> tripped() {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT held_directory_id, COUNT(DISTINCT user_id), MIN(held_since)"
                    + " FROM access_grant WHERE held_directory_id IS NOT NULL GROUP BY held_directory_id")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Tripped(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(),
                    InstantColumn.instant(r[2])))
        .toList();
  }
}
