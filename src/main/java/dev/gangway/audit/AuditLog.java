package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Appends audit records in the caller's transaction: the record commits or rolls back with the
 * change it describes. Appends lock the chain's head, so records form one linear chain whatever
 * the number of threads or nodes.
 */
@ApplicationScoped
public class AuditLog {
  static final int VERIFY_BATCH = 1000;

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject ChangeCause cause;
  @Inject Clock clock;

  /**
   * Appends one record; must run inside the transaction of the change. Its time is when the
   * request that made the change arrived (so that what the change caused — revocations — is
   * never earlier than the record), or now for background work.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditRecord record(String action, String targetType, String targetId, Map<String, ?> details) {
    AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
    AuditRecord r = new AuditRecord(head.lastSeq() + 1, cause.startedAt().orElseGet(clock::instant), cause.actor(), action, targetType,
        targetId, json(details), cause.describe(), head.lastHash());
    em.persist(r);
    head.advance(r);
    return r;
  }

  /** The outcome of walking the chain: intact, or the first record that does not fit. */
  public record Verification(boolean valid, long entries, Long brokenAt, String reason) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Verification verify() {
    AuditHead head = em.find(AuditHead.class, AuditHead.ID);
    long expectedSeq = head.anchorSeq() + 1;
    String prev = head.anchorHash();
    long checked = 0;
    while (true) {
      List<AuditRecord> batch = em.createQuery("select r from AuditRecord r where r.seq >= :s order by r.seq",
              AuditRecord.class).setParameter("s", expectedSeq).setMaxResults(VERIFY_BATCH).getResultList();
      for (AuditRecord r : batch) {
        if (r.seq() != expectedSeq) return new Verification(false, checked, expectedSeq, "record " + expectedSeq + " is missing");
        if (!r.prevHash().equals(prev)) return new Verification(false, checked, r.seq(), "does not link to the record before it");
        if (!r.computeHash().equals(r.hash())) return new Verification(false, checked, r.seq(), "its content does not match its hash");
        prev = r.hash();
        expectedSeq++;
        checked++;
      }
      em.clear();
      if (batch.size() < VERIFY_BATCH) break;
    }
    if (expectedSeq - 1 != head.lastSeq() || !prev.equals(head.lastHash())) {
      return new Verification(false, checked, expectedSeq, "the chain ends before its recorded head "
          + head.lastSeq() + " (records removed from the end)");
    }
    return new Verification(true, checked, null, null);
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
   * Deletes records older than a moment, oldest first, and anchors the chain at the last one
   * deleted: what remains still verifies from the anchor. Returns how many went.
   */
  @Transactional
  public long prune(Instant olderThan) {
    AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
    List<AuditRecord> last = em.createQuery("select r from AuditRecord r where r.at < :t order by r.seq desc",
            AuditRecord.class).setParameter("t", olderThan).setMaxResults(1).getResultList();
    if (last.isEmpty()) return 0;
    AuditRecord anchor = last.get(0);
    long removed = em.createQuery("delete from AuditRecord r where r.seq <= :s")
        .setParameter("s", anchor.seq()).executeUpdate();
    head.anchor(anchor.seq(), anchor.hash());
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
