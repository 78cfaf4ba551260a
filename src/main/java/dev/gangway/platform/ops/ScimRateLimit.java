package dev.gangway.platform.ops;

import dev.gangway.platform.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The per-directory SCIM rate limit: {@code gangway.scim.rate-limit} requests a second per
 * directory ({@code 0} or unset: off), with bursts of {@code gangway.scim.rate-burst} (default
 * twice the rate, at least 1); {@code rate/burst} in the first is also accepted. Enforced by each
 * node on the requests it answers, in its own memory (no shared state, no database write): behind a
 * balancer spreading over N nodes a directory may reach N times the limit in total — divide it by N
 * for a cluster-wide figure.
 */
@ApplicationScoped
public class ScimRateLimit {
  private static final Logger LOG = Logger.getLogger(ScimRateLimit.class.getName());

  private String rateLimit;
  private Optional<String> rateBurst;

  protected ScimRateLimit() {}

  @Inject
  ScimRateLimit(
      @ConfigProperty(name = "gangway.scim.rate-limit", defaultValue = "0") String rateLimit,
      @ConfigProperty(name = "gangway.scim.rate-burst") Optional<String> rateBurst) {
    this.rateLimit = rateLimit;
    this.rateBurst = rateBurst;
  }

  private volatile TokenBuckets buckets;

  void start(@Observes Startup.Started started) {
    double[] parsed = parse(rateLimit, rateBurst.orElse(null));
    if (parsed == null) {
      LOG.info(
          "SCIM rate limit: off (set GANGWAY_SCIM_RATE_LIMIT to limit each directory's requests a second)");
      return;
    }
    buckets = new TokenBuckets(parsed[0], parsed[1]);
    LOG.info(
        "SCIM rate limit: "
            + fmt(parsed[0])
            + " requests a second per directory on this node, bursts of "
            + fmt(parsed[1]));
  }

  /** 0 when the directory may go on (or the limit is off); else the nanoseconds until it may. */
  public long waitNanos(long directory) {
    TokenBuckets b = buckets;
    return b == null ? 0 : b.take(directory, System.nanoTime());
  }

  /** {rate, burst}, or null when off; fails with a message naming the variables on nonsense. */
  static double[] parse(String limit, String burst) {
    String l = limit == null ? "" : limit.strip().toLowerCase(Locale.ROOT);
    String b = burst == null ? "" : burst.strip();
    int slash = l.indexOf('/');
    if (slash >= 0) {
      if (!b.isEmpty()) throw invalid(limit, burst);
      b = l.substring(slash + 1).strip();
      l = l.substring(0, slash).strip();
    }
    try {
      double rate = l.isEmpty() || l.equals("off") ? 0 : Double.parseDouble(l);
      if (!(rate >= 0) || Double.isInfinite(rate)) throw invalid(limit, burst);
      if (rate == 0) return null;
      double size = b.isEmpty() ? Math.max(1, Math.ceil(2 * rate)) : Double.parseDouble(b);
      if (!(size >= 1) || Double.isInfinite(size)) throw invalid(limit, burst);
      return new double[] {rate, size};
    } catch (NumberFormatException e) {
      throw invalid(limit, burst);
    }
  }

  private static IllegalArgumentException invalid(String limit, String burst) {
    return new IllegalArgumentException(
        "GANGWAY_SCIM_RATE_LIMIT (gangway.scim.rate-limit) must be a number of requests"
            + " a second (0: off), optionally as rate/burst, and GANGWAY_SCIM_RATE_BURST (gangway.scim.rate-burst) a number"
            + " of at least 1; not '"
            + limit
            + "'"
            + (burst == null ? "" : " and '" + burst + "'"));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
