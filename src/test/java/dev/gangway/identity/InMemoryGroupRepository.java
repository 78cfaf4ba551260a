package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups and their member rows in memory (members in the order they were added). Which ids are
 * users of a directory it asks the {@link InMemoryUserRepository} it is given.
 */
class InMemoryGroupRepository implements GroupRepository {
  final Map<String, Group> groups = new LinkedHashMap<>();

  /** Group id → member id → its type, in the order added. */
  final Map<String, LinkedHashMap<String, MemberType>> members = new LinkedHashMap<>();

  final InMemoryUserRepository users;
  int touches;

  InMemoryGroupRepository(InMemoryUserRepository users) {
    this.users = users;
    users.groups = this;
  }

  @Override
  public void add(Group group) {
    groups.put(group.id(), group);
    members.put(group.id(), new LinkedHashMap<>());
  }

  @Override
  public Optional<Group> find(DirectoryId directory, String id) {
    return Optional.ofNullable(groups.get(id)).filter(g -> g.directoryId() == directory.value());
  }

  @Override
  public Optional<Group> findForUpdate(DirectoryId directory, String id) {
    return find(directory, id);
  }

  @Override
  public Optional<Group> findByDisplayName(DirectoryId directory, String displayName) {
    return groups.values().stream()
        .filter(
            g ->
                g.directoryId() == directory.value()
                    && g.displayNameKey().equals(UserName.keyOf(displayName)))
        .findFirst();
  }

  @Override
  public boolean addMember(Group group, String memberId, MemberType type, Instant now) {
    return members.get(group.id()).putIfAbsent(memberId, type) == null;
  }

  @Override
  public boolean addUserMember(Group group, String memberId, Instant now) {
    if (users.find(new DirectoryId(group.directoryId()), memberId).isEmpty()) return false;
    return addMember(group, memberId, MemberType.USER, now);
  }

  @Override
  public Map<String, Boolean> usersAmong(
      DirectoryId directory, String groupId, Collection<String> ids) {
    Map<String, Boolean> found = new HashMap<>();
    for (String id : ids) {
      if (users.find(directory, id).isPresent())
        found.put(id, members.get(groupId).containsKey(id));
    }
    return found;
  }

  @Override
  public void insertMember(Group group, String memberId, MemberType type, Instant now) {
    if (members.get(group.id()).putIfAbsent(memberId, type) != null) {
      throw new IllegalStateException("duplicate member row " + memberId + " in " + group);
    }
  }

  @Override
  public boolean removeMember(Group group, String memberId) {
    return members.get(group.id()).remove(memberId) != null;
  }

  @Override
  public void touch(Group group, Instant now) {
    group.touch(now);
    touches++;
  }

  @Override
  public int removeAllMembers(Group group) {
    int n = members.get(group.id()).size();
    members.get(group.id()).clear();
    return n;
  }

  @Override
  public List<String> memberIds(String groupId) {
    return new ArrayList<>(members.getOrDefault(groupId, new LinkedHashMap<>()).keySet());
  }

  @Override
  public Map<String, List<MemberRef>> membersOf(List<String> groupIds) {
    Map<String, List<MemberRef>> result = new HashMap<>();
    groupIds.forEach(g -> result.put(g, members(g)));
    return result;
  }

  @Override
  public List<MemberRef> members(String groupId) {
    List<MemberRef> refs = new ArrayList<>();
    members
        .get(groupId)
        .forEach(
            (id, type) ->
                refs.add(
                    new MemberRef(
                        id,
                        type,
                        type == MemberType.USER
                            ? Optional.ofNullable(users.users.get(id))
                                .map(
                                    u ->
                                        u.displayName() != null
                                            ? u.displayName()
                                            : u.userName().value())
                                .orElse(null)
                            : Optional.ofNullable(groups.get(id))
                                .map(Group::displayName)
                                .orElse(null))));
    return refs;
  }

  @Override
  public Optional<MemberType> kindOf(DirectoryId directory, String id) {
    if (users.find(directory, id).isPresent()) return Optional.of(MemberType.USER);
    return find(directory, id).isPresent() ? Optional.of(MemberType.GROUP) : Optional.empty();
  }

  @Override
  public void delete(Group group) {
    groups.remove(group.id());
    members.remove(group.id());
    members.values().forEach(m -> m.remove(group.id()));
  }

  @Override
  public Page<Group> search(DirectoryId directory, ResourceQuery query) {
    List<Group> all =
        groups.values().stream().filter(g -> g.directoryId() == directory.value()).toList();
    return new Page<>(all.stream().skip(query.offset()).limit(query.limit()).toList(), all.size());
  }

  @Override
  public void flush() {}
}
