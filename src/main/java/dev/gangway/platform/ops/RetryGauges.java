package dev.gangway.platform.ops;

import dev.gangway.platform.Startup;
import dev.gangway.platform.persistence.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * How often this node's transactions lost a race and ran again ({@code
 * gangway_transaction_retries}) and how often one ran out of attempts and answered a conflict
 * ({@code gangway_transaction_retries_exhausted}): write contention, across nodes too.
 */
@ApplicationScoped
public class RetryGauges {
  private MetricRegistry registry;

  protected RetryGauges() {}

  @Inject
  RetryGauges(MetricRegistry registry) {
    this.registry = registry;
  }

  void register(@Observes Startup.Started started) {
    registry.gauge("gangway_transaction_retries", Retry::retries);
    registry.gauge("gangway_transaction_retries_exhausted", Retry::exhausted);
  }
}
