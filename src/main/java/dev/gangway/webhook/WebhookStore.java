package dev.gangway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The delivery side's reads and writes, each its own short transaction. Only the workers write here
 * (never a SCIM request): the dispatcher's lease row, the subscriptions' sequence and lease
 * columns, and the delivery rows — each by primary key.
 */
public interface WebhookStore {
  /** Outbox events one dispatch moves at most. */
  int DISPATCH_BATCH = 500;

  /**
   * If this node holds (or takes) the dispatcher's lease: turns up to {@link #DISPATCH_BATCH}
   * committed, undispatched outbox events — in id order — into deliveries of each subscription that
   * wants them ({@link Subscription#wants}), numbered after the subscription's last; then the
   * replays asked for. Returns the events dispatched (−1 without the lease).
   */
  int dispatch(String node, Duration lease);

  boolean anyActive();

  /**
   * Whether committed events or replays wait for the dispatcher — one read, so that the lease is
   * taken (a write) only when there is something to dispatch.
   */
  boolean pendingEvents();

  /**
   * Active subscriptions whose next delivery (the head of its queue: only it can be waiting for a
   * retry) is due, and whose lease is free or this node's.
   */
  List<Long> due(String node);

  /**
   * Takes (or renews) the subscription's delivery lease: true if this node is now its only sender.
   */
  boolean claim(long subscriptionId, String node, Duration lease);

  /** A node that stops gives up its leases. */
  void releaseAll(String node);

  void release(long subscriptionId, String node);

  /**
   * The next delivery of a subscription, in its order: what to send, to where, signed with what.
   */
  record Next(
      long deliveryId,
      long subscriptionId,
      String url,
      String secretEnc,
      String eventId,
      String body,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt) {}

  /**
   * The subscription's next pending deliveries, in its order (the lease holder alone sends them).
   */
  List<Next> next(long subscriptionId, int limit);

  void delivered(long deliveryId, int status, Instant at);

  /** A failed attempt: retried at {@code retryAt}, or given up ({@code retryAt} null). */
  void failed(long deliveryId, Integer status, String error, Instant at, Instant retryAt);

  /** Subscriptions whose next delivery has failed at least once: failing now. */
  long failing();

  /**
   * Delivered or given-up deliveries, and dispatched events, older than the retention: removed in
   * batches.
   */
  int purge(Duration retention);
}
