package dev.gangway.platform.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Logs requests refused before authentication as one summary line per period instead of one line
 * each: whatever unauthenticated clients send, the log grows by at most one line a minute per kind,
 * and memory by nothing (two counters). The line names how many were refused since the last one,
 * never a path, a token or a body.
 */
public final class RefusalLog {
  private final Logger log;
  private final String what;
  private final long periodNanos;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong nextLineAt;

  public RefusalLog(Logger log, String what, Duration period) {
    this.log = log;
    this.what = what;
    this.periodNanos = period.toNanos();
    this.nextLineAt = new AtomicLong(System.nanoTime());
  }

  /** Counts one refusal; logs the count when the period since the last line is over. */
  public void refused() {
    refused.incrementAndGet();
    long now = System.nanoTime();
    long due = nextLineAt.get();
    if (now - due >= 0 && nextLineAt.compareAndSet(due, now + periodNanos)) {
      long n = refused.getAndSet(0);
      if (n > 0) {
        log.warning(
            () ->
                "{\"event\":\"refused_unauthenticated\",\"what\":\""
                    + what
                    + "\",\"count\":"
                    + n
                    + ",\"note\":\"one line per "
                    + (periodNanos / 1_000_000_000L)
                    + " s at most\"}");
      }
    }
  }
}
