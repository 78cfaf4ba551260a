package dev.gangway.identity.jpa;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.Group;
import dev.gangway.identity.GroupRepository;
import dev.gangway.identity.MemberRef;
import dev.gangway.identity.MemberType;
import dev.gangway.identity.Membership;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.UserName;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups and their membership rows. A membership change touches one row; nothing here loads a
 * group's member list except {@link #members}, which answers a read that asks for it.
 */
@ApplicationScoped
public class JpaGroupRepository implements GroupRepository {
  private static final int IN_CHUNK = 1000;

  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(Group group) {
    em.persist(group);
  }

  @Override
  public Optional<Group> find(DirectoryId directory, String id) {
    return em.createQuery(
            "select g from IdpGroup g where g.id = :id and g.directoryId = :d", Group.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .getResultStream()
        .findFirst();
  }

  /**
   * The group, its row locked until the transaction ends (one statement: the read is the lock).
   * Every change of a group's members or attributes takes it first, so concurrent writers of one
   * group queue on the row instead of failing each other, and member rows are only written by the
   * holder: inserting a member share-locks the group row (foreign key), so two writers that asked
   * for the exclusive lock only later would deadlock each other.
   */
  @Override
  public Optional<Group> findForUpdate(DirectoryId directory, String id) {
    return em.createQuery(
            "select g from IdpGroup g where g.id = :id and g.directoryId = :d", Group.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Group> findByDisplayName(DirectoryId directory, String displayName) {
    return em.createQuery(
            "select g from IdpGroup g where g.directoryId = :d and g.displayNameKey = :k",
            Group.class)
        .setParameter("d", directory.value())
        .setParameter("k", UserName.keyOf(displayName))
        .getResultStream()
        .findFirst();
  }

  public boolean exists(DirectoryId directory, String id) {
    return !em.createQuery(
            "select g.id from IdpGroup g where g.id = :id and g.directoryId = :d", String.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Adds a member unless present; true when a row was added. */
  @Override
  public boolean addMember(Group group, String memberId, MemberType type, Instant now) {
    if (em.find(Membership.class, new Membership.Key(group.id(), memberId)) != null) return false;
    em.persist(new Membership(group, memberId, type, now));
    return true;
  }

  /**
   * Adds a user of the group's directory as a member unless it is one already, in one statement;
   * false when no row was added (already a member, or not a user of the directory). The caller
   * holds the group's lock ({@link #findForUpdate}), so the check cannot race another writer.
   */
  @Override
  public boolean addUserMember(Group group, String memberId, Instant now) {
    return em.createNativeQuery(
                "INSERT INTO group_member (group_id, member_id, member_type, directory_id, added_at)"
                    + " SELECT g.id, u.id, 'USER', u.directory_id, CAST(? AS DATETIME(6)) FROM scim_group g, scim_user u"
                    + " WHERE g.id = ? AND u.id = ? AND u.directory_id = g.directory_id"
                    + " AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id AND m.member_id = u.id)")
            .setParameter(1, InstantColumn.utc(now))
            .setParameter(2, group.id())
            .setParameter(3, memberId)
            .executeUpdate()
        > 0;
  }

  /**
   * Which of these ids are users of the directory, and whether each is a member of the group
   * already.
   */
  @SuppressWarnings("unchecked")
  @Override
  public Map<String, Boolean> usersAmong(
      DirectoryId directory, String groupId, Collection<String> ids) {
    Map<String, Boolean> found = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(ids))) {
      String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      var q =
          em.createNativeQuery(
              "SELECT u.id, m.member_id FROM scim_user u LEFT JOIN group_member m"
                  + " ON m.group_id = ? AND m.member_id = u.id WHERE u.directory_id = ? AND u.id IN ("
                  + in
                  + ")");
      q.setParameter(1, groupId).setParameter(2, directory.value());
      int i = 3;
      for (String id : chunk) q.setParameter(i++, id);
      for (Object[] r : (List<Object[]>) q.getResultList()) found.put((String) r[0], r[1] != null);
    }
    return found;
  }

  /** Adds a member known to be absent (the caller checked, holding the group's lock). */
  @Override
  public void insertMember(Group group, String memberId, MemberType type, Instant now) {
    em.persist(new Membership(group, memberId, type, now));
  }

  /** Removes a member if present; true when a row was removed. */
  @Override
  public boolean removeMember(Group group, String memberId) {
    return em.createQuery("delete from Membership m where m.groupId = :g and m.memberId = :m")
            .setParameter("g", group.id())
            .setParameter("m", memberId)
            .executeUpdate()
        > 0;
  }

  /**
   * Records a membership change on the group: version and lastModified move on, in the group's own
   * UPDATE at flush (the caller holds the row lock, so the version check cannot fail).
   */
  @Override
  public void touch(Group group, Instant now) {
    group.touch(now);
    em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    em.flush();
  }

  @Override
  public int removeAllMembers(Group group) {
    return em.createQuery("delete from Membership m where m.groupId = :g")
        .setParameter("g", group.id())
        .executeUpdate();
  }

  /** The ids of a group's members (a full replace or remove-all needs them; nothing else does). */
  @Override
  public List<String> memberIds(String groupId) {
    return em.createQuery("select m.memberId from Membership m where m.groupId = :g", String.class)
        .setParameter("g", groupId)
        .getResultList();
  }

  /** The members of a group in the order they were added, with display names. */
  @Override
  public List<MemberRef> members(String groupId) {
    return membersOf(List.of(groupId)).get(groupId);
  }

  /**
   * One read of the memberships of all the groups (in chunks), then one of the members' display
   * names per kind: a page of groups costs three statements, not three per group.
   */
  @Override
  public Map<String, List<MemberRef>> membersOf(List<String> groups) {
    List<Object[]> rows = new ArrayList<>();
    chunks(groups)
        .forEach(
            ids ->
                rows.addAll(
                    em.createQuery(
                            "select m.groupId, m.memberId, m.memberType from Membership m"
                                + " where m.groupId in :g order by m.groupId, m.addedAt, m.memberId",
                            Object[].class)
                        .setParameter("g", ids)
                        .getResultList()));
    List<String> userIds = new ArrayList<>();
    List<String> groupIds = new ArrayList<>();
    for (Object[] r : rows) (r[2] == MemberType.USER ? userIds : groupIds).add((String) r[1]);
    Map<String, String> display = new HashMap<>();
    chunks(userIds)
        .forEach(
            ids ->
                em.createQuery(
                        "select u.id, u.displayName, u.userName.original from User u where u.id in :ids",
                        Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(
                        r ->
                            display.put(
                                (String) r[0], r[1] != null ? (String) r[1] : (String) r[2])));
    chunks(groupIds)
        .forEach(
            ids ->
                em.createQuery(
                        "select g.id, g.displayName from IdpGroup g where g.id in :ids",
                        Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(r -> display.put((String) r[0], (String) r[1])));
    Map<String, List<MemberRef>> result = new HashMap<>();
    groups.forEach(g -> result.put(g, new ArrayList<>()));
    for (Object[] r : rows) {
      result
          .get((String) r[0])
          .add(new MemberRef((String) r[1], (MemberType) r[2], display.get((String) r[1])));
    }
    return result;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IN_CHUNK)
      out.add(ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)));
    return out;
  }

  /** Which kind of resource of this directory an id names, if any. */
  @Override
  public Optional<MemberType> kindOf(DirectoryId directory, String id) {
    if (!em.createQuery(
            "select u.id from User u where u.id = :id and u.directoryId = :d", String.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .setMaxResults(1)
        .getResultList()
        .isEmpty()) {
      return Optional.of(MemberType.USER);
    }
    return exists(directory, id) ? Optional.of(MemberType.GROUP) : Optional.empty();
  }

  @Override
  public void delete(Group group) {
    em.createQuery("delete from Membership m where m.groupId = :g or m.memberId = :g")
        .setParameter("g", group.id())
        .executeUpdate();
    em.remove(group);
  }

  @Override
  public Page<Group> search(DirectoryId directory, ResourceQuery query) {
    return Searches.page(em, AttributeMap.GROUPS, "g", Group.class, directory, query);
  }

  @Override
  public void flush() {
    em.flush();
  }
}
