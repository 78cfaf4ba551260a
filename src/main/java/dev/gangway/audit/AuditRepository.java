package dev.gangway.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where the audit log keeps its records, blocks and head. Each method runs in the caller's
 * transaction; {@link #hasUnsealed()} alone needs none.
 */
public interface AuditRepository extends AuditStore {
  /** Appends one record with one INSERT; the database assigns its seq, which is not read back. */
  void append(AuditRecord record);

  /** The head, locked until the transaction ends (pruning). */
  AuditHead headForUpdate();

  Optional<AuditBlock> block(long num);

  Optional<AuditBlock> blockWithHash(String hash);

  Optional<AuditBlock> latestBlock();

  /** How many records wait for sealing and when the oldest of them was written (null: none). */
  AuditLog.Lag lag();

  /**
   * Whether any record waits for sealing, on a connection of its own: callable without a
   * transaction.
   */
  boolean hasUnsealed();

  /**
   * Takes or renews the sealer's lease until {@code until}, unless another node holds it beyond
   * {@code now}.
   */
  boolean takeLease(String node, Instant now, Instant until);

  /** Records not sealed yet with a seq above {@code seq}, in seq order, at most {@code limit}. */
  List<AuditRecord> unsealed(long seq, int limit);

  /** Those of {@code hashes} that more than one record carries. */
  Set<String> copiedHashes(Collection<String> hashes);

  void addBlock(AuditBlock block);

  /** Names the block in these records, by primary key only; returns how many rows changed. */
  int markSealed(List<Long> seqs, long block);

  /** Records in a window, filtered by actor and target (null: any), oldest first. */
  List<AuditRecord> list(
      Instant from,
      Instant to,
      String actor,
      String targetType,
      String targetId,
      long afterSeq,
      int limit);

  /** Deletes the sealed records older than {@code before}; returns how many. */
  long deleteSealedBefore(Instant before);

  /** The lowest block above {@code after} that lists a record at or after {@code at}. */
  OptionalLong firstBlockReaching(long after, Instant at);

  OptionalLong lastBlockNum();

  void deleteBlocksUpTo(long num);
}
