package dev.gangway.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the use cases answer it, never its secret: where to, which events, which
 * project.
 */
public record SubscriptionSummary(
    long id, String url, List<String> events, String project, Instant createdAt) {
  static SubscriptionSummary of(Subscription s) {
    return new SubscriptionSummary(s.id(), s.url(), s.events(), s.projectKey(), s.createdAt());
  }
}
