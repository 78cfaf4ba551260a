package dev.gangway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One state change: when, who, what, to which target, the details, and its content hash. Records
 * written since sealing exists carry a random salt and a keyed MAC ({@link Seals#recordMac});
 * records from before (legacy) carry the unkeyed chained hash they were written with. Once sealed,
 * {@code block} names the block that lists the record.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {
  @Id
  @Column(updatable = false)
  private long seq;

  @Column(nullable = false, updatable = false)
  private Instant at;

  @Column(nullable = false, updatable = false)
  private String actor;

  @Column(nullable = false, updatable = false)
  private String action;

  @Column(name = "target_type", nullable = false, updatable = false)
  private String targetType;

  @Column(name = "target_id", nullable = false, updatable = false)
  private String targetId;

  @Column(nullable = false, updatable = false)
  private String detail;

  @Column(nullable = false, updatable = false)
  private String cause;

  /** Legacy records only: the hash of the record before it in the old single chain. */
  @Column(name = "prev_hash", updatable = false)
  private String prevHash;

  /** Records with a keyed MAC: the random salt it covers; null for legacy records. */
  @Column(updatable = false)
  private String salt;

  @Column(nullable = false, updatable = false)
  private String hash;

  private Long block;

  protected AuditRecord() {}

  /** A new record (its seq is assigned by the database when it is inserted). */
  AuditRecord(
      Instant at,
      String actor,
      String action,
      String targetType,
      String targetId,
      String detail,
      String cause,
      Seals seals) {
    this.at =
        at.truncatedTo(
            ChronoUnit.MICROS); // what DATETIME(6) keeps: the MAC must cover what is read back
    this.actor = actor;
    this.action = action;
    this.targetType = targetType;
    this.targetId = targetId;
    this.detail = detail;
    this.cause = cause;
    this.salt = Seals.newSalt();
    this.hash = seals.recordMac(salt, this.at, actor, action, targetType, targetId, detail, cause);
  }

  /** A record as stored, for tests and fakes. */
  AuditRecord(
      long seq,
      Instant at,
      String actor,
      String action,
      String targetType,
      String targetId,
      String detail,
      String cause,
      String prevHash,
      String salt,
      String hash,
      Long block) {
    this.seq = seq;
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.targetType = targetType;
    this.targetId = targetId;
    this.detail = detail;
    this.cause = cause;
    this.prevHash = prevHash;
    this.salt = salt;
    this.hash = hash;
    this.block = block;
  }

  /** Whether the record was written before sealing existed (unkeyed, chained hash). */
  public boolean legacy() {
    return salt == null;
  }

  /**
   * The content hash recomputed from the fields: equal to {@link #hash()} unless the record was
   * altered.
   */
  public String computeHash(Seals seals) {
    return legacy()
        ? Seals.legacyHash(
            seq,
            at,
            actor,
            action,
            targetType,
            targetId,
            detail,
            cause,
            prevHash == null ? "" : prevHash)
        : seals.recordMac(salt, at, actor, action, targetType, targetId, detail, cause);
  }

  /**
   * Whether the stored content still matches the stored hash (a keyed check for non-legacy
   * records).
   */
  public boolean intact(Seals seals) {
    return Seals.same(computeHash(seals), hash);
  }

  Seals.Entry entry() {
    return new Seals.Entry(seq, at, hash);
  }

  void sealedIn(long block) {
    this.block = block;
  }

  public long seq() {
    return seq;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String targetType() {
    return targetType;
  }

  public String targetId() {
    return targetId;
  }

  public String detail() {
    return detail;
  }

  public String cause() {
    return cause;
  }

  public String prevHash() {
    return prevHash;
  }

  public String salt() {
    return salt;
  }

  public String hash() {
    return hash;
  }

  /** The block that seals it, or null while it waits for the sealer. */
  public Long block() {
    return block;
  }

  @Override
  public String toString() {
    return "AuditRecord[" + seq + "]";
  }
}
