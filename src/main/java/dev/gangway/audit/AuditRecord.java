package dev.gangway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One state change: when, who, what, to which target, the details, and its link in the chain. */
@Entity
@Table(name = "audit_record")
public class AuditRecord {
  @Id private long seq;
  @Column(nullable = false, updatable = false) private Instant at;
  @Column(nullable = false, updatable = false) private String actor;
  @Column(nullable = false, updatable = false) private String action;
  @Column(name = "target_type", nullable = false, updatable = false) private String targetType;
  @Column(name = "target_id", nullable = false, updatable = false) private String targetId;
  @Column(nullable = false, updatable = false) private String detail;
  @Column(nullable = false, updatable = false) private String cause;
  @Column(name = "prev_hash", nullable = false, updatable = false) private String prevHash;
  @Column(nullable = false, updatable = false) private String hash;

  protected AuditRecord() {}

  AuditRecord(long seq, Instant at, String actor, String action, String targetType, String targetId,
              String detail, String cause, String prevHash) {
    this.seq = seq;
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.targetType = targetType;
    this.targetId = targetId;
    this.detail = detail;
    this.cause = cause;
    this.prevHash = prevHash;
    this.hash = computeHash();
  }

  /** SHA-256 over every field and the previous hash: changing any of them breaks the chain here. */
  public String computeHash() {
    String canonical = String.join("\u001f", Long.toString(seq), at.toString(), actor, action, targetType,
        targetId, detail, cause, prevHash);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public long seq() { return seq; }
  public Instant at() { return at; }
  public String actor() { return actor; }
  public String action() { return action; }
  public String targetType() { return targetType; }
  public String targetId() { return targetId; }
  public String detail() { return detail; }
  public String cause() { return cause; }
  public String prevHash() { return prevHash; }
  public String hash() { return hash; }
}
