package dev.gangway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions and what admins see of their deliveries, in the caller's transaction. */
public interface SubscriptionRepository {
  /** Stores a new subscription; its id is known on return. */
  void add(Subscription subscription);

  Optional<Subscription> find(long id);

  /** The active subscriptions, by id. */
  List<Subscription> active();

  /** The head of a subscription's queue (its next pending delivery): only it can have failed. */
  record Head(
      int attempts,
      Instant firstFailedAt,
      Integer lastStatus,
      String lastError,
      Instant nextAttemptAt) {}

  /**
   * How many deliveries wait, when the last one was delivered, and the head of the queue (null:
   * none waits).
   */
  record DeliveryState(long pending, Instant lastDeliveredAt, Head head) {}

  DeliveryState deliveryState(long subscriptionId);

  /** The subscription's deliveries, newest first, at most {@code limit}. */
  List<WebhookAdministration.Delivery> deliveries(long subscriptionId, int limit);

  /** Asks the dispatcher to queue again every retained event since {@code from}. */
  void replayFrom(long subscriptionId, Instant from);
}
