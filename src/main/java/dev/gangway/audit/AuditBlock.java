package dev.gangway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * A sealed block: the records it seals (seq, time, content hash, in seq order), the hash of the
 * block before it, its own hash and its keyed seal. Written once by the sealer, never updated;
 * removed only by pruning.
 */
@Entity
@Table(name = "audit_block")
public class AuditBlock {
  @Id
  @Column(updatable = false)
  private long num;

  @Column(name = "prev_hash", nullable = false, updatable = false)
  private String prevHash;

  @Column(name = "first_seq", nullable = false, updatable = false)
  private long firstSeq;

  @Column(name = "last_seq", nullable = false, updatable = false)
  private long lastSeq;

  @Column(nullable = false, updatable = false)
  private int records;

  /** The newest record time it lists: pruning removes whole blocks older than a moment by this. */
  @Column(name = "last_at", nullable = false, updatable = false)
  private Instant lastAt;

  @Column(nullable = false, updatable = false)
  private String entries;

  @Column(name = "sealed_at", nullable = false, updatable = false)
  private Instant sealedAt;

  @Column(name = "key_id", nullable = false, updatable = false)
  private String keyId;

  @Column(nullable = false, updatable = false)
  private String hash;

  @Column(nullable = false, updatable = false)
  private String hmac;

  protected AuditBlock() {}

  /**
   * Seals records (at least one, in any order) as block {@code num} after the block whose hash is
   * {@code prevHash}.
   */
  static AuditBlock seal(
      long num, String prevHash, List<Seals.Entry> sealed, Instant sealedAt, Seals seals) {
    if (sealed.isEmpty()) throw new IllegalArgumentException("a block seals at least one record");
    List<Seals.Entry> ordered =
        sealed.stream().sorted(Comparator.comparingLong(Seals.Entry::seq)).toList();
    AuditBlock b = new AuditBlock();
    b.num = num;
    b.prevHash = prevHash;
    b.firstSeq = ordered.get(0).seq();
    b.lastSeq = ordered.get(ordered.size() - 1).seq();
    b.records = ordered.size();
    b.lastAt = ordered.stream().map(Seals.Entry::at).max(Comparator.naturalOrder()).orElseThrow();
    b.entries = Seals.encode(ordered);
    b.sealedAt = sealedAt.truncatedTo(ChronoUnit.MICROS);
    b.keyId = seals.keyId();
    b.hash = Seals.blockHash(num, prevHash, b.sealedAt, b.keyId, b.entries);
    b.hmac = seals.blockHmac(num, prevHash, b.sealedAt, b.keyId, b.entries);
    return b;
  }

  /** A block as stored, for tests and fakes. */
  static AuditBlock stored(
      long num,
      String prevHash,
      long firstSeq,
      long lastSeq,
      int records,
      Instant lastAt,
      String entries,
      Instant sealedAt,
      String keyId,
      String hash,
      String hmac) {
    AuditBlock b = new AuditBlock();
    b.num = num;
    b.prevHash = prevHash;
    b.firstSeq = firstSeq;
    b.lastSeq = lastSeq;
    b.records = records;
    b.lastAt = lastAt;
    b.entries = entries;
    b.sealedAt = sealedAt;
    b.keyId = keyId;
    b.hash = hash;
    b.hmac = hmac;
    return b;
  }

  /**
   * The hash recomputed from the content: differs from {@link #hash()} when the block was altered.
   */
  String computeHash() {
    return Seals.blockHash(num, prevHash, sealedAt, keyId, entries);
  }

  /** Whether the seal matches under this key: only the key's holder can make one that does. */
  boolean sealedBy(Seals seals) {
    return Seals.same(seals.blockHmac(num, prevHash, sealedAt, keyId, entries), hmac);
  }

  /** The records it lists; throws IllegalArgumentException when the text was mangled. */
  List<Seals.Entry> listed() {
    return Seals.decode(entries);
  }

  public long num() {
    return num;
  }

  public String prevHash() {
    return prevHash;
  }

  public long firstSeq() {
    return firstSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public int records() {
    return records;
  }

  public Instant lastAt() {
    return lastAt;
  }

  public String entries() {
    return entries;
  }

  public Instant sealedAt() {
    return sealedAt;
  }

  public String keyId() {
    return keyId;
  }

  public String hash() {
    return hash;
  }

  public String hmac() {
    return hmac;
  }

  @Override
  public String toString() {
    return "AuditBlock[" + num + "]";
  }
}
