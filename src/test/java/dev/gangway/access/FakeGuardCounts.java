package dev.gangway.access;

import dev.gangway.directory.Directory;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's counts over a {@link FakeAccessRepository}, the way the real ones read the tables:
 * applied revocations counted from the access events, "tripped" from held grants. The directories'
 * guard settings are set up by the test.
 */
class FakeGuardCounts implements GuardCounts {
  private final FakeAccessRepository repo;
  final Map<Long, Directory> directories = new LinkedHashMap<>();

  FakeGuardCounts(FakeAccessRepository repo) {
    this.repo = repo;
  }

  @Override
  public Optional<Directory> directory(long directoryId) {
    return Optional.ofNullable(directories.get(directoryId));
  }

  @Override
  public long revokedSince(long directoryId, Instant start) {
    return repo.events.stream()
        .filter(
            e ->
                e.kind() == AccessEvent.Kind.REVOKED
                    && !e.at().isBefore(start)
                    && Long.valueOf(directoryId).equals(e.guardDirectoryId()))
        .map(AccessEvent::userId)
        .distinct()
        .count();
  }

  @Override
  public boolean heldExists(long directoryId) {
    return repo.grants.stream().anyMatch(g -> held(g, directoryId));
  }

  /** All users of the fake belong to every directory. */
  @Override
  public long usersWithAccess(long directoryId) {
    return repo.grants.stream()
        .filter(AccessGrant::granted)
        .map(AccessGrant::userId)
        .distinct()
        .count();
  }

  @Override
  public Held held(long directoryId) {
    List<AccessGrant> held = repo.grants.stream().filter(g -> held(g, directoryId)).toList();
    return new Held(
        held.stream().map(AccessGrant::userId).distinct().count(),
        held.size(),
        held.stream().map(AccessGrant::heldSince).min(Instant::compareTo).orElse(null),
        held.stream().map(AccessGrant::heldSince).max(Instant::compareTo).orElse(null));
  }

  @Override
  public List<HeldRow> heldRows(long directoryId, int limit) {
    return repo.grants.stream()
        .filter(g -> held(g, directoryId))
        .sorted(
            Comparator.comparing(AccessGrant::heldSince)
                .thenComparing(AccessGrant::userId)
                .thenComparingLong(AccessGrant::bindingId))
        .map(
            g ->
                new HeldRow(
                    g.userId(),
                    g.heldUserName(),
                    g.bindingId(),
                    repo.projects.get(g.projectId()).key(),
                    repo.roles.get(g.roleId()).name(),
                    g.heldSince(),
                    g.heldCause()))
        .limit(limit)
        .toList();
  }

  @Override
  public List<Tripped> tripped() {
    return repo.grants.stream()
        .filter(AccessGrant::held)
        .map(AccessGrant::heldDirectoryId)
        .distinct()
        .map(d -> new Tripped(d, held(d).users(), held(d).since()))
        .toList();
  }

  private static boolean held(AccessGrant g, long directoryId) {
    return g.held() && g.heldDirectoryId() == directoryId;
  }
}
