package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The audit log. A change appends its record in its own transaction (the record commits or rolls
 * back with it) with one INSERT: no row that other writers touch, no lock, whatever the number of
 * threads or nodes. Each record carries a MAC under the audit key. A sealer ({@link AuditSealer})
 * later lists committed records in hash-linked blocks sealed with the key; verify walks them.
 */
@ApplicationScoped
public class AuditLog {
  static final String PRUNE_TARGET_TYPE = AuditStore.PRUNE_TARGET_TYPE;
  static final String PRUNE_TARGET_ID = AuditStore.PRUNE_TARGET_ID;

  /** A pruning request that found nothing old enough to remove. */
  public static final String PRUNE_REQUESTED_ACTION = "audit.prune_requested";

  /** Records one block seals at most. */
  static final int BLOCK_SIZE = 1000;

  /** How long a sealer keeps its lease without renewing it; another node takes over after. */
  static final long LEASE_SECONDS = 10;

  private AuditRepository store;
  private ChangeCause cause;
  private Clock clock;
  private AuditKey key;

  protected AuditLog() {}

  @Inject
  AuditLog(AuditRepository store, ChangeCause cause, Clock clock, AuditKey key) {
    this.store = store;
    this.cause = cause;
    this.clock = clock;
    this.key = key;
  }

  /**
   * Appends one record; must run inside the transaction of the change. Its time is when the request
   * that made the change arrived (so that what the change caused — revocations — is never earlier
   * than the record), or now for background work. The database assigns its seq, which is not read
   * back: the returned record's seq is 0.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditRecord record(
      String action, String targetType, String targetId, Map<String, ?> details) {
    AuditRecord r =
        new AuditRecord(
            cause.startedAt().orElseGet(clock::instant),
            cause.actor(),
            action,
            targetType,
            targetId,
            json(details),
            cause.describe(),
            key.seals());
    store.append(r);
    return r;
  }

  /**
   * Appends one record in a transaction of its own, as {@code actor}: for what is audited outside a
   * change (a refused sign-in, an export). Activates a request context when there is none (a
   * scheduled task).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @ActivateRequestContext
  public void recordAlone(
      String actor, String action, String targetType, String targetId, Map<String, ?> details) {
    cause.actor(actor);
    record(action, targetType, targetId, details);
  }

  /**
   * Where the kept chain starts after pruning: the last block removed (0: none) and its hash, and
   * the cut.
   */
  public record Anchor(long block, String hash, Instant prunedBefore) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Anchor anchor() {
    AuditHead head = store.head();
    return new Anchor(head.anchorBlock(), head.anchorBlockHash(), head.prunedBefore());
  }

  /**
   * The outcome of verifying: intact, or the first record ({@code brokenAt}) or block ({@code
   * brokenBlock}) that does not fit and why. {@code entries} records checked, {@code blocks} sealed
   * blocks checked up to {@code lastBlock}; the sealing lag as the number of records not sealed yet
   * and the age of the oldest in seconds.
   */
  public record Verification(
      boolean valid,
      long entries,
      Long brokenAt,
      String reason,
      Long brokenBlock,
      long blocks,
      long lastBlock,
      Long unsealed,
      Long oldestUnsealedSeconds,
      String keyId) {}

  /**
   * Walks the whole log in one read transaction (one snapshot on MariaDB, however long it takes).
   */
  @Transactional
  public Verification verify() {
    return new ChainVerifier(store, key.seals(), clock).verify();
  }

