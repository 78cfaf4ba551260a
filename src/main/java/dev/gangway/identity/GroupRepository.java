package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where group provisioning keeps groups and their membership rows. A membership change touches one
 * row; only {@link #members} and {@link #memberIds} read a group's member list.
 */
public interface GroupRepository {
  void add(Group group);

  Optional<Group> find(DirectoryId directory, String id);

  /**
   * The group, held until the transaction ends (one read: the read is the lock). Every change of a
   * group's members or attributes takes it first, so concurrent writers of one group queue.
   */
  Optional<Group> findForUpdate(DirectoryId directory, String id);

  Optional<Group> findByDisplayName(DirectoryId directory, String displayName);

  /** Adds a member unless present; true when a row was added. */
  boolean addMember(Group group, String memberId, MemberType type, Instant now);

  /**
   * Adds a user of the group's directory as a member unless it is one already, in one write; false
   * when no row was added (already a member, or not a user of the directory). The caller holds the
   * group ({@link #findForUpdate}).
   */
  boolean addUserMember(Group group, String memberId, Instant now);

  /**
   * Which of these ids are users of the directory, and whether each is a member of the group
   * already.
   */
  Map<String, Boolean> usersAmong(DirectoryId directory, String groupId, Collection<String> ids);

  /** Adds a member known to be absent (the caller checked, holding the group). */
  void insertMember(Group group, String memberId, MemberType type, Instant now);

  /** Removes a member if present; true when a row was removed. */
  boolean removeMember(Group group, String memberId);

  /** Records a membership change on the group: its version and lastModified move on. */
  void touch(Group group, Instant now);

  int removeAllMembers(Group group);

  /** The ids of a group's members (a full replace or remove-all needs them). */
  List<String> memberIds(String groupId);

  /** The members of a group in the order they were added, with display names. */
  List<MemberRef> members(String groupId);

  /**
   * The members of each of these groups (a page of them), as {@link #members(String)} gives them,
   * read together; a group without members maps to an empty list.
   */
  Map<String, List<MemberRef>> membersOf(List<String> groupIds);

  /** Which kind of resource of this directory an id names, if any. */
  Optional<MemberType> kindOf(DirectoryId directory, String id);

  /** Deletes a group with its membership rows (as a group and as a member). */
  void delete(Group group);

  Page<Group> search(DirectoryId directory, ResourceQuery query);

  void flush();
}
