package dev.gangway.platform.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gangway's application metrics at {@code /metrics}: SCIM requests by endpoint, method and status,
 * their latency, and effective-access updates by kind.
 */
@ApplicationScoped
public class Metrics {
  private static final Metadata LATENCY = Metadata.builder().withName("gangway_scim_request_duration_ms")
      .withDescription("SCIM request latency in milliseconds").withUnit(MetricUnits.NONE).build();

  @Inject MetricRegistry registry;

  public void scimRequest(String endpoint, String method, int status, Duration took) {
    registry.counter("gangway_scim_requests", new Tag("endpoint", endpoint), new Tag("method", method),
        new Tag("status", String.valueOf(status))).inc();
    registry.histogram(LATENCY, new Tag("endpoint", endpoint), new Tag("method", method)).update(took.toMillis());
  }

  public void accessUpdate(String kind) {
    registry.counter("gangway_access_updates", new Tag("kind", kind)).inc();
  }

  /** The resource type a SCIM path names: /scim/v2/Users/abc → Users. */
  public static String endpoint(String path) {
    String rest = path.replaceFirst("^.*?/scim/v2/?", "");
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    return first.isEmpty() ? "root" : first;
  }
}
