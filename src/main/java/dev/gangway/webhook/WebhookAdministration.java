package dev.gangway.webhook;

import static dev.gangway.platform.persistence.InstantColumn.instant;
import static dev.gangway.platform.persistence.InstantColumn.utc;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Admin use cases on webhook subscriptions: create (secret shown once), list, delete, deliveries, replay. */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class WebhookAdministration {
  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject Clock clock;
  @Inject SecretBox secrets;
  @Inject AuditLog audit;
  @Inject WebhookWorker worker;

  /** A new subscription and the one moment its secret is known in clear. */
  public record Created(Subscription subscription, String secret) {}

  public Created create(String url, List<String> events, String project) {
    URI uri;
    try {
      uri = url == null ? null : URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
        || "https".equalsIgnoreCase(uri.getScheme())) || uri.getRawUserInfo() != null || url.length() > 2048) {
      throw DomainException.invalid("url must be an absolute http or https URL without credentials");
    }
    String types = null;
    if (events != null) {
      if (events.isEmpty()) throw DomainException.invalid("events, when given, names at least one event type");
      for (String t : events) {
        if (!Outbox.TYPES.contains(t)) {
          throw DomainException.invalid("unknown event type '" + t + "'; known: " + String.join(", ", Outbox.TYPES));
        }
      }
      types = String.join(",", new LinkedHashSet<>(events));
    }
    if (project != null && em.createNativeQuery("SELECT id FROM project WHERE project_key = ?").setParameter(1, project)
        .getResultList().isEmpty()) {
      throw DomainException.invalid("no project '" + project + "'");
    }
    Subscription s = new Subscription(uri.toString(), types, project, clock.instant());
    em.persist(s);
    em.flush();
    String secret = Signatures.newSecret();
    s.secret(secrets.seal(secret, s.id()));
    worker.wake();
    audit.record("webhook.created", "webhook", String.valueOf(s.id()), AuditLog.details("url", s.url(),
        "events", types, "project", project));
    return new Created(s, secret);
  }

  /** A subscription as admins see it, with its delivery state; never its secret. */
  public record View(long id, String url, List<String> events, String project, Instant createdAt, String state,
                     long pending, Instant failingSince, Integer lastStatus, String lastError, Instant nextAttemptAt,
                     Instant lastDeliveredAt, Secret secret) {}

  /** The secret, in the answer that created it only. */
  public record Secret(String value) {}

  public List<View> list() {
    List<View> views = new ArrayList<>();
    for (Subscription s : em.createQuery("select s from Subscription s where s.status = 'ACTIVE' order by s.id",
        Subscription.class).getResultList()) {
      views.add(view(s));
    }
    return views;
  }

  public View get(long id) { return view(find(id)); }

  View view(Subscription s) {
    // the last delivery by the (subscription, state, seq) index, not a scan of a week of them
    Object[] f = (Object[]) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ?"
            + " AND state = 'PENDING'), (SELECT delivered_at FROM webhook_delivery WHERE subscription_id = ?"
            + " AND state = 'DELIVERED' ORDER BY seq DESC LIMIT 1)")
        .setParameter(1, s.id()).setParameter(2, s.id()).getSingleResult();
    @SuppressWarnings("unchecked")
    List<Object[]> head = em.createNativeQuery("SELECT attempts, first_failed_at, last_status, last_error, next_attempt_at"
            + " FROM webhook_delivery WHERE subscription_id = ? AND state = 'PENDING' ORDER BY seq")
        .setParameter(1, s.id()).setMaxResults(1).getResultList();
    boolean failing = !head.isEmpty() && ((Number) head.get(0)[0]).intValue() > 0;
    Object[] h = head.isEmpty() ? new Object[5] : head.get(0);
    return new View(s.id(), s.url(), s.events(), s.projectKey(), s.createdAt(), failing ? "failing" : "ok",
        ((Number) f[0]).longValue(), failing ? instant(h[1]) : null, failing && h[2] != null ? Integer.valueOf(((Number) h[2]).intValue()) : null, failing ? (String) h[3] : null, head.isEmpty() ? null : instant(h[4]),
        instant(f[1]), null);
  }

  public void delete(long id) {
    Subscription s = find(id);
    s.delete();
    audit.record("webhook.deleted", "webhook", String.valueOf(id), AuditLog.details("url", s.url()));
  }

  /** One delivery of an event to the subscription: its state, attempts and the receiver's last answer. */
  public record Delivery(long seq, String eventId, String type, Instant eventTime, String state, int attempts,
                         Integer responseStatus, String error, Instant lastAttemptAt, Instant nextAttemptAt,
                         Instant deliveredAt) {}

  @SuppressWarnings("unchecked")
  public List<Delivery> deliveries(long id, int limit) {
    find(id);
    List<Delivery> out = new ArrayList<>();
    for (Object[] r : (List<Object[]>) em.createNativeQuery("SELECT d.seq, o.event_id, o.type, o.at, d.state, d.attempts,"
            + " d.last_status, d.last_error, d.last_attempt_at, d.next_attempt_at, d.delivered_at FROM webhook_delivery d"
            + " JOIN webhook_outbox o ON o.id = d.outbox_id WHERE d.subscription_id = ? ORDER BY d.seq DESC")
        .setParameter(1, id).setMaxResults(limit).getResultList()) {
      String state = ((String) r[4]).toLowerCase(java.util.Locale.ROOT);
      out.add(new Delivery(((Number) r[0]).longValue(), (String) r[1], (String) r[2], instant(r[3]), state,
          ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(), (String) r[7], instant(r[8]),
          "pending".equals(state) ? instant(r[9]) : null, instant(r[10])));
    }
    return out;
  }

  /** Sends again, after what is queued, every retained event since {@code from} (the dispatcher queues them). */
  public Instant replay(long id, Instant from) {
    find(id);
    if (from == null) throw DomainException.invalid("a JSON body {\"from\": \"<instant>\"} is required");
    if (from.isAfter(clock.instant())) throw DomainException.invalid("from is in the future");
    em.createNativeQuery("UPDATE webhook_subscription SET replay_from = ?, replay_after_id = NULL WHERE id = ?")
        .setParameter(1, utc(from)).setParameter(2, id).executeUpdate();
    audit.record("webhook.replayed", "webhook", String.valueOf(id), AuditLog.details("from", from.toString()));
    return from;
  }

  Subscription find(long id) {
    Subscription s = em.find(Subscription.class, id);
    if (s == null || !s.active()) throw DomainException.notFound("no webhook " + id);
    return s;
  }
}
