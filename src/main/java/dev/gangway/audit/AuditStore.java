package dev.gangway.audit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What verifying the audit log reads: the database in production, memory in unit tests. */
public interface AuditStore {
  /** The action, target type and target id of the record a pruning leaves. */
  String PRUNE_ACTION = "audit.pruned";

  String PRUNE_TARGET_TYPE = "audit";
  String PRUNE_TARGET_ID = "log";

  AuditHead head();

  /** Blocks numbered above {@code num}, in order, at most {@code limit}. */
  List<AuditBlock> blocksAfter(long num, int limit);

  /** Records whose block column names this block. */
  List<AuditRecord> recordsOfBlock(long num);

  Optional<AuditRecord> record(long seq);

  /** Records not sealed yet with a seq above {@code seq}, in seq order, at most {@code limit}. */
  List<AuditRecord> unsealedAfter(long seq, int limit);

  /** The lowest seq of a record that names a block the chain does not hold. */
  OptionalLong strayRecord();

  /** The first pair {original, copy} of records with the same content hash. */
  Optional<long[]> duplicate();

  /** The newest record of a pruning, which names the anchor it left. */
  Optional<AuditRecord> lastPrune();
}
