package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.json.JsonMapper;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log. A change appends its record in its own transaction (the record commits or rolls
 * back with it) with one INSERT: no row that other writers touch, no lock, whatever the number of
 * threads or nodes. Each record carries a MAC under the audit key. A sealer ({@link AuditSealer})
 * later lists committed records in hash-linked blocks sealed with the key; verify walks them.
 */
@ApplicationScoped
public class AuditLog {
  static final String PRUNE_TARGET_TYPE = "audit";
  static final String PRUNE_TARGET_ID = "log";
  /** A pruning request that found nothing old enough to remove. */
  public static final String PRUNE_REQUESTED_ACTION = "audit.prune_requested";
  /** Records one block seals at most. */
  static final int BLOCK_SIZE = 1000;
  /** How long a sealer keeps its lease without renewing it; another node takes over after. */
  static final long LEASE_SECONDS = 10;

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject dev.gangway.platform.persistence.PersistenceSetup persistence;
  @Inject ChangeCause cause;
  @Inject Clock clock;
  @Inject AuditKey key;

  /**
   * Appends one record; must run inside the transaction of the change. Its time is when the
   * request that made the change arrived (so that what the change caused — revocations — is
   * never earlier than the record), or now for background work. The database assigns its seq,
   * which is not read back: the returned record's seq is 0.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditRecord record(String action, String targetType, String targetId, Map<String, ?> details) {
    AuditRecord r = new AuditRecord(cause.startedAt().orElseGet(clock::instant), cause.actor(), action, targetType,
        targetId, json(details), cause.describe(), key.seals());
    em.createNativeQuery("INSERT INTO audit_record (at, actor, action, target_type, target_id, detail, cause, salt, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, InstantColumn.utc(r.at())).setParameter(2, r.actor()).setParameter(3, r.action())
        .setParameter(4, r.targetType()).setParameter(5, r.targetId()).setParameter(6, r.detail())
        .setParameter(7, r.cause()).setParameter(8, r.salt()).setParameter(9, r.hash())
        .executeUpdate();
    return r;
  }

  /**
   * Appends one record in a transaction of its own, as {@code actor}: for what is audited outside
   * a change (a refused sign-in, an export). Activates a request context when there is none (a
   * scheduled task).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @jakarta.enterprise.context.control.ActivateRequestContext
  public void recordAlone(String actor, String action, String targetType, String targetId, Map<String, ?> details) {
    cause.actor(actor);
    record(action, targetType, targetId, details);
  }

  /** Where the kept chain starts after pruning: the last block removed (0: none) and its hash, and the cut. */
  public record Anchor(long block, String hash, Instant prunedBefore) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Anchor anchor() {
    AuditHead head = em.find(AuditHead.class, AuditHead.ID);
    return new Anchor(head.anchorBlock(), head.anchorBlockHash(), head.prunedBefore());
  }

  /**
   * The outcome of verifying: intact, or the first record ({@code brokenAt}) or block
   * ({@code brokenBlock}) that does not fit and why. {@code entries} records checked,
   * {@code blocks} sealed blocks checked up to {@code lastBlock}; the sealing lag as the number
   * of records not sealed yet and the age of the oldest in seconds.
   */
  public record Verification(boolean valid, long entries, Long brokenAt, String reason, Long brokenBlock, long blocks,
                             long lastBlock, Long unsealed, Long oldestUnsealedSeconds, String keyId) {}

  /** Walks the whole log in one read transaction (one snapshot on MariaDB, however long it takes). */
  @Transactional
  public Verification verify() {
    return new ChainVerifier(new JpaAuditStore(em), key.seals(), clock).verify();
  }

