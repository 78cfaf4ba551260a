package dev.gangway.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What access keeps — projects, roles, pools, bindings, grants and events — and the few facts of
 * users, groups and companies it needs, each by id or by an indexed key (the adapter asks
 * identity's and company's published queries for those).
 */
public interface AccessRepository {
  /** Stores a new project, role, pool, binding, grant or event. */
  void add(Object entity);

  /** Deletes a binding or a grant. */
  void remove(Object entity);

  /** Writes what is pending now. */
  void flush();

  Optional<Project> project(String key);

  Optional<Project> project(long id);

  /** All projects by key. */
  List<Project> projects();

  List<ProjectRole> roles(long projectId);

  Optional<ProjectRole> role(long projectId, String name);

  ProjectRole role(long id);

  Optional<LicencePool> pool(String key);

  LicencePool pool(long id);

  /**
   * The pool, held until the transaction ends: seat counting and granting are serialised per pool.
   */
  LicencePool lockPool(long id);

  /** All pools by key. */
  List<LicencePool> pools();

  Optional<Binding> binding(long id);

  Optional<Binding> binding(long roleId, Binding.SubjectType type, String ref);

  List<Binding> bindings(long projectId);

  List<Binding> bindingsOn(Binding.SubjectType type, String ref);

  boolean anyBindingOn(Binding.SubjectType type, String ref);

  /**
   * The bindings that reach a user: on its groups (direct membership) or on its company, in one
   * read.
   */
  List<Binding> bindingsReaching(String userId, Long companyId);

  List<AccessGrant> grantsOf(String userId);

  /**
   * Users with held revocations, first held first; with {@code upTo}, only those first held at or
   * before it.
   */
  List<String> heldUsers(long directoryId, Instant upTo, int limit);

  List<AccessGrant> grantsVia(long bindingId);

  long countVia(long bindingId, AccessGrant.State state);

  /** How many people hold a seat of a pool. */
  long seatHolders(long poolId);

  boolean holdsSeat(long poolId, String userId);

  /** The user waiting longest for a seat of a pool. */
  Optional<String> nextWaiting(long poolId);

  List<AccessGrant> waiting(long poolId, String userId);

  /** Who a binding's role left out for want of seats. */
  List<String> leftOut(long bindingId, int limit);

  /**
   * The (user, project, role) that only these bindings grant: what removing them all would revoke,
   * by project, role and userName.
   */
  List<AccessQueries.Loss> onlyThrough(Collection<Long> bindingIds, int limit);

  long countOnlyThrough(Collection<Long> bindingIds);

  /** What access needs of a user: whether it is active, its name and its company. */
  record UserState(String userId, String userName, boolean active, Long companyId) {}

  /** Read by primary key: a user (or placement) the transaction already holds costs nothing. */
  Optional<UserState> user(String userId);

  /** A user's userName, or its id when there is no such user. */
  String userName(String userId);

  /**
   * The active users a binding's subject reaches — the group's user members or the company's
   * members — with their userNames.
   */
  Map<String, String> activeUsersReachedBy(Binding binding);

  /** The display name of a binding's subject: the group's displayName or the company's key. */
  String subjectName(Binding binding);

  /** The id of the active company with this key. */
  Optional<Long> companyId(String key);

  /**
   * The directory of an IdP group, the group held until the transaction ends (see
   * ProjectAdministration.bind).
   */
  Optional<Long> lockGroup(String groupId);

  List<AccessEvent> events(String userId, String projectKey, Instant from, Instant to, int limit);

  /**
   * The users holding some granted role in a project, in user-id order: after a given id (keyset)
   * or from an offset.
   */
  List<String> usersWithAccess(long projectId, String afterUserId, int offset, int limit);

  long countUsersWithAccess(long projectId);

  List<AccessGrant> grants(long projectId, List<String> userIds);

  /** The userNames of these users (absent: no such user). */
  Map<String, String> userNames(List<String> userIds);
}
