package dev.gangway.webhook;

import dev.gangway.platform.ops.AdvisoryHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health} names failing webhook subscriptions (their next delivery has failed and waits for
 * a retry). Always UP: a receiver that is down is its owner's problem, not this node's.
 */
@Readiness
@ApplicationScoped
public class WebhookHealth implements HealthCheck {
  private WebhookStore store;

  protected WebhookHealth() {}

  @Inject
  WebhookHealth(WebhookStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    return AdvisoryHealth.of(
        "webhooks",
        () -> {
          long failing = store.failing();
          return failing == 0
              ? Optional.empty()
              : Optional.of(
                  new AdvisoryHealth.Degraded(
                      "failingSubscriptions",
                      failing,
                      failing + " webhook subscriptions are failing; see GET /admin/api/webhooks"));
        });
  }
}
