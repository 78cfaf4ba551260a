package dev.gangway.platform.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
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
  private static final Metadata LATENCY =
      Metadata.builder()
          .withName("gangway_scim_request_duration_ms")
          .withDescription("SCIM request latency in milliseconds")
          .withUnit(MetricUnits.NONE)
          .build();

  private MetricRegistry registry;

  protected Metrics() {}

  @Inject
  Metrics(MetricRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts one SCIM request. Every label comes from a fixed set, whatever the client sent: the
   * endpoint from {@link #endpoint}, the method from {@link #method}, the status as a number within
   * 100–599; so that no request, authenticated or not, can add a time series.
   */
  public void scimRequest(String endpoint, String method, int status, Duration took) {
    String m = method(method);
    String st = status >= 100 && status <= 599 ? String.valueOf(status) : "other";
    registry
        .counter(
            "gangway_scim_requests",
            new Tag("endpoint", endpoint),
            new Tag("method", m),
            new Tag("status", st))
        .inc();
    registry
        .histogram(LATENCY, new Tag("endpoint", endpoint), new Tag("method", m))
        .update(took.toMillis());
  }

  /**
   * A SCIM request refused by the per-directory rate limit (directories are made by admins: a
   * bounded set).
   */
  public void scimRateLimited(long directory) {
    registry
        .counter("gangway_scim_rate_limited", new Tag("directory", String.valueOf(directory)))
        .inc();
  }

  public void accessUpdate(String kind) {
    registry.counter("gangway_access_updates", new Tag("kind", kind)).inc();
  }

  /** The label of a path that names no SCIM endpoint: all such paths share it. */
  public static final String UNMATCHED = "unmatched";

  private static final Set<String> ENDPOINTS =
      Set.of(
          "Users",
          "Groups",
          "Bulk",
          "Me",
          "ServiceProviderConfig",
          "Schemas",
          "ResourceTypes",
          ".search");
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  /**
   * The SCIM endpoint a path names, from a fixed set: /scim/v2/Users/abc → Users, /scim/v2 → root,
   * anything else (an unknown resource type, another prefix) → {@value #UNMATCHED}.
   */
  public static String endpoint(String path) {
    String prefix = "/scim/v2";
    if (path == null || !path.startsWith(prefix)) return UNMATCHED;
    String rest = path.substring(prefix.length());
    if (rest.isEmpty() || rest.equals("/")) return "root";
    if (rest.charAt(0) != '/') return UNMATCHED;
    int slash = rest.indexOf('/', 1);
    String first = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
    int semi = first.indexOf(';'); // a matrix parameter does not make another endpoint
    if (semi >= 0) first = first.substring(0, semi);
    return ENDPOINTS.contains(first) ? first : UNMATCHED;
  }

  /** The method label: the HTTP methods SCIM uses, any other as "other". */
  public static String method(String method) {
    return METHODS.contains(method) ? method : "other";
  }
}
