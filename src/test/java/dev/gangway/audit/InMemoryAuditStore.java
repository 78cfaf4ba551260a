package dev.gangway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The audit tables in memory, with a writer and a sealer that work like the real ones (for {@link
 * ChainVerifier}), and the {@link AuditRepository} that {@link AuditLog} writes through.
 */
final class InMemoryAuditStore implements AuditRepository {
  final TreeMap<Long, AuditRecord> records = new TreeMap<>();
  final TreeMap<Long, AuditBlock> blocks = new TreeMap<>();
  AuditHead head = new AuditHead(0, Seals.ZERO, null);
  private final Seals seals;
  private long nextSeq = 1;
  String sealer;
  Instant leaseUntil;

  InMemoryAuditStore(Seals seals) {
    this.seals = seals;
  }

  /** Writes a record as AuditLog.record does; returns its seq. */
  long write(Instant at, String action, String targetId, String detail) {
    long seq = nextSeq++;
    return put(seq, at, action, targetId, detail);
  }

  /** Reserves a seq that commits later (a transaction still open). */
  long reserve() {
    return nextSeq++;
  }

  long put(long seq, Instant at, String action, String targetId, String detail) {
    String salt = Seals.newSalt();
    String mac =
        seals.recordMac(
            salt, at, "directory 1", action, "user", targetId, detail, "POST /scim/v2/Users");
    records.put(
        seq,
        new AuditRecord(
            seq,
            at,
            "directory 1",
            action,
            "user",
            targetId,
            detail,
            "POST /scim/v2/Users",
            null,
            salt,
            mac,
            null));
    return seq;
  }

  /** Seals every unsealed record, as AuditLog.sealStep does. */
  AuditBlock seal(Instant now) {
    List<Seals.Entry> entries = new ArrayList<>();
    Map<String, Long> copies = new HashMap<>();
    for (AuditRecord r : records.values()) copies.merge(r.hash(), 1L, Long::sum);
    for (AuditRecord r : records.values()) {
      if (r.block() == null && r.intact(seals) && copies.get(r.hash()) == 1) entries.add(r.entry());
    }
    if (entries.isEmpty()) return null;
    long num = blocks.isEmpty() ? head.anchorBlock() + 1 : blocks.lastKey() + 1;
    String prev = blocks.isEmpty() ? head.anchorBlockHash() : blocks.lastEntry().getValue().hash();
    AuditBlock b = AuditBlock.seal(num, prev, entries, now, seals);
    blocks.put(num, b);
    for (Seals.Entry e : entries) records.get(e.seq()).sealedIn(num);
    return b;
  }

  /** Replaces a stored record's fields, as someone with write access to the table could. */
  void replace(long seq, String detail, String hash, Long block) {
    AuditRecord r = records.get(seq);
    records.put(
        seq,
        new AuditRecord(
            seq,
            r.at(),
            r.actor(),
            r.action(),
            r.targetType(),
            r.targetId(),
            detail,
            r.cause(),
            r.prevHash(),
            r.salt(),
            hash,
            block));
  }

  @Override
  public AuditHead head() {
    return head;
  }

  @Override
  public List<AuditBlock> blocksAfter(long num, int limit) {
    return blocks.tailMap(num, false).values().stream().limit(limit).toList();
  }

  @Override
  public List<AuditRecord> recordsOfBlock(long num) {
    return records.values().stream().filter(r -> r.block() != null && r.block() == num).toList();
  }

  @Override
  public Optional<AuditRecord> record(long seq) {
    return Optional.ofNullable(records.get(seq));
  }

  @Override
  public List<AuditRecord> unsealedAfter(long seq, int limit) {
    return records.tailMap(seq, false).values().stream()
        .filter(r -> r.block() == null)
        .limit(limit)
        .toList();
  }

  @Override
  public OptionalLong strayRecord() {
    return records.values().stream()
        .filter(r -> r.block() != null && !blocks.containsKey(r.block()))
        .mapToLong(AuditRecord::seq)
        .min();
  }

