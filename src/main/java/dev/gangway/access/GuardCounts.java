package dev.gangway.access;

import dev.gangway.directory.Directory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the mass-deprovisioning guard counts in the stored grants and events of a directory. */
public interface GuardCounts {
  /** The directory whose guard it is. */
  Optional<Directory> directory(long directoryId);

  /** Users whose revocations the directory's guarded writes applied since {@code start}. */
  long revokedSince(long directoryId, Instant start);

  /** Whether the directory has held revocations (its guard is tripped). */
  boolean heldExists(long directoryId);

  /** Users of the directory that hold a granted path now. */
  long usersWithAccess(long directoryId);

  /** The held revocations of a directory in sum: users, paths, first and last held. */
  record Held(long users, long paths, Instant since, Instant lastHeld) {}

  Held held(long directoryId);

  /** One held path. */
  record HeldRow(
      String userId,
      String userName,
      long bindingId,
      String project,
      String role,
      Instant since,
      String cause) {}

  /** Up to {@code limit} held paths of a directory, in (since, user, binding) order. */
  List<HeldRow> heldRows(long directoryId, int limit);

  /** A directory whose guard holds revocations: how many users', since when. */
  record Tripped(long directoryId, long users, Instant since) {}

  /** The directories whose guard holds revocations now. */
  List<Tripped> tripped();
}
