package dev.gangway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The health of a directory's sync, from its SCIM traffic (counted in hourly buckets):
 *
 * <ul>
 *   <li><b>idle</b>: no request in the last 24 hours;
 *   <li><b>failing</b>: in the last hour, at least 4 requests and at least half of them failed;
 *   <li><b>degraded</b>: any failed request in the last hour, or 5 % or more of the last 24 hours'
 *       requests failed, or drift (users the rules cannot place, licence pools over their limit);
 *   <li><b>healthy</b>: otherwise.
 * </ul>
 *
 * A failed request is one answered with status 400 or above.
 */
public enum Health {
  HEALTHY,
  DEGRADED,
  FAILING,
  IDLE;

  /** Health and the reason for it. */
  public record Verdict(Health health, String reason) {}

  public static Verdict of(
      Instant now,
      Instant lastRequestAt,
      long requestsLastHour,
      long errorsLastHour,
      long requests24h,
      long errors24h,
      boolean drift) {
    if (lastRequestAt == null || lastRequestAt.isBefore(now.minus(Duration.ofHours(24)))) {
      return new Verdict(
          IDLE,
          lastRequestAt == null ? "no SCIM request yet" : "no SCIM request in the last 24 hours");
    }
    if (requestsLastHour >= 4 && errorsLastHour * 2 >= requestsLastHour) {
      return new Verdict(
          FAILING,
          errorsLastHour + " of " + requestsLastHour + " requests failed in the last hour");
    }
    if (errorsLastHour > 0) {
      return new Verdict(
          DEGRADED,
          errorsLastHour + " of " + requestsLastHour + " requests failed in the last hour");
    }
    if (requests24h > 0 && errors24h * 20 >= requests24h && errors24h > 0) {
      return new Verdict(
          DEGRADED, errors24h + " of " + requests24h + " requests failed in the last 24 hours");
    }
    if (drift) return new Verdict(DEGRADED, "drift: see the drift signals");
    return new Verdict(HEALTHY, "requests succeed");
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
