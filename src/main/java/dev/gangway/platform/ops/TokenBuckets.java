package dev.gangway.platform.ops;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a directory), in this node's memory: {@code rate} tokens a second up to
 * {@code burst}; a request takes one. A key waits only for its own bucket — one directory
 * exhausting its tokens does not slow any other. Each bucket holds its own monitor for a few
 * arithmetic steps; keys are directories, a set admins make, so the map stays small.
 */
public final class TokenBuckets {
  private final double ratePerNano;
  private final double burst;
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(double perSecond, double burst) {
    if (!(perSecond > 0) || !(burst >= 1))
      throw new IllegalArgumentException("rate must be above 0 and burst at least 1");
    this.ratePerNano = perSecond / 1e9;
    this.burst = burst;
  }

  /**
   * Takes a token of {@code key} at {@code nowNanos}: 0 when taken, else the nanoseconds until one
   * is there.
   */
  public long take(long key, long nowNanos) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
    synchronized (b) {
      long elapsed = nowNanos - b.at;
      if (elapsed > 0) {
        b.tokens = Math.min(burst, b.tokens + elapsed * ratePerNano);
        b.at = nowNanos;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerNano));
    }
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
