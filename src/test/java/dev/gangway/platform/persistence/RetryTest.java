package dev.gangway.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class RetryTest {

  @Test
  void aLostRaceIsRunAgainUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Retry.onConflict(
            () -> {
              if (calls.incrementAndGet() < 3) throw new OptimisticLockException("stale");
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aUniqueKeyTakenByAConcurrentWriterIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    Retry.onConflict(
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new PersistenceException(
                new SQLIntegrityConstraintViolationException("dup", "23000"));
          }
          return null;
        });
    assertThat(calls).hasValue(2);
  }

  @Test
  void aDomainRuleIsNeverRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Retry.onConflict(
                    () -> {
                      calls.incrementAndGet();
                      throw DomainException.uniqueness("taken");
                    }))
        .isInstanceOf(DomainException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aConflictThatNeverClearsIsReportedAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Retry.onConflict(
                    () -> {
                      calls.incrementAndGet();
                      throw new OptimisticLockException("always stale");
                    }))
        .isInstanceOf(OptimisticLockException.class);
    assertThat(calls).hasValue(Retry.ATTEMPTS);
  }

  private static final Retry.Sleeper NO_WAIT = millis -> {};

  /** What MariaDB (and Galera, at commit) reports when a transaction lost: 1213, SQLState 40001. */
  private static SQLException deadlock() {
    return new SQLTransactionRollbackException(
        "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
  }

  @Test
  void aDeadlockIsRetriedAsAWholeTransaction() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Retry.onConflict(
            () -> {
              if (calls.incrementAndGet() < 4) throw new PersistenceException(deadlock());
              return "applied once";
            },
            Retry.ATTEMPTS,
            NO_WAIT);
    assertThat(result).isEqualTo("applied once");
    assertThat(calls).hasValue(4);
  }

  @Test
  void aGaleraCertificationFailureAtCommitIsRecognisedDeepInTheCauseChain() {
    // the JTA commit wraps the driver's error: TransactionalException <- RollbackException <-
    // SQLException
    RuntimeException atCommit =
        new TransactionalException(
            "commit failed",
            (Throwable)
                new RollbackException("rolled back")
                    .initCause(
                        new RuntimeException(
                            "wrapper",
                            new SQLException(
                                "Deadlock found when trying to get lock", "40001", 1213))));
    assertThat(Retry.isConcurrencyConflict(atCommit)).isTrue();
    assertThat(
            Retry.isConcurrencyConflict(
                new PersistenceException(
                    new SQLException("Lock wait timeout exceeded", "HY000", 1205))))
        .isTrue();
  }

  @Test
  void aNodeThatCannotServeIsNoConflictAndIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    SQLException notPrimary =
        new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047);
    assertThatThrownBy(
            () ->
                Retry.onConflict(
                    () -> {
                      calls.incrementAndGet();
                      throw new PersistenceException(notPrimary);
                    },
                    Retry.ATTEMPTS,
                    NO_WAIT))
        .isInstanceOf(PersistenceException.class);
    assertThat(calls).hasValue(1);
    assertThat(Retry.isDatabaseUnavailable(new PersistenceException(notPrimary))).isTrue();
    assertThat(Retry.isDatabaseUnavailable(new PersistenceException(deadlock()))).isFalse();
  }

  @Test
  void waitsGrowWithEachAttemptUpToACapAndVary() {
    Set<Long> seen = new HashSet<>();
    for (int attempt = 1; attempt <= Retry.ATTEMPTS; attempt++) {
      long ceiling =
          Math.min(Retry.MAX_DELAY_MS, Retry.FIRST_DELAY_MS << Math.min(attempt - 1, 16));
      for (int i = 0; i < 20; i++) {
        long d = Retry.delay(attempt);
        assertThat(d).isBetween(ceiling / 2, ceiling);
        if (attempt == Retry.ATTEMPTS) seen.add(d);
      }
    }
    assertThat(seen).hasSizeGreaterThan(1); // jitter: colliding writers do not retry in step
  }

  @Test
  void retriesAndGivingUpAreCounted() {
    long retries = Retry.retries();
    long exhausted = Retry.exhausted();
    assertThatThrownBy(
            () ->
                Retry.onConflict(
                    () -> {
                      throw new OptimisticLockException("stale");
                    },
                    3,
                    NO_WAIT))
        .isInstanceOf(OptimisticLockException.class);
    assertThat(Retry.retries() - retries).isGreaterThanOrEqualTo(2);
    assertThat(Retry.exhausted() - exhausted).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aCommitThatFailedIsRecognisedByTheDriversMessageWhenTheContainerDroppedTheCause() {
    // Payara: TransactionalException <- SystemException <- XAException("...: Deadlock found ...")
    // and no further cause
    RuntimeException atCommit =
        new TransactionalException(
            "exception during commit",
            (Throwable)
                new SystemException()
                    .initCause(
                        new XAException(
                            "jakarta.resource.spi.LocalTransactionException: (conn=23) Deadlock found when trying to get lock;"
                                + " try restarting transaction")));
    assertThat(Retry.isConcurrencyConflict(atCommit)).isTrue();
    assertThat(
            Retry.isConcurrencyConflict(
                new TransactionalException(
                    "exception during commit",
                    new XAException("WSREP has not yet prepared node for application use"))))
        .isFalse();
  }

  @Test
  void whatOutlivesEveryAttemptLeavesAsAConflictTheProtocolsAnswer409() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Retry.transaction(
                    () -> {
                      calls.incrementAndGet();
                      throw new PersistenceException(deadlock());
                    }))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
    assertThat(calls).hasValue(Retry.ATTEMPTS);
  }
}
