package dev.gangway.platform.persistence;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs a whole transaction again when it lost a race with a concurrent writer: a stale version, a
 * unique key another writer took first, a deadlock, or — on a Galera cluster — a write set that
 * failed certification against another node's (MariaDB reports it as a deadlock, error 1213, often
 * at commit). The retried work re-reads the current state, so nothing is lost and a real conflict
 * is then reported by the domain's own checks.
 *
 * <p>Call it <em>outside</em> the transaction: around a call of a {@code @Transactional} use case,
 * never inside one (a transaction that failed is marked rollback-only; repeating work in it does
 * nothing). A failed attempt has been rolled back entirely, so a retry never applies a change
 * twice. Attempts wait with exponential backoff and jitter, so that writers that collided do not
 * collide again in step. A database that cannot serve (a Galera node outside the primary component,
 * error 1047; a lost connection) is no conflict and is not retried here.
 */
public final class Retry {
  /** Attempts in all; with the backoff below they span several seconds of contention. */
  static final int ATTEMPTS = 30;

  static final long FIRST_DELAY_MS = 4;
  static final long MAX_DELAY_MS = 250;

  private static final Logger LOG = Logger.getLogger(Retry.class.getName());
  private static final AtomicLong RETRIES = new AtomicLong();
  private static final AtomicLong EXHAUSTED = new AtomicLong();

  /** Waits between attempts; a test replaces it to run without sleeping. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private Retry() {}

  public static <T> T onConflict(Supplier<T> work) {
    return onConflict(work, ATTEMPTS, Thread::sleep);
  }

  static <T> T onConflict(Supplier<T> work, int attempts, Sleeper sleeper) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!isConcurrencyConflict(e)) throw e;
        if (attempt >= attempts) {
          EXHAUSTED.incrementAndGet();
          throw e;
        }
        RETRIES.incrementAndGet();
        try {
          sleeper.sleep(delay(attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Backoff before attempt {@code attempt + 1}: doubling up to a cap, a random half of it added.
   */
  static long delay(int attempt) {
    long ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(attempt - 1, 16));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** Attempts repeated since start (all threads): a measure of write contention. */
  public static long retries() {
    return RETRIES.get();
  }

  /**
   * Work given up after the last attempt since start: each one answered a client with a conflict.
   */
  public static long exhausted() {
    return EXHAUSTED.get();
  }

  /**
   * {@link #onConflict} for a use case called from a protocol adapter: what still fails after the
   * last attempt leaves as an exception the error mappers answer in the protocol's format — a
   * conflict as {@link DomainException.Kind#CONFLICT} (409), a failed commit unwrapped from the
   * container's {@code TransactionalException} (which JAX-RS would otherwise answer with a bare 500
   * of its own).
   */
  public static <T> T transaction(Supplier<T> work) {
    try {
      return onConflict(work);
    } catch (RuntimeException e) {
      if (isConcurrencyConflict(e)) {
        LOG.warning("a change lost every attempt to concurrent writers; answered as a conflict");
        throw new DomainException(
            DomainException.Kind.CONFLICT,
            "the change collided with concurrent changes of the same data; send the request again");
      }
      if (e instanceof TransactionalException) {
        throw new IllegalStateException(
            "the transaction failed at commit", e.getCause() != null ? e.getCause() : e);
      }
      throw e;
    }
  }

  /** A lost race that the same work, run again in a new transaction, can win. */
  public static boolean isConcurrencyConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // at commit the container keeps only the driver's message: XAException("...Deadlock
      // found...")
      if (mentions(t, CONFLICT_MESSAGES) && !mentions(t, UNAVAILABLE_MESSAGES)) return true;
      if (t instanceof OptimisticLockException) return true;
      if (t.getClass()
          .getName()
          .equals("org.eclipse.persistence.exceptions.OptimisticLockException")) return true;
      if (t instanceof SQLException s) {
        if (isUnavailable(s)) return false;
        String state = s.getSQLState();
        if (state != null && (state.startsWith("23") || state.equals("40001"))) return true;
        // 1213 deadlock / Galera certification failure, 1205 lock wait timeout: the transaction is
        // lost
        if (s.getErrorCode() == 1213 || s.getErrorCode() == 1205) return true;
      }
    }
    return false;
  }

  /**
   * The database cannot serve now, whatever the work: a Galera node that is not part of the primary
   * component (1047 "WSREP has not yet prepared node for application use"), a connection that
   * failed (SQLState class 08). Nothing to retry at once; the client may later.
   */
  public static boolean isDatabaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && isUnavailable(s)) return true;
      if (mentions(t, UNAVAILABLE_MESSAGES)) return true;
    }
    return false;
  }

  /** MariaDB's and Galera's own texts for a lost transaction (errors 1213 and 1205). */
  private static final String[] CONFLICT_MESSAGES = {
    "Deadlock found when trying to get lock",
    "WSREP detected deadlock/conflict",
    "Lock wait timeout exceeded"
  };

  /** Galera's text for a node outside the primary component (error 1047). */
  private static final String[] UNAVAILABLE_MESSAGES = {"WSREP has not yet prepared node"};

  private static boolean mentions(Throwable t, String[] texts) {
    String message = t.getMessage();
    if (message == null) return false;
    for (String text : texts) if (message.contains(text)) return true;
    return false;
  }

  private static boolean isUnavailable(SQLException s) {
    String state = s.getSQLState();
    return s.getErrorCode() == 1047
        || s.getErrorCode() == 1053
        || (state != null && state.startsWith("08"));
  }
}
