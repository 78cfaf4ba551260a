package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What changed in a directory's users and groups, fired inside the transaction of the change so
 * that synchronous observers (company mapping, effective access, audit) commit or roll back with
 * it. Events carry ids (and, for a user, its state when the change holds it); observers read what
 * else they need.
 */
public sealed interface IdentityChange {
  DirectoryId directory();

  /**
   * A user was created, updated (any attribute, including active) or deleted. {@code changes} names
   * each changed attribute with its old and new value ({@code [old, new]}).
   */
  record UserChanged(
      DirectoryId directory,
      String userId,
      Kind kind,
      Map<String, List<Object>> changes,
      UserSnapshot after)
      implements IdentityChange {
    public UserChanged {
      changes = changes == null ? Map.of() : changes;
    }

    public UserChanged(
        DirectoryId directory, String userId, Kind kind, Map<String, List<Object>> changes) {
      this(directory, userId, kind, changes, null);
    }

    public UserChanged(DirectoryId directory, String userId, Kind kind) {
      this(directory, userId, kind, Map.of());
    }

    /**
     * The user as the change left it — its attributes, values and direct groups — when the change
     * holds it (create and update do): observers need not read it again. Null otherwise.
     */
    public Optional<UserSnapshot> state() {
      return Optional.ofNullable(after);
    }
  }

  /**
   * A group was created, renamed or deleted (its memberships go with it); {@code displayName} as of
   * the event.
   */
  record GroupChanged(DirectoryId directory, String groupId, Kind kind, String displayName)
      implements IdentityChange {
    public GroupChanged(DirectoryId directory, String groupId, Kind kind) {
      this(directory, groupId, kind, null);
    }
  }

  /** Members were added to or removed from a group; only actual changes are listed. */
  record MembershipChanged(
      DirectoryId directory, String groupId, List<String> added, List<String> removed)
      implements IdentityChange {
    public MembershipChanged {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }
}
