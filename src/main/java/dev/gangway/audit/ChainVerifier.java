package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.platform.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Walks the sealed blocks from the anchor, then the records not sealed yet, and names the first
 * thing that does not fit: a record altered, removed or inserted, a block altered, removed or
 * resealed without the key. Pure logic over an {@link AuditStore}.
 */
final class ChainVerifier {
  static final int BLOCK_BATCH = 20;
  static final int RECORD_BATCH = 1000;
  static final String PRUNE_ACTION = AuditStore.PRUNE_ACTION;

  private final AuditStore store;
  private final Seals seals;
  private final Clock clock;

  ChainVerifier(AuditStore store, Seals seals, Clock clock) {
    this.store = store;
    this.seals = seals;
    this.clock = clock;
  }

  private long checked;
  private long blocks;
  private long lastBlock;

  AuditLog.Verification verify() {
    checked = 0;
    blocks = 0;
    AuditHead head = store.head();
    lastBlock = head.anchorBlock();
    if (head.anchorBlock() > 0 || head.prunedBefore() != null) {
      String why = anchorProblem(head);
      if (why != null) return broken(null, head.anchorBlock() + 1, why);
    }
    long expected = head.anchorBlock() + 1;
    String prev = head.anchorBlockHash();
    Instant excused = head.prunedBefore();
    while (true) {
      List<AuditBlock> batch = store.blocksAfter(expected - 1, BLOCK_BATCH);
      for (AuditBlock b : batch) {
        if (b.num() != expected) {
          return broken(
              null,
              expected,
              "block " + expected + " is missing: it and the records it sealed were removed");
        }
        if (!b.prevHash().equals(prev)) {
          return broken(
              null,
              b.num(),
              "block "
                  + b.num()
                  + " does not link to the block before it (blocks removed or replaced)");
        }
        if (!b.keyId().equals(seals.keyId())) {
          return broken(
              null,
              b.num(),
              "block "
                  + b.num()
                  + " was sealed under audit key "
                  + b.keyId()
                  + ", this node holds key "
                  + seals.keyId()
                  + ": every node must share GANGWAY_AUDIT_KEY (or the block was forged)");
        }
        AuditLog.Verification recordProblem = checkRecords(b, excused);
        if (recordProblem != null) return recordProblem;
        if (!Seals.same(b.computeHash(), b.hash())) {
          return broken(
              null,
              b.num(),
              "block " + b.num() + " was altered: its content does not match its hash");
        }
        if (!b.sealedBy(seals)) {
          return broken(
              null,
              b.num(),
              "block "
                  + b.num()
                  + " was rewritten without the audit key: its seal does not match"
                  + " (records "
                  + b.firstSeq()
                  + ".."
                  + b.lastSeq()
                  + ")");
        }
        prev = b.hash();
        lastBlock = b.num();
        blocks++;
        expected++;
      }
      if (batch.size() < BLOCK_BATCH) break;
    }
    long unsealed = 0;
    Instant oldest = null;
    long after = 0;
    while (true) {
      List<AuditRecord> batch = store.unsealedAfter(after, RECORD_BATCH);
      for (AuditRecord r : batch) {
        if (!r.intact(seals)) {
          return broken(
              r.seq(),
              null,
              "record "
                  + r.seq()
                  + " (not sealed yet): its content does not match its hash"
                  + " (altered, inserted without the audit key, or written by a node with another GANGWAY_AUDIT_KEY)");
        }
        checked++;
        unsealed++;
        if (oldest == null || r.at().isBefore(oldest)) oldest = r.at();
        after = r.seq();
      }
      if (batch.size() < RECORD_BATCH) break;
    }
    OptionalLong stray = store.strayRecord();
    if (stray.isPresent()) {
      return broken(
          stray.getAsLong(),
          null,
          "record " + stray.getAsLong() + " was inserted: it names a block that does not seal it");
    }
    Optional<long[]> copy = store.duplicate();
    if (copy.isPresent()) {
      return broken(
          copy.get()[1],
          null,
          "record " + copy.get()[1] + " was inserted: a copy of record " + copy.get()[0]);
    }
    Long age =
        oldest == null ? null : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    return new AuditLog.Verification(
        true, checked, null, null, null, blocks, lastBlock, unsealed, age, seals.keyId());
  }

