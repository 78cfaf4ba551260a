package dev.gangway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health} names failing webhook subscriptions (their next delivery has failed and waits
 * for a retry). Always UP: a receiver that is down is its owner's problem, not this node's.
 */
@Readiness
@ApplicationScoped
public class WebhookHealth implements HealthCheck {
  @Inject WebhookStore store;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("webhooks").up();
    try {
      long failing = store.failing();
      return failing == 0 ? response.withData("state", "ok").build()
          : response.withData("state", "degraded").withData("failingSubscriptions", failing)
              .withData("reason", failing + " webhook subscriptions are failing; see GET /admin/api/webhooks").build();
    } catch (RuntimeException e) {
      return response.withData("state", "unknown").withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
