package dev.gangway.webhook.jpa;

import dev.gangway.webhook.OutboxEvent;
import dev.gangway.webhook.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link OutboxRepository} in table {@code webhook_outbox}. */
@ApplicationScoped
public class JpaOutboxRepository implements OutboxRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(OutboxEvent event) {
    em.persist(event);
  }
}