  /** The newest seal, to copy out and check later; empty before anything was sealed. */
  public record Seal(long block, String hash, String hmac, long sealedThrough, Instant at, int records, String keyId) {
    static Seal of(AuditBlock b) {
      return new Seal(b.num(), b.hash(), b.hmac(), b.lastSeq(), b.sealedAt(), b.records(), b.keyId());
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Seal> latestSeal() {
    return latestBlock().map(Seal::of);
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
    AuditHead head = em.find(AuditHead.class, AuditHead.ID);
    AuditBlock b = null;
    if (block != null) {
      b = em.find(AuditBlock.class, block);
    } else {
      b = em.createQuery("select b from AuditBlock b where b.hash = :h", AuditBlock.class).setParameter("h", hash)
          .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }
    if (b == null) {
      boolean anchor = (block == null || block == head.anchorBlock()) && head.anchorBlock() > 0
          && Seals.same(head.anchorBlockHash(), hash);
      if (anchor) return new SealCheck("matches", head.anchorBlock(), "the seal is the pruning anchor the log starts from", v);
      if (block != null && block <= head.anchorBlock()) {
        return new SealCheck("pruned", block, "block " + block + " was removed by pruning; the log starts after block "
            + head.anchorBlock(), v);
      }
      return new SealCheck(block == null ? "differs" : "unknown", block, block == null
          ? "no block has this hash: the history it sealed was rewritten (or pruned)"
          : "there is no block " + block + " yet", v);
    }
    if (!Seals.same(b.hash(), hash)) {
      return new SealCheck("differs", b.num(), "block " + b.num() + " now has another hash: the history up to it was rewritten", v);
    }
    if (hmac != null && !Seals.same(b.hmac(), hmac)) {
      return new SealCheck("differs", b.num(), "block " + b.num() + " now has another seal", v);
    }
    return new SealCheck(v.valid() ? "matches" : "differs", b.num(), v.valid()
        ? "block " + b.num() + " still has this hash and seal, and the log verifies"
        : "block " + b.num() + " has this hash, but the log does not verify: " + v.reason(), v);
  }

  /** The sealing lag: records not sealed yet and when the oldest of them was written (null: none). */
  public record Lag(long unsealed, Instant oldest) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Lag lag() {
    Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), MIN(at) FROM audit_record WHERE block IS NULL")
        .getSingleResult();
    return new Lag(((Number) row[0]).longValue(), InstantColumn.instant(row[1]));
  }

  /** What one sealing step did. */
  record Sealing(boolean holder, AuditBlock block, List<Long> rejected, boolean more) {}

