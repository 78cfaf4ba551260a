package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where user provisioning keeps users and their multi-valued attributes; every read is scoped by
 * directory.
 */
public interface UserRepository {
  /**
   * Inserts a new user and its values now; false when the directory already has the userName (the
   * store's unique key decides: no read before the insert).
   */
  boolean addNew(User user, List<MultiValue> values);

  Optional<User> find(DirectoryId directory, String id);

  /**
   * The user, held until the transaction ends: concurrent changes of one user queue here and each
   * applies to its predecessor's result, instead of failing on a stale version.
   */
  Optional<User> findForUpdate(DirectoryId directory, String id);

  Optional<User> findByUserName(DirectoryId directory, UserName name);

  /** Replaces the stored multi-valued attributes of a user. */
  void replaceValues(User user, List<MultiValue> values);

  /** The given users' multi-valued attributes and direct groups, in one read. */
  Details detailsOf(Collection<String> userIds);

  /** Deletes a user with its values and memberships. */
  void delete(User user);

  Page<User> search(DirectoryId directory, ResourceQuery query);

  /** Writes what is pending now (so that the store's checks run within the call). */
  void flush();
}
