package dev.gangway.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What identity publishes to the other contexts (company, access) and to the admin API about its
 * users and groups: each read by id or by an indexed key, never a whole directory. Nothing outside
 * identity queries identity's tables; it asks here.
 */
public interface IdentityQueries {
  /**
   * A user by id, across directories (read by primary key: a user the transaction holds costs
   * nothing).
   */
  Optional<UserSummary> user(String userId);

  /** A user's userName. */
  Optional<String> userName(String userId);

  /** The userNames of these users (absent: no such user), in one read. */
  Map<String, String> userNames(Collection<String> userIds);

  /**
   * What mapping rules look at of one user: text attributes, email addresses, the names of its
   * groups.
   */
  Optional<PersonFacts> facts(String userId);

  /** Users whose attribute equals a value, ignoring case. */
  List<String> usersWhere(TextAttribute attribute, String value);

  /** Users with a userName or an email address in a domain. */
  Set<String> usersInDomain(String domain);

  /**
   * The user members of the groups whose lower-cased displayName matches a SQL LIKE pattern ({@code
   * \} escapes).
   */
  List<String> userMembersOfGroupsLike(String likePattern);

  /** The ids of a group's user members (not its nested groups). */
  List<String> userMemberIds(String groupId);

  /** A group's active user members with their userNames, in user-id order, in one read. */
  Map<String, String> activeUserMembers(String groupId);

  /** A group's displayName (read by primary key: a group the transaction holds costs nothing). */
  Optional<String> groupName(String groupId);

  /**
   * The directory of a group, the group held until the transaction ends: a membership change waits
   * for the caller's transaction, and the caller for a membership change in progress.
   */
  Optional<Long> lockGroup(String groupId);

  /** Users of any directory whose id is the text, or whose userName or an email starts with it. */
  List<UserSummary> findUsers(String text, int limit);

  /**
   * Groups of these directories whose displayName starts with the text (any case), or whose id it
   * is.
   */
  List<GroupSummary> findGroups(List<Long> directoryIds, String text, int limit);
}
