package dev.gangway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row that only background work touches, never a writer: the sealer's lease (which node seals,
 * until when) and, once old records were pruned, the anchor (the last pruned block and its hash,
 * and the moment before which records may be missing). Its legacy columns (last_seq, last_hash)
 * keep the end of the single chain Gangway kept before sealing existed.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {
  public static final int ID = 1;

  @Id private int id;

  @Column(name = "anchor_block", nullable = false)
  private long anchorBlock;

  @Column(name = "anchor_block_hash", nullable = false)
  private String anchorBlockHash;

  @Column(name = "pruned_before")
  private Instant prunedBefore;

  protected AuditHead() {}

  /** A head as stored, for tests and fakes. */
  AuditHead(long anchorBlock, String anchorBlockHash, Instant prunedBefore) {
    this.id = ID;
    this.anchorBlock = anchorBlock;
    this.anchorBlockHash = anchorBlockHash;
    this.prunedBefore = prunedBefore;
  }

  void anchor(long block, String hash, Instant before) {
    anchorBlock = block;
    anchorBlockHash = hash;
    if (prunedBefore == null || before.isAfter(prunedBefore)) prunedBefore = before;
  }

  /** The last block pruned (0: none): the first block kept links to its hash. */
  long anchorBlock() {
    return anchorBlock;
  }

  String anchorBlockHash() {
    return anchorBlockHash;
  }

  /** Records older than this may be missing from the blocks that list them: they were pruned. */
  Instant prunedBefore() {
    return prunedBefore;
  }
}