  /** Record-level checks of one block: the first record altered, removed or inserted, or null. */
  private AuditLog.Verification checkRecords(AuditBlock b, Instant excused) {
    List<Seals.Entry> listed;
    try {
      listed = b.listed();
    } catch (RuntimeException e) {
      return broken(
          null, b.num(), "block " + b.num() + " was altered: its list of records does not parse");
    }
    Map<Long, AuditRecord> present = new HashMap<>();
    for (AuditRecord r : store.recordsOfBlock(b.num())) present.put(r.seq(), r);
    long firstSeq = Long.MAX_VALUE;
    String firstReason = null;
    long ok = 0;
    for (Seals.Entry e : listed) {
      AuditRecord r = present.remove(e.seq());
      String reason = null;
      if (r == null) {
        if (excused != null && e.at().isBefore(excused)) continue; // pruned
        Optional<AuditRecord> elsewhere = store.record(e.seq());
        reason =
            elsewhere.isPresent()
                ? "record "
                    + e.seq()
                    + " is sealed in block "
                    + b.num()
                    + " but its block column was altered"
                : "record " + e.seq() + " is missing: removed from block " + b.num();
      } else if (!Seals.same(r.hash(), e.hash())) {
        reason =
            "record "
                + e.seq()
                + " was altered: its hash is not the one block "
                + b.num()
                + " sealed";
      } else if (!r.intact(seals)) {
        reason = "record " + e.seq() + " was altered: its content does not match its hash";
      } else {
        ok++;
      }
      if (reason != null && e.seq() < firstSeq) {
        firstSeq = e.seq();
        firstReason = reason;
      }
    }
    for (AuditRecord r : present.values()) {
      if (r.seq() < firstSeq) {
        firstSeq = r.seq();
        firstReason = "record " + r.seq() + " was inserted: block " + b.num() + " does not list it";
      }
    }
    if (firstReason != null) return broken(firstSeq, b.num(), firstReason);
    Instant lastAt = listed.stream().map(Seals.Entry::at).max(Instant::compareTo).orElse(null);
    if (listed.size() != b.records()
        || lastAt == null
        || !lastAt.equals(b.lastAt())
        || listed.get(0).seq() != b.firstSeq()
        || listed.get(listed.size() - 1).seq() != b.lastSeq()) {
      return broken(
          null,
          b.num(),
          "block " + b.num() + " was altered: its summary does not match its list of records");
    }
    checked += ok;
    return null;
  }

  /** Whether the anchor is the one the newest (keyed) pruning record left; null when it is. */
  private String anchorProblem(AuditHead head) {
    Optional<AuditRecord> mark = store.lastPrune();
    String expected = "block " + head.anchorBlock() + ", records before " + head.prunedBefore();
    if (mark.isEmpty())
      return "the log was cut at "
          + expected
          + " but no pruning record says so (blocks removed from the start)";
    AuditRecord r = mark.get();
    if (!r.intact(seals))
      return "record "
          + r.seq()
          + " (the last pruning) was altered: its content does not match its hash";
    try {
      JsonNode d = JsonMapper.get().readTree(r.detail());
      boolean same =
          d.path("anchorBlock").asLong(-1) == head.anchorBlock()
              && d.path("anchorHash").asText("").equals(head.anchorBlockHash())
              && head.prunedBefore() != null
              && d.path("prunedBefore").asText("").equals(head.prunedBefore().toString());
      return same
          ? null
          : "the log's anchor ("
              + expected
              + ") is not the one the last pruning (record "
              + r.seq()
              + ") left: records or blocks removed from the start";
    } catch (JsonProcessingException e) {
      return "record " + r.seq() + " (the last pruning) does not parse";
    }
  }

  private AuditLog.Verification broken(Long seq, Long block, String reason) {
    return new AuditLog.Verification(
        false, checked, seq, reason, block, blocks, lastBlock, null, null, seals.keyId());
  }
}
