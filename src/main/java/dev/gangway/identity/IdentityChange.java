package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.util.List;

/**
 * What changed in a directory's users and groups, fired inside the transaction of the change so
 * that synchronous observers (company mapping, effective access, audit) commit or roll back with
 * it. Events carry ids; observers read what they need.
 */
public sealed interface IdentityChange {
  DirectoryId directory();

  /** A user was created, updated (any attribute, including active) or deleted. */
  record UserChanged(DirectoryId directory, String userId, Kind kind) implements IdentityChange {}

  /** A group was created, renamed or deleted (its memberships go with it). */
  record GroupChanged(DirectoryId directory, String groupId, Kind kind) implements IdentityChange {}

  /** Members were added to or removed from a group; only actual changes are listed. */
  record MembershipChanged(DirectoryId directory, String groupId, List<String> added, List<String> removed)
      implements IdentityChange {
    public MembershipChanged {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  enum Kind { CREATED, UPDATED, DELETED }
}
