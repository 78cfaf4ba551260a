package dev.gangway.audit.jpa;

import dev.gangway.audit.AuditBlock;
import dev.gangway.audit.AuditHead;
import dev.gangway.audit.AuditLog;
import dev.gangway.audit.AuditRecord;
import dev.gangway.audit.AuditRepository;
import dev.gangway.platform.persistence.InstantColumn;
import dev.gangway.platform.persistence.PersistenceSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link AuditRepository} on the database, in the caller's transaction. The reads of verification
 * clear the persistence context between batches to keep memory flat.
 */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  private PersistenceSetup persistence;

  protected JpaAuditRepository() {}

  @Inject
  JpaAuditRepository(PersistenceSetup persistence) {
    this.persistence = persistence;
  }

  @Override
  public void append(AuditRecord r) {
    em.createNativeQuery(
            "INSERT INTO audit_record (at, actor, action, target_type, target_id, detail, cause, salt, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, InstantColumn.utc(r.at()))
        .setParameter(2, r.actor())
        .setParameter(3, r.action())
        .setParameter(4, r.targetType())
        .setParameter(5, r.targetId())
        .setParameter(6, r.detail())
        .setParameter(7, r.cause())
        .setParameter(8, r.salt())
        .setParameter(9, r.hash())
        .executeUpdate();
  }

  @Override
  public AuditHead head() {
    return em.find(AuditHead.class, AuditHead.ID);
  }

  @Override
  public AuditHead headForUpdate() {
    return em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public Optional<AuditBlock> block(long num) {
    return Optional.ofNullable(em.find(AuditBlock.class, num));
  }

  @Override
  public Optional<AuditBlock> blockWithHash(String hash) {
    return em.createQuery("select b from AuditBlock b where b.hash = :h", AuditBlock.class)
        .setParameter("h", hash)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<AuditBlock> latestBlock() {
    return em.createQuery("select b from AuditBlock b order by b.num desc", AuditBlock.class)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public AuditLog.Lag lag() {
    Object[] row =
        (Object[])
            em.createNativeQuery("SELECT COUNT(*), MIN(at) FROM audit_record WHERE block IS NULL")
                .getSingleResult();
    return new AuditLog.Lag(((Number) row[0]).longValue(), InstantColumn.instant(row[1]));
  }

  /**
   * One probe of the (block, seq) index on a plain autocommit connection, so that an idle node's
   * scheduled sealer writes nothing (not even its lease). Plain JDBC: the scheduler's thread has no
   * transaction, and an entity manager used there without one is closed before it can query.
   */
  @Override
  public boolean hasUnsealed() {
    try (Connection c = persistence.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq FROM audit_record WHERE block IS NULL LIMIT 1")) {
      return r.next();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean takeLease(String node, Instant now, Instant until) {
    return em.createNativeQuery(
                "UPDATE audit_head SET sealer = ?, lease_until = ? WHERE id = 1"
                    + " AND (sealer IS NULL OR sealer = ? OR lease_until < ?)")
            .setParameter(1, node)
            .setParameter(2, InstantColumn.utc(until))
            .setParameter(3, node)
            .setParameter(4, InstantColumn.utc(now))
            .executeUpdate()
        > 0;
  }

  @Override
  public List<AuditRecord> unsealed(long seq, int limit) {
    return em.createQuery(
            "select r from AuditRecord r where r.block is null and r.seq > :s order by r.seq",
            AuditRecord.class)
        .setParameter("s", seq)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public Set<String> copiedHashes(Collection<String> hashes) {
    return new HashSet<>(
        em.createQuery(
                "select r.hash from AuditRecord r where r.hash in :h group by r.hash"
                    + " having count(r) > 1",
                String.class)
            .setParameter("h", hashes)
            .getResultList());
  }

  @Override
  public void addBlock(AuditBlock block) {
    em.persist(block);
  }

  // By primary key only: a condition on block would let MariaDB scan the (block, seq) index and
  // lock the gap where writers insert their unsealed records.
  @Override
  public int markSealed(List<Long> seqs, long block) {
    return em.createQuery("update AuditRecord r set r.block = :n where r.seq in :seqs")
        .setParameter("n", block)
        .setParameter("seqs", seqs)
        .executeUpdate();
  }

  @Override
  public List<AuditRecord> list(
      Instant from,
      Instant to,
      String actor,
      String targetType,
      String targetId,
      long afterSeq,
      int limit) {
    return em.createQuery(
            "select r from AuditRecord r where r.seq > :after and r.at >= :from and r.at < :to"
                + " and (:actor is null or r.actor = :actor) and (:tt is null or r.targetType = :tt)"
                + " and (:tid is null or r.targetId = :tid) order by r.seq",
            AuditRecord.class)
        .setParameter("after", afterSeq)
        .setParameter("from", from)
        .setParameter("to", to)
        .setParameter("actor", actor)
        .setParameter("tt", targetType)
        .setParameter("tid", targetId)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public long deleteSealedBefore(Instant before) {
    return em.createQuery("delete from AuditRecord r where r.at < :t and r.block is not null")
        .setParameter("t", before)
        .executeUpdate();
  }

  @Override
  public OptionalLong firstBlockReaching(long after, Instant at) {
    Long num =
        em.createQuery(
                "select min(b.num) from AuditBlock b where b.num > :a and b.lastAt >= :t",
                Long.class)
            .setParameter("a", after)
            .setParameter("t", at)
            .getSingleResult();
    return num == null ? OptionalLong.empty() : OptionalLong.of(num);
  }

  @Override
  public OptionalLong lastBlockNum() {
    Long num = em.createQuery("select max(b.num) from AuditBlock b", Long.class).getSingleResult();
    return num == null ? OptionalLong.empty() : OptionalLong.of(num);
  }

  @Override
  public void deleteBlocksUpTo(long num) {
    em.createQuery("delete from AuditBlock b where b.num <= :a")
        .setParameter("a", num)
        .executeUpdate();
  }

  // verification

  @Override
  public List<AuditBlock> blocksAfter(long num, int limit) {
    em.clear();
    return em.createQuery(
            "select b from AuditBlock b where b.num > :n order by b.num", AuditBlock.class)
        .setParameter("n", num)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<AuditRecord> recordsOfBlock(long num) {
    return em.createQuery("select r from AuditRecord r where r.block = :n", AuditRecord.class)
        .setParameter("n", num)
        .getResultList();
  }

  @Override
  public Optional<AuditRecord> record(long seq) {
    return Optional.ofNullable(em.find(AuditRecord.class, seq));
  }

  @Override
  public List<AuditRecord> unsealedAfter(long seq, int limit) {
    em.clear();
    return unsealed(seq, limit);
  }

  @Override
  public OptionalLong strayRecord() {
    Object min =
        em.createNativeQuery(
                "SELECT MIN(r.seq) FROM audit_record r WHERE r.block IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM audit_block b WHERE b.num = r.block)")
            .getSingleResult();
    return min == null ? OptionalLong.empty() : OptionalLong.of(((Number) min).longValue());
  }

  @Override
  public Optional<long[]> duplicate() {
    List<?> rows =
        em.createNativeQuery(
                "SELECT MIN(seq), MAX(seq) FROM audit_record GROUP BY hash"
                    + " HAVING COUNT(*) > 1 ORDER BY 2")
            .setMaxResults(1)
            .getResultList();
    if (rows.isEmpty()) return Optional.empty();
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()});
  }

  @Override
  public Optional<AuditRecord> lastPrune() {
    return em.createQuery(
            "select r from AuditRecord r where r.targetType = :tt and r.targetId = :tid"
                + " and r.action = :a order by r.seq desc",
            AuditRecord.class)
        .setParameter("tt", PRUNE_TARGET_TYPE)
        .setParameter("tid", PRUNE_TARGET_ID)
        .setParameter("a", PRUNE_ACTION)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
