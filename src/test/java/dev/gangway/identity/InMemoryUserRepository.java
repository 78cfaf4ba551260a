package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users in memory, kept as the same objects (a change to one is seen by later reads, as with a
 * managed entity). The userName is unique per directory, ignoring case, as the database's key makes
 * it. Memberships are read from the {@link InMemoryGroupRepository} it is given.
 */
class InMemoryUserRepository implements UserRepository {
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, List<MultiValue>> values = new LinkedHashMap<>();
  InMemoryGroupRepository groups;
  int replaceValuesCalls;

  @Override
  public boolean addNew(User user, List<MultiValue> values) {
    if (users.values().stream()
        .anyMatch(
            u ->
                u.directoryId() == user.directoryId()
                    && u.userName().key().equals(user.userName().key()))) {
      return false;
    }
    users.put(user.id(), user);
    this.values.put(user.id(), List.copyOf(values));
    return true;
  }

  @Override
  public Optional<User> find(DirectoryId directory, String id) {
    return Optional.ofNullable(users.get(id)).filter(u -> u.directoryId() == directory.value());
  }

  @Override
  public Optional<User> findForUpdate(DirectoryId directory, String id) {
    return find(directory, id);
  }

  @Override
  public Optional<User> findByUserName(DirectoryId directory, UserName name) {
    return users.values().stream()
        .filter(u -> u.directoryId() == directory.value() && u.userName().key().equals(name.key()))
        .findFirst();
  }

  @Override
  public void replaceValues(User user, List<MultiValue> values) {
    replaceValuesCalls++;
    this.values.put(user.id(), List.copyOf(values));
  }

  @Override
  public Details detailsOf(Collection<String> userIds) {
    Map<String, List<MultiValue>> v = new LinkedHashMap<>();
    Map<String, List<GroupRef>> g = new LinkedHashMap<>();
    for (String id : userIds) {
      if (!values.getOrDefault(id, List.of()).isEmpty()) v.put(id, values.get(id));
      List<GroupRef> refs = new ArrayList<>();
      if (groups != null) {
        groups.groups.values().stream()
            .filter(group -> groups.memberIds(group.id()).contains(id))
            .sorted(Comparator.comparing(Group::displayNameKey))
            .forEach(group -> refs.add(new GroupRef(group.id(), group.displayName())));
      }
      if (!refs.isEmpty()) g.put(id, refs);
    }
    return new Details(v, g);
  }

  @Override
  public void delete(User user) {
    users.remove(user.id());
    values.remove(user.id());
    if (groups != null) groups.members.values().forEach(m -> m.remove(user.id()));
  }

  @Override
  public Page<User> search(DirectoryId directory, ResourceQuery query) {
    List<User> all =
        users.values().stream().filter(u -> u.directoryId() == directory.value()).toList();
    return new Page<>(all.stream().skip(query.offset()).limit(query.limit()).toList(), all.size());
  }

  @Override
  public void flush() {}
}
