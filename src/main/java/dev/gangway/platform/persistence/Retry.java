package dev.gangway.platform.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;
import jakarta.persistence.OptimisticLockException;

/**
 * Runs a whole transaction again when it lost a race with a concurrent writer (a stale version,
 * or a unique key another writer took first). The retried work re-reads the current state, so
 * nothing is lost and a real conflict is then reported by the domain's own checks.
 */
public final class Retry {
  static final int ATTEMPTS = 6;

  private Retry() {}

  public static <T> T onConflict(Supplier<T> work) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!isConcurrencyConflict(e)) throw e;
        last = e;
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2, 10L * attempt + 3));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
  }

  static boolean isConcurrencyConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockException) return true;
      if (t.getClass().getName().equals("org.eclipse.persistence.exceptions.OptimisticLockException")) return true;
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("23") || s.getSQLState().equals("40001"))) return true;
    }
    return false;
  }
}
