package dev.gangway.signin.jpa;

import dev.gangway.directory.SecretToken;
import dev.gangway.platform.persistence.InstantColumn;
import dev.gangway.signin.PersonalToken;
import dev.gangway.signin.PersonalTokenRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link PersonalTokenRepository} in table {@code admin_token}. */
@ApplicationScoped
public class JpaPersonalTokenRepository implements PersonalTokenRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(PersonalToken token) {
    em.persist(token);
    em.flush();
  }

  @Override
  public List<PersonalToken> list() {
    return em.createQuery("select t from PersonalToken t order by t.id", PersonalToken.class)
        .getResultList();
  }

  @Override
  public Optional<PersonalToken> find(long id) {
    return Optional.ofNullable(em.find(PersonalToken.class, id));
  }

  @Override
  public Optional<PersonalToken> findByHash(SecretToken.Hash hash) {
    return em.createQuery(
            "select t from PersonalToken t where t.tokenHash = :h", PersonalToken.class)
        .setParameter("h", hash.hex())
        .getResultStream()
        .findFirst();
  }

  @Override
  public void touch(long id, Instant now, Instant notSince) {
    em.createNativeQuery(
            "UPDATE admin_token SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")
        .setParameter(1, InstantColumn.utc(now))
        .setParameter(2, id)
        .setParameter(3, InstantColumn.utc(notSince))
        .executeUpdate();
  }
}
