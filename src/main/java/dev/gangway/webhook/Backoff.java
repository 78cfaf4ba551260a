package dev.gangway.webhook;

import java.time.Duration;

/**
 * The wait before a delivery's next attempt: {@code min} after the first failure, doubling with
 * each further one, never more than {@code max}; no jitter is needed, since one worker at a time
 * sends a subscription's events.
 */
public record Backoff(Duration min, Duration max) {
  public Backoff {
    if (min.isNegative() || min.isZero())
      throw new IllegalArgumentException("the first retry delay must be positive");
    if (max.compareTo(min) < 0)
      throw new IllegalArgumentException("the longest retry delay is shorter than the first");
  }

  /** The delay after {@code failures} failed attempts (1 = the first failure). */
  public Duration after(int failures) {
    if (failures <= 1) return min;
    int shift = Math.min(failures - 1, 40);
    long ms = min.toMillis();
    long grown = ms > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : ms << shift;
    return grown >= max.toMillis() ? max : Duration.ofMillis(grown);
  }

  /** A duration setting: ISO-8601 ({@code PT1S}) or plain milliseconds. */
  public static Duration parse(String value, String name) {
    String v = value.strip();
    try {
      if (v.matches("\\d+")) return Duration.ofMillis(Long.parseLong(v));
      return Duration.parse(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration (PT1S) or milliseconds, not '" + value + "'");
    }
  }
}
