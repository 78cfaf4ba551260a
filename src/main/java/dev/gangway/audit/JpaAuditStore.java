package dev.gangway.audit;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link AuditStore} on the database; clears the persistence context between batches to keep memory flat. */
final class JpaAuditStore implements AuditStore {
  private final EntityManager em;

  JpaAuditStore(EntityManager em) { this.em = em; }

  @Override public AuditHead head() { return em.find(AuditHead.class, AuditHead.ID); }

  @Override public List<AuditBlock> blocksAfter(long num, int limit) {
    em.clear();
    return em.createQuery("select b from AuditBlock b where b.num > :n order by b.num", AuditBlock.class)
        .setParameter("n", num).setMaxResults(limit).getResultList();
  }

  @Override public List<AuditRecord> recordsOfBlock(long num) {
    return em.createQuery("select r from AuditRecord r where r.block = :n", AuditRecord.class)
        .setParameter("n", num).getResultList();
  }

  @Override public Optional<AuditRecord> record(long seq) { return Optional.ofNullable(em.find(AuditRecord.class, seq)); }

  @Override public List<AuditRecord> unsealedAfter(long seq, int limit) {
    em.clear();
    return em.createQuery("select r from AuditRecord r where r.block is null and r.seq > :s order by r.seq",
        AuditRecord.class).setParameter("s", seq).setMaxResults(limit).getResultList();
  }

  @Override public OptionalLong strayRecord() {
    Object min = em.createNativeQuery("SELECT MIN(r.seq) FROM audit_record r WHERE r.block IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM audit_block b WHERE b.num = r.block)").getSingleResult();
    return min == null ? OptionalLong.empty() : OptionalLong.of(((Number) min).longValue());
  }

  @Override public Optional<long[]> duplicate() {
    List<?> rows = em.createNativeQuery("SELECT MIN(seq), MAX(seq) FROM audit_record GROUP BY hash"
        + " HAVING COUNT(*) > 1 ORDER BY 2").setMaxResults(1).getResultList();
    if (rows.isEmpty()) return Optional.empty();
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()});
  }

  @Override public Optional<AuditRecord> lastPrune() {
    return em.createQuery("select r from AuditRecord r where r.targetType = :tt and r.targetId = :tid"
            + " and r.action = :a order by r.seq desc", AuditRecord.class)
        .setParameter("tt", AuditLog.PRUNE_TARGET_TYPE).setParameter("tid", AuditLog.PRUNE_TARGET_ID)
        .setParameter("a", ChainVerifier.PRUNE_ACTION).setMaxResults(1).getResultStream().findFirst();
  }
}
