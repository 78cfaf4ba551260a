package dev.gangway.webhook.jpa;

import static dev.gangway.platform.persistence.InstantColumn.instant;
import static dev.gangway.platform.persistence.InstantColumn.utc;

import dev.gangway.webhook.Subscription;
import dev.gangway.webhook.SubscriptionRepository;
import dev.gangway.webhook.WebhookAdministration.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link SubscriptionRepository} in tables webhook_subscription, webhook_delivery and
 * webhook_outbox.
 */
@ApplicationScoped
public class JpaSubscriptionRepository implements SubscriptionRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(Subscription subscription) {
    em.persist(subscription);
    em.flush();
  }

  @Override
  public Optional<Subscription> find(long id) {
    return Optional.ofNullable(em.find(Subscription.class, id));
  }

  @Override
  public List<Subscription> active() {
    return em.createQuery(
            "select s from Subscription s where s.status = 'ACTIVE' order by s.id",
            Subscription.class)
        .getResultList();
  }

  @Override
  public DeliveryState deliveryState(long subscriptionId) {
    // the last delivery by the (subscription, state, seq) index, not a scan of a week of them
    Object[] f =
        (Object[])
            em.createNativeQuery(
                    "SELECT (SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ?"
                        + " AND state = 'PENDING'), (SELECT delivered_at FROM webhook_delivery WHERE subscription_id = ?"
                        + " AND state = 'DELIVERED' ORDER BY seq DESC LIMIT 1)")
                .setParameter(1, subscriptionId)
                .setParameter(2, subscriptionId)
                .getSingleResult();
    @SuppressWarnings("unchecked")
    List<Object[]> head =
        em.createNativeQuery(
                "SELECT attempts, first_failed_at, last_status, last_error, next_attempt_at"
                    + " FROM webhook_delivery WHERE subscription_id = ? AND state = 'PENDING' ORDER BY seq")
            .setParameter(1, subscriptionId)
            .setMaxResults(1)
            .getResultList();
    Object[] r = head.isEmpty() ? null : head.get(0);
    Head h =
        r == null
            ? null
            : new Head(
                ((Number) r[0]).intValue(),
                instant(r[1]),
                r[2] == null ? null : ((Number) r[2]).intValue(),
                (String) r[3],
                instant(r[4]));
    return new DeliveryState(((Number) f[0]).longValue(), instant(f[1]), h);
  }

  @SuppressWarnings("unchecked")
  @Override
  public List<Delivery> deliveries(long subscriptionId, int limit) {
    List<Delivery> out = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "SELECT d.seq, o.event_id, o.type, o.at, d.state, d.attempts,"
                        + " d.last_status, d.last_error, d.last_attempt_at, d.next_attempt_at, d.delivered_at FROM webhook_delivery d"
                        + " JOIN webhook_outbox o ON o.id = d.outbox_id WHERE d.subscription_id = ? ORDER BY d.seq DESC")
                .setParameter(1, subscriptionId)
                .setMaxResults(limit)
                .getResultList()) {
      out.add(
          new Delivery(
              ((Number) r[0]).longValue(),
              (String) r[1],
              (String) r[2],
              instant(r[3]),
              ((String) r[4]).toLowerCase(Locale.ROOT),
              ((Number) r[5]).intValue(),
              r[6] == null ? null : ((Number) r[6]).intValue(),
              (String) r[7],
              instant(r[8]),
              instant(r[9]),
              instant(r[10])));
    }
    return out;
  }

  @Override
  public void replayFrom(long subscriptionId, Instant from) {
    em.createNativeQuery(
            "UPDATE webhook_subscription SET replay_from = ?, replay_after_id = NULL WHERE id = ?")
        .setParameter(1, utc(from))
        .setParameter(2, subscriptionId)
        .executeUpdate();
  }
}
