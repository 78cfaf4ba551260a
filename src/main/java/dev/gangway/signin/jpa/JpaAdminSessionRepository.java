package dev.gangway.signin.jpa;

import dev.gangway.platform.persistence.InstantColumn;
import dev.gangway.signin.AdminSession;
import dev.gangway.signin.AdminSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** {@link AdminSessionRepository} in table {@code admin_session}. */
@ApplicationScoped
public class JpaAdminSessionRepository implements AdminSessionRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void deleteExpired(Instant now, int max) {
    em.createNativeQuery("DELETE FROM admin_session WHERE expires_at < ? LIMIT " + max)
        .setParameter(1, InstantColumn.utc(now))
        .executeUpdate();
  }

  @Override
  public void add(AdminSession session) {
    em.persist(session);
  }

  @Override
  public Optional<AdminSession> find(String idHash) {
    return Optional.ofNullable(em.find(AdminSession.class, idHash));
  }

  @Override
  public void touch(String idHash, Instant now, Instant notSince) {
    em.createNativeQuery(
            "UPDATE admin_session SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?")
        .setParameter(1, InstantColumn.utc(now))
        .setParameter(2, idHash)
        .setParameter(3, InstantColumn.utc(notSince))
        .executeUpdate();
  }

  @Override
  public boolean delete(String idHash) {
    return em.createNativeQuery("DELETE FROM admin_session WHERE id_hash = ?")
            .setParameter(1, idHash)
            .executeUpdate()
        > 0;
  }
}
