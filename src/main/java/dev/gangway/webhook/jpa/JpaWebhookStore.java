package dev.gangway.webhook.jpa;

import static dev.gangway.platform.persistence.InstantColumn.instant;
import static dev.gangway.platform.persistence.InstantColumn.utc;

import dev.gangway.webhook.Subscription;
import dev.gangway.webhook.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link WebhookStore} in native SQL, each method its own short transaction; rows are written by
 * primary key.
 */
@ApplicationScoped
@Transactional
public class JpaWebhookStore implements WebhookStore {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  private Clock clock;

  protected JpaWebhookStore() {}

  @Inject
  JpaWebhookStore(Clock clock) {
    this.clock = clock;
  }

  private record Sub(
      long id,
      List<String> events,
      String projectKey,
      long seq,
      Instant replayFrom,
      Long replayAfter) {
    boolean wants(String type, String project) {
      return Subscription.wants(events, projectKey, type, project);
    }
  }

  @SuppressWarnings("unchecked")
  @Override
  public int dispatch(String node, Duration lease) {
    Instant now = clock.instant();
    int taken =
        em.createNativeQuery(
                "UPDATE webhook_lease SET owner = ?, lease_until = ? WHERE name = 'dispatcher'"
                    + " AND (owner IS NULL OR owner = ? OR lease_until < ?)")
            .setParameter(1, node)
            .setParameter(2, utc(now.plus(lease)))
            .setParameter(3, node)
            .setParameter(4, utc(now))
            .executeUpdate();
    if (taken == 0) return -1;
    List<Object[]> events =
        em.createNativeQuery(
                "SELECT id, type, project_key FROM webhook_outbox"
                    + " WHERE dispatched = FALSE ORDER BY id")
            .setMaxResults(DISPATCH_BATCH)
            .getResultList();
    List<Sub> subs = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "SELECT id, events, project_key, dispatched_seq, replay_from,"
                        + " replay_after_id FROM webhook_subscription WHERE status = 'ACTIVE' ORDER BY id")
                .getResultList()) {
      subs.add(
          new Sub(
              num(r[0]),
              r[1] == null ? null : List.of(((String) r[1]).split(",")),
              (String) r[2],
              num(r[3]),
              instant(r[4]),
              r[5] == null ? null : num(r[5])));
    }
    Map<Long, Long> seqs = new HashMap<>();
    subs.forEach(s -> seqs.put(s.id(), s.seq()));
    List<long[]> rows = new ArrayList<>();
    if (!events.isEmpty()) {
      List<Long> ids = new ArrayList<>();
      for (Object[] e : events) {
        long id = num(e[0]);
        ids.add(id);
        for (Sub s : subs) {
          if (s.wants((String) e[1], (String) e[2]))
            rows.add(new long[] {s.id(), seqs.merge(s.id(), 1L, Long::sum), id});
        }
      }
      addDeliveries(rows, now);
      int marked =
          em.createNativeQuery(
                  "UPDATE webhook_outbox SET dispatched = TRUE WHERE dispatched = FALSE AND id IN ("
                      + String.join(",", ids.stream().map(String::valueOf).toList())
                      + ")")
              .executeUpdate();
      if (marked != ids.size())
        throw new IllegalStateException("outbox events were dispatched by another node meanwhile");
    }
    for (Sub s : subs) {
      if (s.replayFrom() == null) continue;
      long after = s.replayAfter() != null ? s.replayAfter() : firstAt(s.replayFrom()) - 1;
      List<Object[]> again =
          em.createNativeQuery(
                  "SELECT id, type, project_key FROM webhook_outbox"
                      + " WHERE id > ? AND dispatched = TRUE AND at >= ? ORDER BY id")
              .setParameter(1, after)
              .setParameter(2, utc(s.replayFrom()))
              .setMaxResults(DISPATCH_BATCH)
              .getResultList();
      long last = after;
      List<long[]> replayed = new ArrayList<>();
      for (Object[] e : again) {
        last = num(e[0]);
        if (s.wants((String) e[1], (String) e[2]))
          replayed.add(new long[] {s.id(), seqs.merge(s.id(), 1L, Long::sum), last});
      }
      addDeliveries(replayed, now);
      boolean done = again.size() < DISPATCH_BATCH;
      em.createNativeQuery(
              "UPDATE webhook_subscription SET replay_from = ?, replay_after_id = ? WHERE id = ?")
          .setParameter(1, done ? null : utc(s.replayFrom()))
          .setParameter(2, done ? null : last)
          .setParameter(3, s.id())
          .executeUpdate();
    }
    for (Sub s : subs) {
      long seq = seqs.get(s.id());
      if (seq != s.seq()) {
        int moved =
            em.createNativeQuery(
                    "UPDATE webhook_subscription SET dispatched_seq = ? WHERE id = ? AND dispatched_seq = ?")
                .setParameter(1, seq)
                .setParameter(2, s.id())
                .setParameter(3, s.seq())
                .executeUpdate();
        if (moved != 1)
          throw new IllegalStateException(
              "subscription " + s.id() + " was dispatched to by another node meanwhile");
      }
    }
    return events.size();
  }

  /** The lowest id of the events since {@code from} (by the time index): where a replay starts. */
  private long firstAt(Instant from) {
    Object min =
        em.createNativeQuery("SELECT MIN(id) FROM webhook_outbox WHERE at >= ?")
            .setParameter(1, utc(from))
            .getSingleResult();
    return min == null ? Long.MAX_VALUE : num(min);
  }

  /** Deliveries (subscription, seq, outbox id), in multi-row INSERTs of up to 100. */
  private void addDeliveries(List<long[]> rows, Instant now) {
    for (int from = 0; from < rows.size(); from += 100) {
      List<long[]> chunk = rows.subList(from, Math.min(rows.size(), from + 100));
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO webhook_delivery (subscription_id, seq, outbox_id, state, attempts,"
                  + " created_at, next_attempt_at) VALUES ");
      for (int i = 0; i < chunk.size(); i++)
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'PENDING', 0, ?, ?)");
      var q = em.createNativeQuery(sql.toString());
      int p = 1;
      for (long[] r : chunk) {
        q.setParameter(p++, r[0])
            .setParameter(p++, r[1])
            .setParameter(p++, r[2])
            .setParameter(p++, utc(now))
            .setParameter(p++, utc(now));
      }
      q.executeUpdate();
    }
  }

  @Override
  public boolean anyActive() {
    return !em.createNativeQuery("SELECT id FROM webhook_subscription WHERE status = 'ACTIVE'")
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public boolean pendingEvents() {
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "SELECT (SELECT MIN(id) FROM webhook_outbox WHERE dispatched = FALSE),"
                        + " (SELECT MIN(id) FROM webhook_subscription WHERE replay_from IS NOT NULL AND status = 'ACTIVE')")
                .getSingleResult();
    return r[0] != null || r[1] != null;
  }

  @SuppressWarnings("unchecked")
  @Override
  public List<Long> due(String node) {
    Instant now = clock.instant();
    List<Long> ids = new ArrayList<>();
    for (Object r :
        em.createNativeQuery(
                "SELECT s.id FROM webhook_subscription s WHERE s.status = 'ACTIVE'"
                    + " AND (s.lease_owner IS NULL OR s.lease_owner = ? OR s.lease_until < ?) AND (SELECT d.next_attempt_at"
                    + " FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.state = 'PENDING' ORDER BY d.seq LIMIT 1) <= ?"
                    + " ORDER BY s.id")
            .setParameter(1, node)
            .setParameter(2, utc(now))
            .setParameter(3, utc(now))
            .getResultList()) {
      ids.add(num(r));
    }
    return ids;
  }

  @Override
  public boolean claim(long subscriptionId, String node, Duration lease) {
    Instant now = clock.instant();
    return em.createNativeQuery(
                "UPDATE webhook_subscription SET lease_owner = ?, lease_until = ? WHERE id = ?"
                    + " AND status = 'ACTIVE' AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")
            .setParameter(1, node)
            .setParameter(2, utc(now.plus(lease)))
            .setParameter(3, subscriptionId)
            .setParameter(4, node)
            .setParameter(5, utc(now))
            .executeUpdate()
        == 1;
  }

  @Override
  public void releaseAll(String node) {
    em.createNativeQuery(
            "UPDATE webhook_subscription SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")
        .setParameter(1, node)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE webhook_lease SET owner = NULL, lease_until = NULL WHERE owner = ?")
        .setParameter(1, node)
        .executeUpdate();
  }

  @Override
  public void release(long subscriptionId, String node) {
    em.createNativeQuery(
            "UPDATE webhook_subscription SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND lease_owner = ?")
        .setParameter(1, subscriptionId)
        .setParameter(2, node)
        .executeUpdate();
  }

  @SuppressWarnings("unchecked")
  @Override
  public List<Next> next(long subscriptionId, int limit) {
    List<Next> next = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "SELECT d.id, s.url, s.secret_enc, o.event_id, o.body,"
                        + " d.attempts, d.created_at, d.next_attempt_at FROM webhook_delivery d JOIN webhook_subscription s"
                        + " ON s.id = d.subscription_id JOIN webhook_outbox o ON o.id = d.outbox_id WHERE d.subscription_id = ?"
                        + " AND d.state = 'PENDING' ORDER BY d.seq")
                .setParameter(1, subscriptionId)
                .setMaxResults(limit)
                .getResultList()) {
      next.add(
          new Next(
              num(r[0]),
              subscriptionId,
              (String) r[1],
              (String) r[2],
              (String) r[3],
              (String) r[4],
              ((Number) r[5]).intValue(),
              instant(r[6]),
              instant(r[7])));
    }
    return next;
  }

  @Override
  public void delivered(long deliveryId, int status, Instant at) {
    em.createNativeQuery(
            "UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,"
                + " last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ? AND state = 'PENDING'")
        .setParameter(1, utc(at))
        .setParameter(2, status)
        .setParameter(3, utc(at))
        .setParameter(4, deliveryId)
        .executeUpdate();
  }

  @Override
  public void failed(long deliveryId, Integer status, String error, Instant at, Instant retryAt) {
    String e = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    em.createNativeQuery(
            "UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_attempt_at = ?,"
                + " last_status = ?, last_error = ?, next_attempt_at = ?, first_failed_at = COALESCE(first_failed_at, ?)"
                + " WHERE id = ? AND state = 'PENDING'")
        .setParameter(1, retryAt == null ? "GAVE_UP" : "PENDING")
        .setParameter(2, utc(at))
        .setParameter(3, status)
        .setParameter(4, e)
        .setParameter(5, utc(retryAt == null ? at : retryAt))
        .setParameter(6, utc(at))
        .setParameter(7, deliveryId)
        .executeUpdate();
  }

  @Override
  public long failing() {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM webhook_subscription s WHERE s.status = 'ACTIVE' AND"
                        + " (SELECT d.attempts FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.state = 'PENDING'"
                        + " ORDER BY d.seq LIMIT 1) > 0")
                .getSingleResult())
        .longValue();
  }

  @SuppressWarnings("unchecked")
  @Override
  public int purge(Duration retention) {
    Instant before = clock.instant().minus(retention);
    List<Object> deliveries =
        em.createNativeQuery(
                "SELECT id FROM webhook_delivery WHERE created_at < ?"
                    + " AND state <> 'PENDING' ORDER BY created_at, id")
            .setParameter(1, utc(before))
            .setMaxResults(1000)
            .getResultList();
    int n = 0;
    if (!deliveries.isEmpty()) {
      n +=
          em.createNativeQuery(
                  "DELETE FROM webhook_delivery WHERE id IN (" + join(deliveries) + ")")
              .executeUpdate();
    }
    List<Object> events =
        em.createNativeQuery(
                "SELECT o.id FROM webhook_outbox o WHERE o.at < ? AND o.dispatched = TRUE"
                    + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.outbox_id = o.id AND d.state = 'PENDING')"
                    + " ORDER BY o.at, o.id")
            .setParameter(1, utc(before))
            .setMaxResults(1000)
            .getResultList();
    if (!events.isEmpty()) {
      n +=
          em.createNativeQuery("DELETE FROM webhook_outbox WHERE id IN (" + join(events) + ")")
              .executeUpdate();
    }
    return n;
  }

  private static String join(List<Object> ids) {
    return String.join(",", ids.stream().map(i -> String.valueOf(num(i))).toList());
  }

  static long num(Object o) {
    return ((Number) o).longValue();
  }
}
