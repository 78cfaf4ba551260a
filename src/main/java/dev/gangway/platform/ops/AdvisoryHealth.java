package dev.gangway.platform.ops;

import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The shape of a {@code /health} check for a condition an admin should look at but that does not
 * stop this node from serving (a tripped access guard, a failing webhook receiver): always UP, so
 * that no load balancer takes the node out, with {@code state} {@code ok}, {@code degraded} (with a
 * count and the reason) or {@code unknown} (the check itself failed, named by its exception's class
 * only).
 */
public final class AdvisoryHealth {
  /** What a check found wrong: a count under its name, and the reason an admin reads. */
  public record Degraded(String countName, long count, String reason) {}

  private AdvisoryHealth() {}

  public static HealthCheckResponse of(String name, Supplier<Optional<Degraded>> check) {
    var response = HealthCheckResponse.named(name).up();
    try {
      Optional<Degraded> degraded = check.get();
      if (degraded.isEmpty()) return response.withData("state", "ok").build();
      Degraded d = degraded.get();
      return response
          .withData("state", "degraded")
          .withData(d.countName(), d.count())
          .withData("reason", d.reason())
          .build();
    } catch (RuntimeException e) {
      return response
          .withData("state", "unknown")
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