  /**
   * One sealing step, in a transaction of its own: takes or renews the sealer's lease (a
   * conditional UPDATE of the one head row that only sealers and pruning touch), then seals up to
   * {@link #BLOCK_SIZE} committed, unsealed records, whatever their seq, into the next block.
   * Records whose MAC does not match, and copies of a record, are left unsealed and reported. Two sealers that raced past
   * an expired lease both insert the same block number: one of them fails and rolls back.
   */
  /**
   * Whether any record waits for sealing: one probe of the (block, seq) index on a plain
   * autocommit connection, so that an idle node's scheduled sealer writes nothing (not even its
   * lease). Plain JDBC: the scheduler's thread has no transaction, and an entity manager used
   * there without one is closed before it can query.
   */
  boolean hasUnsealed() {
    try (java.sql.Connection c = persistence.dataSource().getConnection();
         java.sql.Statement s = c.createStatement();
         java.sql.ResultSet r = s.executeQuery("SELECT seq FROM audit_record WHERE block IS NULL LIMIT 1")) {
      return r.next();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Sealing sealStep(String node) {
    Instant now = clock.instant();
    int taken = em.createNativeQuery("UPDATE audit_head SET sealer = ?, lease_until = ? WHERE id = 1"
            + " AND (sealer IS NULL OR sealer = ? OR lease_until < ?)")
        .setParameter(1, node).setParameter(2, InstantColumn.utc(now.plusSeconds(LEASE_SECONDS)))
        .setParameter(3, node).setParameter(4, InstantColumn.utc(now)).executeUpdate();
    if (taken == 0) return new Sealing(false, null, List.of(), false);
    Seals seals = key.seals();
    List<Seals.Entry> good = new ArrayList<>();
    List<Long> rejected = new ArrayList<>();
    long after = 0;
    boolean more = true; // until a page comes back short: more records may wait
    for (int page = 0; page < 10 && good.size() < BLOCK_SIZE; page++) {
      int want = BLOCK_SIZE - good.size();
      List<AuditRecord> batch = em.createQuery("select r from AuditRecord r where r.block is null and r.seq > :s"
              + " order by r.seq", AuditRecord.class)
          .setParameter("s", after).setMaxResults(want).getResultList();
      for (AuditRecord r : batch) {
        if (r.intact(seals)) good.add(r.entry()); else rejected.add(r.seq());
        after = r.seq();
      }
      if (batch.size() < want) {
        more = false;
        break;
      }
    }
    if (!good.isEmpty()) {
      // a copy of a record (same salt and MAC under another seq) is an insertion: seal neither copy
      List<String> copied = em.createQuery("select r.hash from AuditRecord r where r.hash in :h group by r.hash"
          + " having count(r) > 1", String.class).setParameter("h", good.stream().map(Seals.Entry::hash).toList())
          .getResultList();
      if (!copied.isEmpty()) {
        java.util.Set<String> dup = new java.util.HashSet<>(copied);
        good.stream().filter(e -> dup.contains(e.hash())).forEach(e -> rejected.add(e.seq()));
        good.removeIf(e -> dup.contains(e.hash()));
      }
    }
    if (good.isEmpty()) return new Sealing(true, null, rejected, false);
    AuditHead head = em.find(AuditHead.class, AuditHead.ID);
    Optional<AuditBlock> last = latestBlock();
    long num = last.map(b -> b.num() + 1).orElse(head.anchorBlock() + 1);
    String prev = last.map(AuditBlock::hash).orElse(head.anchorBlockHash());
    AuditBlock block = AuditBlock.seal(num, prev, good, now, seals);
    em.persist(block);
    List<Long> seqs = good.stream().map(Seals.Entry::seq).toList();
    // By primary key only: a condition on block would let MariaDB scan the (block, seq) index and
    // lock the gap where writers insert their unsealed records. Two sealers cannot both get here
    // with the same records: both would insert block num, and one of them fails on its key.
    int marked = em.createQuery("update AuditRecord r set r.block = :n where r.seq in :seqs")
        .setParameter("n", num).setParameter("seqs", seqs).executeUpdate();
    if (marked != seqs.size()) {
      throw new IllegalStateException("records " + seqs.get(0) + ".." + seqs.get(seqs.size() - 1) + " changed while sealing");
    }
    return new Sealing(true, block, rejected, more);
  }

  private Optional<AuditBlock> latestBlock() {
    return em.createQuery("select b from AuditBlock b order by b.num desc", AuditBlock.class).setMaxResults(1)
        .getResultStream().findFirst();
  }

  /** Records in a window, filtered by actor and target, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AuditRecord> list(Instant from, Instant to, String actor, String targetType, String targetId,
                                long afterSeq, int limit) {
    return em.createQuery("select r from AuditRecord r where r.seq > :after and r.at >= :from and r.at < :to"
            + " and (:actor is null or r.actor = :actor) and (:tt is null or r.targetType = :tt)"
            + " and (:tid is null or r.targetId = :tid) order by r.seq", AuditRecord.class)
        .setParameter("after", afterSeq).setParameter("from", from).setParameter("to", to)
        .setParameter("actor", actor).setParameter("tt", targetType).setParameter("tid", targetId)
        .setMaxResults(limit).getResultList();
  }

  /**
   * Deletes sealed records older than a moment (never later than now) and the blocks left with
   * nothing newer, and anchors the log: the first block kept links to the last block removed, and
   * verify accepts that records listed before the moment are gone. The pruning is itself audited
   * (action {@code audit.pruned}, naming the anchor), so a cut made without Gangway is caught.
   * Seal first ({@link AuditSealer#sealNow()}): unsealed records are kept. Returns how many went.
   */
  @Transactional
  public long prune(Instant olderThan) { return prune(olderThan, false); }

  /**
   * {@link #prune(Instant)}; {@code requested} (an admin's request) is audited even when nothing
   * was old enough ({@code audit.prune_requested}), so that every pruning request leaves a record.
   */
  @Transactional
  public long prune(Instant olderThan, boolean requested) {
    Instant now = clock.instant();
    Instant t = (olderThan.isAfter(now) ? now : olderThan).truncatedTo(ChronoUnit.MICROS);
    AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
    long removed = em.createQuery("delete from AuditRecord r where r.at < :t and r.block is not null")
        .setParameter("t", t).executeUpdate();
    if (removed == 0) {
      if (requested) {
        record(PRUNE_REQUESTED_ACTION, PRUNE_TARGET_TYPE, PRUNE_TARGET_ID, details("olderThan", t.toString(), "removed", 0));
      }
      return 0;
    }
    Long firstKept = em.createQuery("select min(b.num) from AuditBlock b where b.num > :a and b.lastAt >= :t", Long.class)
        .setParameter("a", head.anchorBlock()).setParameter("t", t).getSingleResult();
    long anchor = head.anchorBlock();
    String anchorHash = head.anchorBlockHash();
    Long lastBlock = em.createQuery("select max(b.num) from AuditBlock b", Long.class).getSingleResult();
    long newAnchor = firstKept != null ? firstKept - 1 : (lastBlock == null ? anchor : lastBlock);
    if (newAnchor > anchor) {
      anchorHash = em.find(AuditBlock.class, newAnchor).hash();
      em.createQuery("delete from AuditBlock b where b.num <= :a").setParameter("a", newAnchor).executeUpdate();
      anchor = newAnchor;
    }
    head.anchor(anchor, anchorHash, t);
    record(ChainVerifier.PRUNE_ACTION, PRUNE_TARGET_TYPE, PRUNE_TARGET_ID, details("anchorBlock", head.anchorBlock(),
        "anchorHash", head.anchorBlockHash(), "prunedBefore", head.prunedBefore().toString(), "removed", removed));
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
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return m;
  }

}
