package dev.gangway.webhook;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Admin use cases on webhook subscriptions: create (secret shown once), list, delete, deliveries,
 * replay.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class WebhookAdministration {
  private SubscriptionRepository subscriptions;
  private ProjectKeys projects;
  private Clock clock;
  private SecretBox secrets;
  private AuditLog audit;
  private WebhookWorker worker;

  protected WebhookAdministration() {}

  @Inject
  WebhookAdministration(
      SubscriptionRepository subscriptions,
      ProjectKeys projects,
      Clock clock,
      SecretBox secrets,
      AuditLog audit,
      WebhookWorker worker) {
    this.subscriptions = subscriptions;
    this.projects = projects;
    this.clock = clock;
    this.secrets = secrets;
    this.audit = audit;
    this.worker = worker;
  }

  /** A new subscription and the one moment its secret is known in clear. */
  public record Created(SubscriptionSummary subscription, String secret) {}

  public Created create(String url, List<String> events, String project) {
    URI uri;
    try {
      uri = url == null ? null : URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getRawUserInfo() != null
        || url.length() > 2048) {
      throw DomainException.invalid(
          "url must be an absolute http or https URL without credentials");
    }
    String types = null;
    if (events != null) {
      if (events.isEmpty())
        throw DomainException.invalid("events, when given, names at least one event type");
      for (String t : events) {
        if (!Outbox.TYPES.contains(t)) {
          throw DomainException.invalid(
              "unknown event type '" + t + "'; known: " + String.join(", ", Outbox.TYPES));
        }
      }
      types = String.join(",", new LinkedHashSet<>(events));
    }
    if (project != null && !projects.exists(project)) {
      throw DomainException.invalid("no project '" + project + "'");
    }
    Subscription s = new Subscription(uri.toString(), types, project, clock.instant());
    subscriptions.add(s);
    String secret = Signatures.newSecret();
    s.secret(secrets.seal(secret, s.id()));
    worker.wake();
    audit.record(
        "webhook.created",
        "webhook",
        String.valueOf(s.id()),
        AuditLog.details("url", s.url(), "events", types, "project", project));
    return new Created(SubscriptionSummary.of(s), secret);
  }

  /** A subscription as admins see it, with its delivery state; never its secret. */
  public record View(
      long id,
      String url,
      List<String> events,
      String project,
      Instant createdAt,
      String state,
      long pending,
      Instant failingSince,
      Integer lastStatus,
      String lastError,
      Instant nextAttemptAt,
      Instant lastDeliveredAt,
      Secret secret) {}

  /** The secret, in the answer that created it only. */
  public record Secret(String value) {}

  public List<View> list() {
    List<View> views = new ArrayList<>();
    for (Subscription s : subscriptions.active()) views.add(view(s));
    return views;
  }

  public View get(long id) {
    return view(find(id));
  }

  View view(Subscription s) {
    SubscriptionRepository.DeliveryState state = subscriptions.deliveryState(s.id());
    SubscriptionRepository.Head head = state.head();
    boolean failing = head != null && head.attempts() > 0;
    return new View(
        s.id(),
        s.url(),
        s.events(),
        s.projectKey(),
        s.createdAt(),
        failing ? "failing" : "ok",
        state.pending(),
        failing ? head.firstFailedAt() : null,
        failing ? head.lastStatus() : null,
        failing ? head.lastError() : null,
        head == null ? null : head.nextAttemptAt(),
        state.lastDeliveredAt(),
        null);
  }

  public void delete(long id) {
    Subscription s = find(id);
    s.delete();
    audit.record(
        "webhook.deleted", "webhook", String.valueOf(id), AuditLog.details("url", s.url()));
  }

  /**
   * One delivery of an event to the subscription: its state, attempts and the receiver's last
   * answer.
   */
  public record Delivery(
      long seq,
      String eventId,
      String type,
      Instant eventTime,
      String state,
      int attempts,
      Integer responseStatus,
      String error,
      Instant lastAttemptAt,
      Instant nextAttemptAt,
      Instant deliveredAt) {
    /** As admins see it: a next attempt only while it is pending. */
    Delivery shown() {
      return "pending".equals(state)
          ? this
          : new Delivery(
              seq,
              eventId,
              type,
              eventTime,
              state,
              attempts,
              responseStatus,
              error,
              lastAttemptAt,
              null,
              deliveredAt);
    }
  }

  public List<Delivery> deliveries(long id, int limit) {
    find(id);
    return subscriptions.deliveries(id, limit).stream().map(Delivery::shown).toList();
  }

  /**
   * Sends again, after what is queued, every retained event since {@code from} (the dispatcher
   * queues them).
   */
  public Instant replay(long id, Instant from) {
    find(id);
    if (from == null)
      throw DomainException.invalid("a JSON body {\"from\": \"<instant>\"} is required");
    if (from.isAfter(clock.instant())) throw DomainException.invalid("from is in the future");
    subscriptions.replayFrom(id, from);
    audit.record(
        "webhook.replayed",
        "webhook",
        String.valueOf(id),
        AuditLog.details("from", from.toString()));
    return from;
  }

  Subscription find(long id) {
    return subscriptions
        .find(id)
        .filter(Subscription::active)
        .orElseThrow(() -> DomainException.notFound("no webhook " + id));
  }
}
