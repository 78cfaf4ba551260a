package dev.gangway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the chain, and its anchor once old records were pruned. One row. */
@Entity
@Table(name = "audit_head")
public class AuditHead {
  static final int ID = 1;

  @Id private int id;
  @Column(name = "last_seq", nullable = false) private long lastSeq;
  @Column(name = "last_hash", nullable = false) private String lastHash;
  @Column(name = "anchor_seq", nullable = false) private long anchorSeq;
  @Column(name = "anchor_hash", nullable = false) private String anchorHash;

  protected AuditHead() {}

  void advance(AuditRecord r) {
    lastSeq = r.seq();
    lastHash = r.hash();
  }

  void anchor(long seq, String hash) {
    anchorSeq = seq;
    anchorHash = hash;
  }

  long lastSeq() { return lastSeq; }
  String lastHash() { return lastHash; }
  long anchorSeq() { return anchorSeq; }
  String anchorHash() { return anchorHash; }
}