  /** The newest seal, to copy out and check later; empty before anything was sealed. */
  public record Seal(
      long block,
      String hash,
      String hmac,
      long sealedThrough,
      Instant at,
      int records,
      String keyId) {
    static Seal of(AuditBlock b) {
      return new Seal(
          b.num(), b.hash(), b.hmac(), b.lastSeq(), b.sealedAt(), b.records(), b.keyId());
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Seal> latestSeal() {
    return store.latestBlock().map(Seal::of);
  }

  /**
   * Whether a seal copied earlier is still part of the log: the block it names holds the same hash
   * (and the same HMAC, when given) and the whole log verifies. {@code result}: {@code matches},
   * {@code differs} (the history before it was rewritten), {@code pruned} (removed by retention,
   * cannot be checked), {@code unknown} (no such block).
   */
  public record SealCheck(String result, Long block, String reason, Verification verification) {}

  @Transactional
  public SealCheck checkSeal(Long block, String hash, String hmac) {
    Verification v = verify();
    AuditHead head = store.head();
    AuditBlock b = (block != null ? store.block(block) : store.blockWithHash(hash)).orElse(null);
    if (b == null) {
      boolean anchor =
          (block == null || block == head.anchorBlock())
              && head.anchorBlock() > 0
              && Seals.same(head.anchorBlockHash(), hash);
      if (anchor)
        return new SealCheck(
            "matches", head.anchorBlock(), "the seal is the pruning anchor the log starts from", v);
      if (block != null && block <= head.anchorBlock()) {
        return new SealCheck(
            "pruned",
            block,
            "block "
                + block
                + " was removed by pruning; the log starts after block "
                + head.anchorBlock(),
            v);
      }
      return new SealCheck(
          block == null ? "differs" : "unknown",
          block,
          block == null
              ? "no block has this hash: the history it sealed was rewritten (or pruned)"
              : "there is no block " + block + " yet",
          v);
    }
    if (!Seals.same(b.hash(), hash)) {
      return new SealCheck(
          "differs",
          b.num(),
          "block " + b.num() + " now has another hash: the history up to it was rewritten",
          v);
    }
    if (hmac != null && !Seals.same(b.hmac(), hmac)) {
      return new SealCheck("differs", b.num(), "block " + b.num() + " now has another seal", v);
    }
    return new SealCheck(
        v.valid() ? "matches" : "differs",
        b.num(),
        v.valid()
            ? "block " + b.num() + " still has this hash and seal, and the log verifies"
            : "block " + b.num() + " has this hash, but the log does not verify: " + v.reason(),
        v);
  }

  /**
   * The sealing lag: records not sealed yet and when the oldest of them was written (null: none).
   */
  public record Lag(long unsealed, Instant oldest) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Lag lag() {
    return store.lag();
  }

  /** What one sealing step did. */
  record Sealing(boolean holder, AuditBlock block, List<Long> rejected, boolean more) {}

  /**
   * Whether any record waits for sealing: one cheap probe without a transaction, so that an idle
   * node's scheduled sealer writes nothing (not even its lease).
   */
  boolean hasUnsealed() {
    return store.hasUnsealed();
  }

  /**
   * One sealing step, in a transaction of its own: takes or renews the sealer's lease (a
   * conditional UPDATE of the one head row that only sealers and pruning touch), then seals up to
   * {@link #BLOCK_SIZE} committed, unsealed records, whatever their seq, into the next block.
   * Records whose MAC does not match, and copies of a record, are left unsealed and reported. Two
   * sealers that raced past an expired lease both insert the same block number: one of them fails
   * and rolls back.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Sealing sealStep(String node) {
    Instant now = clock.instant();
    if (!store.takeLease(node, now, now.plusSeconds(LEASE_SECONDS)))
      return new Sealing(false, null, List.of(), false);
    Seals seals = key.seals();
    List<Seals.Entry> good = new ArrayList<>();
    List<Long> rejected = new ArrayList<>();
    long after = 0;
    boolean more = true; // until a page comes back short: more records may wait
    for (int page = 0; page < 10 && good.size() < BLOCK_SIZE; page++) {
      int want = BLOCK_SIZE - good.size();
      List<AuditRecord> batch = store.unsealed(after, want);
      for (AuditRecord r : batch) {
        if (r.intact(seals)) good.add(r.entry());
        else rejected.add(r.seq());
        after = r.seq();
      }
      if (batch.size() < want) {
        more = false;
        break;
      }
    }
    if (!good.isEmpty()) {
      // a copy of a record (same salt and MAC under another seq) is an insertion: seal neither copy
      Set<String> dup = store.copiedHashes(good.stream().map(Seals.Entry::hash).toList());
      if (!dup.isEmpty()) {
        good.stream().filter(e -> dup.contains(e.hash())).forEach(e -> rejected.add(e.seq()));
        good.removeIf(e -> dup.contains(e.hash()));
      }
    }
    if (good.isEmpty()) return new Sealing(true, null, rejected, false);
    AuditHead head = store.head();
    Optional<AuditBlock> last = store.latestBlock();
    long num = last.map(b -> b.num() + 1).orElse(head.anchorBlock() + 1);
    String prev = last.map(AuditBlock::hash).orElse(head.anchorBlockHash());
    AuditBlock block = AuditBlock.seal(num, prev, good, now, seals);
    store.addBlock(block);
    List<Long> seqs = good.stream().map(Seals.Entry::seq).toList();
    // Two sealers cannot both get here with the same records: both would insert block num, and one
    // of them fails on its key.
    int marked = store.markSealed(seqs, num);
    if (marked != seqs.size()) {
      throw new IllegalStateException(
          "records " + seqs.get(0) + ".." + seqs.get(seqs.size() - 1) + " changed while sealing");
    }
    return new Sealing(true, block, rejected, more);
  }

  /** Records in a window, filtered by actor and target, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AuditEntry> list(
      Instant from,
      Instant to,
      String actor,
      String targetType,
      String targetId,
      long afterSeq,
      int limit) {
    return store.list(from, to, actor, targetType, targetId, afterSeq, limit).stream()
        .map(AuditEntry::of)
        .toList();
  }

  /**
   * Deletes sealed records older than a moment (never later than now) and the blocks left with
   * nothing newer, and anchors the log: the first block kept links to the last block removed, and
   * verify accepts that records listed before the moment are gone. The pruning is itself audited
   * (action {@code audit.pruned}, naming the anchor), so a cut made without Gangway is caught. Seal
   * first ({@link AuditSealer#sealNow()}): unsealed records are kept. Returns how many went.
   */
  @Transactional
  public long prune(Instant olderThan) {
    return prune(olderThan, false);
  }

  /**
   * {@link #prune(Instant)}; {@code requested} (an admin's request) is audited even when nothing
   * was old enough ({@code audit.prune_requested}), so that every pruning request leaves a record.
   */
  @Transactional
  public long prune(Instant olderThan, boolean requested) {
    Instant now = clock.instant();
    Instant t = (olderThan.isAfter(now) ? now : olderThan).truncatedTo(ChronoUnit.MICROS);
    AuditHead head = store.headForUpdate();
    long removed = store.deleteSealedBefore(t);
    if (removed == 0) {
      if (requested) {
        record(
            PRUNE_REQUESTED_ACTION,
            PRUNE_TARGET_TYPE,
            PRUNE_TARGET_ID,
            details("olderThan", t.toString(), "removed", 0));
      }
      return 0;
    }
    OptionalLong firstKept = store.firstBlockReaching(head.anchorBlock(), t);
    long anchor = head.anchorBlock();
    String anchorHash = head.anchorBlockHash();
    OptionalLong lastBlock = store.lastBlockNum();
    long newAnchor = firstKept.isPresent() ? firstKept.getAsLong() - 1 : lastBlock.orElse(anchor);
    if (newAnchor > anchor) {
      anchorHash = store.block(newAnchor).orElseThrow().hash();
      store.deleteBlocksUpTo(newAnchor);
      anchor = newAnchor;
    }
    head.anchor(anchor, anchorHash, t);
    record(
        ChainVerifier.PRUNE_ACTION,
        PRUNE_TARGET_TYPE,
        PRUNE_TARGET_ID,
        details(
            "anchorBlock",
            head.anchorBlock(),
            "anchorHash",
            head.anchorBlockHash(),
            "prunedBefore",
            head.prunedBefore().toString(),
            "removed",
            removed));
    return removed;
  }

  static String json(Map<String, ?> details) {
    try {
      return JsonMapper.get().writeValueAsString(details == null ? Map.of() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details must be JSON-serialisable", e);
    }
  }

  /** Convenience for details built inline. */
  public static Map<String, Object> details(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return m;
  }
}
