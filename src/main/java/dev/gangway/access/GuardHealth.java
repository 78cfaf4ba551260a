package dev.gangway.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health} names the directories whose guard holds revocations. It stays UP: a tripped
 * guard is a degraded state for an admin to look at, not a reason to take the node out of a load
 * balancer (the IdPs' requests keep succeeding) — so {@code status} is UP and {@code state} says
 * {@code degraded}, with the reason.
 */
@Readiness
@ApplicationScoped
public class GuardHealth implements HealthCheck {
  @Inject AccessGuard guard;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("access-guard").up();
    try {
      var tripped = guard.tripped();
      if (tripped.isEmpty()) return response.withData("state", "ok").build();
      StringBuilder reason = new StringBuilder();
      for (GuardCounts.Tripped t : tripped) {
        if (reason.length() > 0) reason.append("; ");
        reason.append("directory ").append(t.directoryId()).append(": revocations of ")
            .append(t.users()).append(" users held since ").append(t.since());
      }
      return response.withData("state", "degraded").withData("tripped", tripped.size())
          .withData("reason", "mass-deprovisioning guard tripped — " + reason
              + " (see /admin/api/directories/{id}/status; POST …/guard/release applies them)").build();
    } catch (RuntimeException e) {
      return response.withData("state", "unknown").withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