  @Override
  public Optional<long[]> duplicate() {
    Map<String, Long> first = new HashMap<>();
    for (AuditRecord r : records.values()) {
      Long o = first.putIfAbsent(r.hash(), r.seq());
      if (o != null) return Optional.of(new long[] {o, r.seq()});
    }
    return Optional.empty();
  }

  @Override
  public Optional<AuditRecord> lastPrune() {
    return records.descendingMap().values().stream()
        .filter(r -> r.action().equals(ChainVerifier.PRUNE_ACTION))
        .findFirst();
  }

  // what AuditLog writes through

  @Override
  public void append(AuditRecord r) {
    long seq = nextSeq++;
    records.put(
        seq,
        new AuditRecord(
            seq,
            r.at(),
            r.actor(),
            r.action(),
            r.targetType(),
            r.targetId(),
            r.detail(),
            r.cause(),
            null,
            r.salt(),
            r.hash(),
            null));
  }

  @Override
  public AuditHead headForUpdate() {
    return head;
  }

  @Override
  public Optional<AuditBlock> block(long num) {
    return Optional.ofNullable(blocks.get(num));
  }

  @Override
  public Optional<AuditBlock> blockWithHash(String hash) {
    return blocks.values().stream().filter(b -> b.hash().equals(hash)).findFirst();
  }

  @Override
  public Optional<AuditBlock> latestBlock() {
    return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.lastEntry().getValue());
  }

  @Override
  public AuditLog.Lag lag() {
    List<AuditRecord> unsealed = records.values().stream().filter(r -> r.block() == null).toList();
    return new AuditLog.Lag(
        unsealed.size(),
        unsealed.stream().map(AuditRecord::at).min(Comparator.naturalOrder()).orElse(null));
  }

  @Override
  public boolean hasUnsealed() {
    return records.values().stream().anyMatch(r -> r.block() == null);
  }

  @Override
  public boolean takeLease(String node, Instant now, Instant until) {
    if (sealer != null && !sealer.equals(node) && !leaseUntil.isBefore(now)) return false;
    sealer = node;
    leaseUntil = until;
    return true;
  }

  @Override
  public List<AuditRecord> unsealed(long seq, int limit) {
    return unsealedAfter(seq, limit);
  }

  @Override
  public Set<String> copiedHashes(Collection<String> hashes) {
    Map<String, Long> counts =
        records.values().stream()
            .collect(Collectors.groupingBy(AuditRecord::hash, Collectors.counting()));
    return hashes.stream().filter(h -> counts.getOrDefault(h, 0L) > 1).collect(Collectors.toSet());
  }

  @Override
  public void addBlock(AuditBlock block) {
    if (blocks.putIfAbsent(block.num(), block) != null) {
      throw new IllegalStateException("duplicate block " + block.num());
    }
  }

  @Override
  public int markSealed(List<Long> seqs, long block) {
    int n = 0;
    for (long seq : seqs) {
      AuditRecord r = records.get(seq);
      if (r != null) {
        r.sealedIn(block);
        n++;
      }
    }
    return n;
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
    return records.tailMap(afterSeq, false).values().stream()
        .filter(r -> !r.at().isBefore(from) && r.at().isBefore(to))
        .filter(r -> actor == null || actor.equals(r.actor()))
        .filter(r -> targetType == null || targetType.equals(r.targetType()))
        .filter(r -> targetId == null || targetId.equals(r.targetId()))
        .limit(limit)
        .toList();
  }

  @Override
  public long deleteSealedBefore(Instant before) {
    List<Long> gone =
        records.values().stream()
            .filter(r -> r.at().isBefore(before) && r.block() != null)
            .map(AuditRecord::seq)
            .toList();
    gone.forEach(records::remove);
    return gone.size();
  }

  @Override
  public OptionalLong firstBlockReaching(long after, Instant at) {
    return blocks.tailMap(after, false).values().stream()
        .filter(b -> !b.lastAt().isBefore(at))
        .mapToLong(AuditBlock::num)
        .min();
  }

  @Override
  public OptionalLong lastBlockNum() {
    return blocks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(blocks.lastKey());
  }

  @Override
  public void deleteBlocksUpTo(long num) {
    blocks.headMap(num, true).clear();
  }
}
