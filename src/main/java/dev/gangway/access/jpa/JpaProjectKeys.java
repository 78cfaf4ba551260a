package dev.gangway.access.jpa;

import dev.gangway.webhook.ProjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * {@link ProjectKeys} for the webhook context: one indexed lookup in the access context's {@code
 * project} table.
 */
@ApplicationScoped
public class JpaProjectKeys implements ProjectKeys {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public boolean exists(String projectKey) {
    return !em.createNativeQuery("SELECT id FROM project WHERE project_key = ?")
        .setParameter(1, projectKey)
        .getResultList()
        .isEmpty();
  }
}
