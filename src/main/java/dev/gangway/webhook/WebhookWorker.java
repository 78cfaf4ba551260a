package dev.gangway.webhook;

import dev.gangway.platform.Startup;
import dev.gangway.platform.ops.NodeName;
import dev.gangway.platform.persistence.Retry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Delivers the outbox. Every {@code gangway.webhook.poll} (500 ms) each node: the dispatcher step
 * (one node at a time, {@link WebhookStore#dispatch}), then, for each subscription with a due
 * delivery whose lease it can take, a sender on the bounded pool: it sends that subscription's
 * deliveries one at a time in sequence order, stops at the first failure (which waits its backoff:
 * nothing after it overtakes it) and gives up on a delivery only when it has failed for {@code
 * gangway.webhook.retry-for} (3 days). Outbound calls run on this pool only — never on a request
 * thread — with connect and response timeouts; a slow receiver holds one sender at most.
 */
@ApplicationScoped
public class WebhookWorker {
  private static final Logger LOG = Logger.getLogger(WebhookWorker.class.getName());

  /**
   * A subscription's delivery lease: renewed by its sender once a third of it has passed (checked
   * before each send), so it outlasts a third of itself plus the longest send (set at start).
   */
  private volatile Duration lease = Duration.ofSeconds(60);

  /**
   * The dispatcher's lease: only a preference for the node that dispatched last (its row is locked
   * for the dispatch's transaction anyway), so short — a node that dies is replaced within it.
   */
  private volatile Duration dispatchLease = Duration.ofSeconds(5);

  /** Deliveries a sender sends in a row before it yields its thread to other subscriptions. */
  static final int BURST = 500;

  /** Deliveries read at once: the sender holds the lease, so nobody else changes them meanwhile. */
  static final int BATCH = 50;

  private WebhookStore store;
  private SecretBox secrets;
  private Clock clock;
  private MetricRegistry registry;
  private String poll;
  private String retryMin;
  private String retryMax;
  private String retryFor;
  private String retention;
  private int threads;
  private String connectTimeout;
  private String timeout;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threadFactory;

  private final String node = NodeName.unique();
  private final Set<Long> sending = ConcurrentHashMap.newKeySet();
  private final AtomicLong failingSubscriptions = new AtomicLong();
  private volatile ThreadPoolExecutor senders;
  private volatile HttpClient http;
  private volatile ScheduledFuture<?> task;
  private volatile Backoff backoff;
  private volatile Duration giveUpAfter;
  private volatile Duration keep;
  private volatile Duration requestTimeout;
  private volatile long lastFailureLog;
  private volatile long lastPurge;
  private volatile long lastCount;
  private volatile long lastActiveCheck;
  private volatile long lastIdleDispatch;
  private volatile boolean active;

  /** Without an active subscription, the outbox is looked at this often (ms). */
  static final long IDLE_MS = 5_000;

  protected WebhookWorker() {}

  @Inject
  WebhookWorker(
      WebhookStore store,
      SecretBox secrets,
      Clock clock,
      MetricRegistry registry,
      @ConfigProperty(name = "gangway.webhook.poll", defaultValue = "PT0.5S") String poll,
      @ConfigProperty(name = "gangway.webhook.retry-min", defaultValue = "PT1S") String retryMin,
      @ConfigProperty(name = "gangway.webhook.retry-max", defaultValue = "PT5M") String retryMax,
      @ConfigProperty(name = "gangway.webhook.retry-for", defaultValue = "P3D") String retryFor,
      @ConfigProperty(name = "gangway.webhook.retention", defaultValue = "P7D") String retention,
      @ConfigProperty(name = "gangway.webhook.threads", defaultValue = "4") int threads,
      @ConfigProperty(name = "gangway.webhook.connect-timeout", defaultValue = "PT5S")
          String connectTimeout,
      @ConfigProperty(name = "gangway.webhook.timeout", defaultValue = "PT10S") String timeout) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    this.registry = registry;
    this.poll = poll;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.retryFor = retryFor;
    this.retention = retention;
    this.threads = threads;
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
  }

  void start(@Observes Startup.Started started) {
    backoff =
        new Backoff(
            Backoff.parse(retryMin, "gangway.webhook.retry-min"),
            Backoff.parse(retryMax, "gangway.webhook.retry-max"));
    giveUpAfter = Backoff.parse(retryFor, "gangway.webhook.retry-for");
    keep = Backoff.parse(retention, "gangway.webhook.retention");
    if (keep.compareTo(giveUpAfter) < 0) keep = giveUpAfter.plusDays(1);
    requestTimeout = Backoff.parse(timeout, "gangway.webhook.timeout");
    Duration longestSend =
        Backoff.parse(connectTimeout, "gangway.webhook.connect-timeout").plus(requestTimeout);
    if (longestSend.multipliedBy(2).compareTo(lease) > 0) lease = longestSend.multipliedBy(2);
    int n = Math.max(1, threads);
    senders =
        new ThreadPoolExecutor(
            n,
            n,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(n * 4),
            threadFactory,
            new ThreadPoolExecutor.AbortPolicy());
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Backoff.parse(connectTimeout, "gangway.webhook.connect-timeout"))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    registry.gauge("gangway_webhook_failing_subscriptions", failingSubscriptions::get);
    long every = Math.max(50, Backoff.parse(poll, "gangway.webhook.poll").toMillis());
    dispatchLease = Duration.ofMillis(Math.max(5_000, 4 * every));
    task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "Webhooks: outbox polled every "
            + every
            + " ms, "
            + n
            + " senders, retries from "
            + backoff.min()
            + " to "
            + backoff.max()
            + " for "
            + giveUpAfter
            + " (this node: "
            + node
            + ")");
  }

  /** A subscription was created on this node: look for active subscriptions on the next tick. */
  void wake() {
    lastActiveCheck = 0;
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) t.cancel(false);
    ThreadPoolExecutor s = senders;
    if (s != null) s.shutdownNow();
    try {
      store.releaseAll(node); // the other nodes take over at once, not when the leases run out
    } catch (RuntimeException e) {
      // the leases run out by themselves
    }
  }

  private void tick() {
    long now = System.currentTimeMillis();
    try {
      // whether anyone subscribes, checked every IDLE_MS: without subscriptions a node costs one
      // query every few seconds, and the outbox is drained (marked dispatched) at that pace
      if (now - lastActiveCheck >= IDLE_MS) {
        lastActiveCheck = now;
        active = store.anyActive();
      }
      if (now - lastPurge
          > 60_000) { // sent events and deliveries past the retention, with or without
        // subscriptions
        lastPurge = now;
        for (int i = 0; i < 20 && store.purge(keep) >= 1000; i++) {
          // a full batch: more may wait
        }
      }
      if (!active && now - lastIdleDispatch < IDLE_MS) return;
      lastIdleDispatch = now;
      for (int i = 0; i < 10 && store.pendingEvents(); i++) {
        if (store.dispatch(node, dispatchLease) < WebhookStore.DISPATCH_BATCH) break;
      }
    } catch (RuntimeException e) {
      if (!Retry.isConcurrencyConflict(e)) logFailure("dispatching", e);
    }
    if (!active) return;
    try {
      for (Long id : store.due(node)) {
        if (!sending.add(id)) continue; // one of this node's senders has it already
        boolean handed = false;
        try {
          if (store.claim(id, node, lease)) {
            try {
              senders.execute(() -> drain(id));
              handed = true;
            } catch (RejectedExecutionException full) {
              store.release(id, node); // every sender busy: a later tick (or another node) takes it
            }
          }
        } catch (RuntimeException e) {
          if (!Retry.isConcurrencyConflict(e)) logFailure("claiming a subscription", e);
        } finally {
          if (!handed) sending.remove(id);
        }
      }
      if (now - lastCount > 5_000) {
        lastCount = now;
        failingSubscriptions.set(store.failing());
      }
    } catch (RuntimeException e) {
      logFailure("delivering", e);
    }
  }

  /**
   * Sends a subscription's due deliveries in order while it holds the lease; stops at a failure.
   */
  void drain(long subscriptionId) {
    try {
      long renewed = System.nanoTime();
      int sent = 0;
      batches:
      while (sent < BURST) {
        List<WebhookStore.Next> batch = store.next(subscriptionId, BATCH);
        for (WebhookStore.Next next : batch) {
          if (next.nextAttemptAt().isAfter(clock.instant())) break batches;
          // the lease (claimed for LEASE) is renewed once a third of it has passed: lost = another
          // node sends
          if (System.nanoTime() - renewed > lease.toNanos() / 3) {
            if (!store.claim(subscriptionId, node, lease)) break batches;
            renewed = System.nanoTime();
          }
          if (!send(next)) break batches;
          sent++;
        }
        if (batch.size() < BATCH) break;
      }
    } catch (RuntimeException e) {
      logFailure("sending to subscription " + subscriptionId, e);
    } finally {
      try {
        store.release(subscriptionId, node);
      } catch (RuntimeException e) {
        // the lease runs out by itself
      }
      sending.remove(subscriptionId);
    }
  }

  private boolean send(WebhookStore.Next d) {
    Instant at = clock.instant();
    long timestamp = at.getEpochSecond();
    Integer status = null;
    String error;
    try {
      String secret = secrets.open(d.secretEnc(), d.subscriptionId());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(d.url()))
              .timeout(requestTimeout)
              .header("Content-Type", "application/cloudevents+json; charset=utf-8")
              .header("webhook-id", d.eventId())
              .header("webhook-timestamp", String.valueOf(timestamp))
              .header(
                  "webhook-signature", Signatures.sign(secret, d.eventId(), timestamp, d.body()))
              .header("User-Agent", "Gangway-Webhooks/1")
              .POST(HttpRequest.BodyPublishers.ofString(d.body()))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
      if (status >= 200 && status < 300) {
        store.delivered(d.deliveryId(), status, clock.instant());
        registry.counter("gangway_webhook_deliveries", new Tag("result", "delivered")).inc();
        return true;
      }
      error = "the receiver answered " + status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    Instant now = clock.instant();
    boolean giveUp = Duration.between(d.createdAt(), now).compareTo(giveUpAfter) > 0;
    store.failed(
        d.deliveryId(),
        status,
        error,
        now,
        giveUp ? null : now.plus(backoff.after(d.attempts() + 1)));
    registry
        .counter("gangway_webhook_deliveries", new Tag("result", giveUp ? "given_up" : "failed"))
        .inc();
    return giveUp; // a given-up delivery no longer holds back the next
  }

  private void logFailure(String what, RuntimeException e) {
    long now = System.currentTimeMillis();
    if (now - lastFailureLog > 60_000) {
      lastFailureLog = now;
      LOG.log(
          Level.WARNING, "webhooks: " + what + " failed; tried again on the next tick: " + e, e);
    }
  }
}
