package dev.gangway.access;

import dev.gangway.platform.ops.AdvisoryHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health} names the directories whose guard holds revocations. It stays UP: a tripped guard
 * is a degraded state for an admin to look at, not a reason to take the node out of a load balancer
 * (the IdPs' requests keep succeeding) — so {@code status} is UP and {@code state} says {@code
 * degraded}, with the reason.
 */
@Readiness
@ApplicationScoped
public class GuardHealth implements HealthCheck {
  private AccessGuard guard;

  protected GuardHealth() {}

  @Inject
  GuardHealth(AccessGuard guard) {
    this.guard = guard;
  }

  @Override
  public HealthCheckResponse call() {
    return AdvisoryHealth.of(
        "access-guard",
        () -> {
          List<GuardCounts.Tripped> tripped = guard.tripped();
          if (tripped.isEmpty()) return Optional.empty();
          StringBuilder reason = new StringBuilder();
          for (GuardCounts.Tripped t : tripped) {
            if (reason.length() > 0) reason.append("; ");
            reason
                .append("directory ")
                .append(t.directoryId())
                .append(": revocations of ")
                .append(t.users())
                .append(" users held since ")
                .append(t.since());
          }
          return Optional.of(
              new AdvisoryHealth.Degraded(
                  "tripped",
                  tripped.size(),
                  "mass-deprovisioning guard tripped — "
                      + reason
                      + " (see /admin/api/directories/{id}/status; POST …/guard/release applies them)"));
        });
  }
}
