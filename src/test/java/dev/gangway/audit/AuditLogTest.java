package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.platform.ChangeCause;
import dev.gangway.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writing, sealing and pruning through {@link AuditLog}'s rules, on the audit tables in memory. */
class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  private final MovableClock clock = new MovableClock(T0);
  private final AuditKey key = keyOf("k".repeat(40));
  private final InMemoryAuditStore store = new InMemoryAuditStore(key.seals());
  private final AuditLog log = new AuditLog(store, new ChangeCause(), clock, key);

  private static AuditKey keyOf(String secret) {
    return new AuditKey(null, Optional.of(secret)); // a configured key: no data directory
  }

  private void write(int n) {
    for (int i = 0; i < n; i++) {
      log.record("user.created", "user", "u" + i, AuditLog.details("n", i));
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void recordsAreSealedIntoLinkedBlocksByTheLeaseHolderAloneAndTheLogVerifies() {
    write(3);
    AuditLog.Sealing first = log.sealStep("node-a");
    write(2);
    assertThat(log.sealStep("node-b").holder()).as("node-a's lease has not run out").isFalse();
    AuditLog.Sealing second = log.sealStep("node-a");

    assertThat(first.holder()).isTrue();
    assertThat(first.block().records()).isEqualTo(3);
    assertThat(second.block().prevHash()).isEqualTo(first.block().hash());
    assertThat(log.hasUnsealed()).isFalse();
    assertThat(log.lag().unsealed()).isZero();
    assertThat(log.latestSeal()).map(AuditLog.Seal::block).contains(second.block().num());
    AuditLog.Verification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(5);
  }

  @Test
  void aCopiedRecordIsSealedInNeitherCopyAndReported() {
    write(2);
    AuditRecord original = store.records.firstEntry().getValue();
    store.records.put(
        99L,
        new AuditRecord(
            99,
            original.at(),
            original.actor(),
            original.action(),
            original.targetType(),
            original.targetId(),
            original.detail(),
            original.cause(),
            null,
            original.salt(),
            original.hash(),
            null));

    AuditLog.Sealing s = log.sealStep("node-a");

    assertThat(s.rejected()).containsExactlyInAnyOrder(original.seq(), 99L);
    assertThat(s.block().records()).isEqualTo(1);
  }

  @Test
  void pruningAnchorsTheKeptChainAndIsItselfAuditedSoThatTheLogStillVerifies() {
    write(3);
    log.sealStep("node-a");
    clock.advance(Duration.ofSeconds(100));
    Instant cut = clock.instant();
    write(2);
    log.sealStep("node-a");

    long removed = log.prune(cut);
    log.sealStep("node-a");

    assertThat(removed).isEqualTo(3);
    assertThat(log.anchor().block()).isEqualTo(1);
    assertThat(log.anchor().prunedBefore()).isEqualTo(cut);
    assertThat(log.list(Instant.EPOCH, clock.instant().plusSeconds(1), null, "audit", "log", 0, 10))
        .extracting(AuditEntry::action)
        .containsExactly("audit.pruned");
    AuditLog.Verification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
  }

  @Test
  void aPruningRequestThatFindsNothingOldEnoughIsStillAudited() {
    write(1);
    log.sealStep("node-a");

    assertThat(log.prune(T0.minusSeconds(60), true)).isZero();

    assertThat(store.records.lastEntry().getValue().action())
        .isEqualTo(AuditLog.PRUNE_REQUESTED_ACTION);
    assertThat(log.anchor().block()).isZero();
  }
}
