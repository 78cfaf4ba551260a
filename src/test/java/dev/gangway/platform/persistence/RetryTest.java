package dev.gangway.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  @Test
  void aLostRaceIsRunAgainUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result = Retry.onConflict(() -> {
      if (calls.incrementAndGet() < 3) throw new OptimisticLockException("stale");
      return "done";
    });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aUniqueKeyTakenByAConcurrentWriterIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    Retry.onConflict(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new PersistenceException(new SQLIntegrityConstraintViolationException("dup", "23000"));
      }
      return null;
    });
    assertThat(calls).hasValue(2);
  }

  @Test
  void aDomainRuleIsNeverRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Retry.onConflict(() -> {
      calls.incrementAndGet();
      throw DomainException.uniqueness("taken");
    })).isInstanceOf(DomainException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aConflictThatNeverClearsIsReportedAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Retry.onConflict(() -> {
      calls.incrementAndGet();
      throw new OptimisticLockException("always stale");
    })).isInstanceOf(OptimisticLockException.class);
    assertThat(calls).hasValue(Retry.ATTEMPTS);
  }
}
