package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sealing and verifying with an in-memory store: what an attacker with write access to the tables
 * can and cannot do.
 */
class ChainVerifierTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  private final Seals seals = new Seals("k".repeat(40).getBytes(StandardCharsets.UTF_8));
  private final InMemoryAuditStore store = new InMemoryAuditStore(seals);

  private AuditLog.Verification verify() {
    return new ChainVerifier(store, seals, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
        .verify();
  }

  private void writeAndSeal(int blocks, int perBlock) {
    for (int b = 0; b < blocks; b++) {
      for (int i = 0; i < perBlock; i++)
        store.write(
            T0.plusSeconds(b * 10L + i), "user.created", "u" + b + "-" + i, "{\"n\":" + i + "}");
      store.seal(T0.plusSeconds(b * 10L + 9));
    }
  }

  @Test
  void anIntactLogVerifiesAndReportsItsSealingLag() {
    writeAndSeal(3, 4);
    store.write(T0.plusSeconds(50), "user.created", "late", "{}");
    AuditLog.Verification v = verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(13);
    assertThat(v.blocks()).isEqualTo(3);
    assertThat(v.lastBlock()).isEqualTo(3);
    assertThat(v.unsealed()).isEqualTo(1);
    assertThat(v.oldestUnsealedSeconds()).isEqualTo(10);
  }

  @Test
  void aRecordThatCommitsAfterHigherOnesWereSealedIsSealedLaterAndVerifies() {
    store.write(T0, "user.created", "a", "{}");
    long slow = store.reserve(); // its transaction is still open
    store.write(T0.plusSeconds(1), "user.created", "b", "{}");
    store.seal(T0.plusSeconds(2));
    store.put(slow, T0, "user.created", "slow", "{}"); // commits now, below a sealed seq
    assertThat(verify().valid()).isTrue();
    AuditBlock second = store.seal(T0.plusSeconds(3));
    assertThat(second.firstSeq()).isEqualTo(slow);
    assertThat(verify().valid()).isTrue();
  }

  @Test
  void anAlteredSealedRecordIsNamed() {
    writeAndSeal(2, 3);
    store.replace(5, "{\"n\":99}", store.records.get(5L).hash(), 2L);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(5);
    assertThat(v.reason()).contains("altered").contains("hash");
  }

  @Test
  void aWriterWhoRecomputesAnUnkeyedHashIsStillCaught() {
    writeAndSeal(2, 3);
    AuditRecord r = store.records.get(2L);
    String forged =
        Seals.sha256Hex(
            String.join(
                "\u001f",
                r.salt(),
                r.at().toString(),
                r.actor(),
                r.action(),
                r.targetType(),
                r.targetId(),
                "{\"n\":7}",
                r.cause()));
    store.replace(2, "{\"n\":7}", forged, 1L);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(2);
    assertThat(v.reason()).contains("not the one block 1 sealed");
  }

  @Test
  void anAlteredUnsealedRecordIsNamed() {
    writeAndSeal(1, 2);
    long seq = store.write(T0.plusSeconds(30), "user.created", "x", "{}");
    store.replace(seq, "{\"evil\":true}", store.records.get(seq).hash(), null);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(seq);
    assertThat(v.reason()).contains("not sealed yet").contains("hash");
  }

  @Test
  void aRemovedRecordIsNamed() {
    writeAndSeal(2, 3);
    store.records.remove(4L);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(4);
    assertThat(v.reason()).contains("missing");
  }

  @Test
  void aRecordInsertedIntoASealedBlockIsNamed() {
    writeAndSeal(2, 3);
    store.records.remove(
        3L); // make room inside block 1's range, then put a well-formed record there
    long seq = store.put(3, T0.plusSeconds(2), "user.deleted", "victim", "{}");
    store.replace(seq, store.records.get(seq).detail(), store.records.get(seq).hash(), 1L);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(3);
    assertThat(v.reason()).contains("not the one block 1 sealed");

    store.records.remove(3L);
    store.put(100, T0.plusSeconds(2), "user.deleted", "victim", "{}");
    store.replace(100, store.records.get(100L).detail(), store.records.get(100L).hash(), 1L);
    v = verify();
    assertThat(v.brokenAt())
        .isEqualTo(3); // the record it replaced is gone: the earliest fault is named first
    assertThat(v.reason()).contains("missing");
  }

  @Test
  void aRecordInsertedWithoutTheKeyIsNamedAndNeverSealed() {
    writeAndSeal(1, 3);
    store.records.put(
        50L,
        new AuditRecord(
            50,
            T0,
            "admin",
            "user.deleted",
            "user",
            "x",
            "{}",
            "DELETE",
            null,
            Seals.newSalt(),
            Seals.ZERO,
            null));
    assertThat(store.seal(T0.plusSeconds(40))).isNull();
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenAt()).isEqualTo(50);
    assertThat(v.reason()).contains("inserted without the audit key");
  }

  @Test
  void aRecordClaimingABlockThatDoesNotListItIsNamed() {
    writeAndSeal(1, 3);
    long seq = store.write(T0.plusSeconds(20), "user.created", "y", "{}");
    store.replace(seq, store.records.get(seq).detail(), store.records.get(seq).hash(), 1L);
    AuditLog.Verification v = verify();
    assertThat(v.brokenAt()).isEqualTo(seq);
    assertThat(v.reason()).contains("inserted").contains("does not list it");

    store.replace(seq, store.records.get(seq).detail(), store.records.get(seq).hash(), 77L);
    v = verify();
    assertThat(v.brokenAt()).isEqualTo(seq);
    assertThat(v.reason()).contains("inserted");
  }

  @Test
  void aCopiedRecordIsNamed() {
    writeAndSeal(1, 3);
    AuditRecord r = store.records.get(2L);
    store.records.put(
        9L,
        new AuditRecord(
            9,
            r.at(),
            r.actor(),
            r.action(),
            r.targetType(),
            r.targetId(),
            r.detail(),
            r.cause(),
            null,
            r.salt(),
            r.hash(),
            null));
    assertThat(store.seal(T0.plusSeconds(40))).as("a copy is never sealed").isNull();
    AuditLog.Verification v = verify();
    assertThat(v.brokenAt()).isEqualTo(9);
    assertThat(v.reason()).contains("copy of record 2");
  }

  @Test
  void aBlockRewrittenWithoutTheKeyIsNamed() {
    writeAndSeal(3, 2);
    // drop record 3 and rewrite block 2 (and relink block 3) with a key the attacker made up
    Seals attacker = new Seals("a".repeat(40).getBytes(StandardCharsets.UTF_8));
    AuditBlock b2 = store.blocks.get(2L);
    store.records.remove(3L);
    List<Seals.Entry> kept = b2.listed().stream().filter(e -> e.seq() != 3).toList();
    String hash =
        Seals.blockHash(2, b2.prevHash(), b2.sealedAt(), seals.keyId(), Seals.encode(kept));
    store.blocks.put(
        2L,
        AuditBlock.stored(
            2,
            b2.prevHash(),
            4,
            4,
            1,
            kept.get(0).at(),
            Seals.encode(kept),
            b2.sealedAt(),
            seals.keyId(),
            hash,
            attacker.blockHmac(
                2, b2.prevHash(), b2.sealedAt(), seals.keyId(), Seals.encode(kept))));
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenBlock()).isEqualTo(2);
    assertThat(v.reason()).contains("without the audit key");
  }

  @Test
  void aRemovedBlockIsNamed() {
    writeAndSeal(3, 2);
    store.blocks.remove(2L);
    store.records.remove(3L);
    store.records.remove(4L);
    AuditLog.Verification v = verify();
    assertThat(v.brokenBlock()).isEqualTo(2);
    assertThat(v.reason()).contains("block 2 is missing");
  }

  @Test
  void blocksSealedUnderAnotherKeySayWhichKey() {
    writeAndSeal(1, 2);
    Seals other = new Seals("z".repeat(40).getBytes(StandardCharsets.UTF_8));
    AuditLog.Verification v =
        new ChainVerifier(store, other, Clock.fixed(T0, ZoneOffset.UTC)).verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains(other.keyId());
  }

  @Test
  void pruningIsAcceptedOnlyWhenAPruningRecordNamesTheAnchor() {
    writeAndSeal(3, 2); // blocks 1..3, records 1..6 at T0+0,1 / +10,11 / +20,21
    Instant cut = T0.plusSeconds(11); // removes records 1,2,3; block 1 whole, block 2 in part
    store.records.remove(1L);
    store.records.remove(2L);
    store.records.remove(3L);
    AuditBlock b1 = store.blocks.remove(1L);
    store.head = new AuditHead(1, b1.hash(), cut);
    AuditLog.Verification v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains("no pruning record");

    store.write(
        T0.plusSeconds(30),
        ChainVerifier.PRUNE_ACTION,
        "log",
        AuditLog.json(
            AuditLog.details(
                "anchorBlock",
                1L,
                "anchorHash",
                b1.hash(),
                "prunedBefore",
                cut.toString(),
                "removed",
                3)));
    v = verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(4);

    store.head =
        new AuditHead(1, b1.hash(), T0.plusSeconds(25)); // widen the excuse to hide a deletion
    v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains("not the one the last pruning");
  }

  @Test
  void legacyRecordsKeepTheirHashAndAreSealedLikeOthers() {
    String prev = Seals.ZERO;
    for (long seq = 1; seq <= 3; seq++) {
      Instant at = T0.plusSeconds(seq);
      String h =
          Seals.legacyHash(
              seq, at, "admin", "project.created", "project", "P" + seq, "{}", "POST", prev);
      store.records.put(
          seq,
          new AuditRecord(
              seq,
              at,
              "admin",
              "project.created",
              "project",
              "P" + seq,
              "{}",
              "POST",
              prev,
              null,
              h,
              null));
      prev = h;
    }
    assertThat(verify().valid()).isTrue();
    store.seal(T0.plusSeconds(5));
    assertThat(verify().valid()).isTrue();
    AuditRecord r = store.records.get(2L);
    store.records.put(
        2L,
        new AuditRecord(
            2,
            r.at(),
            r.actor(),
            r.action(),
            r.targetType(),
            "P9",
            r.detail(),
            r.cause(),
            r.prevHash(),
            null,
            r.hash(),
            1L));
    assertThat(verify().brokenAt()).isEqualTo(2);
  }
}
