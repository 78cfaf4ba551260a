package dev.gangway.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory {@link AccessRepository}: entities are kept as the same objects (like managed JPA
 * entities, so changing one in place is seen by later reads), ids are handed out on {@link #add}.
 * The identity side — users, their company and group memberships — is set up by the test.
 */
class FakeAccessRepository implements AccessRepository {
  private long nextId = 1;

  final Map<Long, Project> projects = new LinkedHashMap<>();
  final Map<Long, ProjectRole> roles = new LinkedHashMap<>();
  final Map<Long, LicencePool> pools = new LinkedHashMap<>();
  final Map<Long, Binding> bindings = new LinkedHashMap<>();
  final List<AccessGrant> grants = new ArrayList<>();
  final List<AccessEvent> events = new ArrayList<>();

  /** What access reads of a user. */
  record UserRow(String name, boolean active, Long companyId) {}

  final Map<String, UserRow> users = new LinkedHashMap<>();
  final Map<String, String> groupNames = new LinkedHashMap<>();
  final Map<String, Set<String>> groupMembers = new LinkedHashMap<>();
  final Map<Long, String> companyKeys = new LinkedHashMap<>();

  /** The users whose grants were read one by one (grantsOf), in order. */
  final List<String> grantsOfCalls = new ArrayList<>();

  // --- identity side, set up by tests -----------------------------------------------------------

  void putUser(String id, String name, boolean active, Long companyId) {
    users.put(id, new UserRow(name, active, companyId));
  }

  void setActive(String id, boolean active) {
    UserRow u = users.get(id);
    users.put(id, new UserRow(u.name(), active, u.companyId()));
  }

  void setCompany(String id, Long companyId) {
    UserRow u = users.get(id);
    users.put(id, new UserRow(u.name(), u.active(), companyId));
  }

  void deleteUser(String id) {
    users.remove(id);
    groupMembers.values().forEach(m -> m.remove(id));
  }

  void putGroup(String id, String displayName, String... members) {
    groupNames.put(id, displayName);
    groupMembers.put(id, new LinkedHashSet<>(List.of(members)));
  }

  void deleteGroup(String id) {
    groupNames.remove(id);
    groupMembers.remove(id);
  }

  // --- writes ---------------------------------------------------------------------------------

  @Override
  public void add(Object entity) {
    long id = nextId++;
    if (entity instanceof Project p) {
      p.assignId(id);
      projects.put(id, p);
    } else if (entity instanceof ProjectRole r) {
      r.assignId(id);
      roles.put(id, r);
    } else if (entity instanceof LicencePool p) {
      p.assignId(id);
      pools.put(id, p);
    } else if (entity instanceof Binding b) {
      b.assignId(id);
      bindings.put(id, b);
    } else if (entity instanceof AccessGrant g) {
      g.assignId(id);
      grants.add(g);
    } else if (entity instanceof AccessEvent e) {
      e.assignId(id);
      events.add(e);
    } else {
      throw new IllegalArgumentException("not an access entity: " + entity);
    }
  }

  @Override
  public void remove(Object entity) {
    boolean removed;
    if (entity instanceof Binding b) removed = bindings.remove(b.id(), b);
    else if (entity instanceof AccessGrant g) removed = grants.removeIf(x -> x == g);
    else throw new IllegalArgumentException("cannot remove " + entity);
    if (!removed) throw new IllegalStateException("not stored: " + entity);
  }

  @Override
  public void flush() {}

  // --- projects, roles, pools, bindings -------------------------------------------------------

  @Override
  public Optional<Project> project(long id) {
    return Optional.ofNullable(projects.get(id));
  }

  @Override
  public Optional<Project> project(String key) {
    return projects.values().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  @Override
  public List<Project> projects() {
    return projects.values().stream().sorted(Comparator.comparing(Project::key)).toList();
  }

  @Override
  public List<ProjectRole> roles(long projectId) {
    return roles.values().stream().filter(r -> r.projectId() == projectId).toList();
  }

  @Override
  public Optional<ProjectRole> role(long projectId, String name) {
    return roles(projectId).stream().filter(r -> r.name().equals(name)).findFirst();
  }

  @Override
  public ProjectRole role(long id) {
    return roles.get(id);
  }

  @Override
  public Optional<LicencePool> pool(String key) {
    return pools.values().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  @Override
  public List<LicencePool> pools() {
    return pools.values().stream().sorted(Comparator.comparing(LicencePool::key)).toList();
  }

  @Override
  public LicencePool pool(long id) {
    return pools.get(id);
  }

  @Override
  public LicencePool lockPool(long id) {
    return pools.get(id);
  }

  @Override
  public Optional<Binding> binding(long id) {
    return Optional.ofNullable(bindings.get(id));
  }

  @Override
  public Optional<Binding> binding(long roleId, Binding.SubjectType type, String ref) {
    return bindingsOn(type, ref).stream().filter(b -> b.roleId() == roleId).findFirst();
  }

  @Override
  public List<Binding> bindings(long projectId) {
    return bindings.values().stream().filter(b -> b.projectId() == projectId).toList();
  }

  @Override
  public List<Binding> bindingsOn(Binding.SubjectType type, String ref) {
    return bindings.values().stream()
        .filter(b -> b.subjectType() == type && b.subjectRef().equals(ref))
        .toList();
  }

  @Override
  public boolean anyBindingOn(Binding.SubjectType type, String ref) {
    return !bindingsOn(type, ref).isEmpty();
  }

  @Override
  public List<Binding> bindingsReaching(String userId, Long companyId) {
    return bindings.values().stream()
        .filter(
            b ->
                b.subjectType() == Binding.SubjectType.GROUP
                    ? groupMembers.getOrDefault(b.subjectRef(), Set.of()).contains(userId)
                    : companyId != null && b.subjectRef().equals(companyId.toString()))
        .toList();
  }

  // --- grants and seats -----------------------------------------------------------------------

  @Override
  public List<String> heldUsers(long directoryId, Instant upTo, int limit) {
    Map<String, Instant> firstHeld = new HashMap<>();
    grants.stream()
        .filter(g -> g.held() && g.heldDirectoryId() == directoryId)
        .forEach(g -> firstHeld.merge(g.userId(), g.heldSince(), (a, b) -> a.isBefore(b) ? a : b));
    return firstHeld.entrySet().stream()
        .filter(e -> upTo == null || !e.getValue().isAfter(upTo))
        .sorted(
            Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .limit(limit)
        .toList();
  }

  @Override
  public List<AccessGrant> grantsOf(String userId) {
    grantsOfCalls.add(userId);
    return grants.stream().filter(g -> g.userId().equals(userId)).toList();
  }

  @Override
  public List<AccessGrant> grantsVia(long bindingId) {
    return grants.stream().filter(g -> g.bindingId() == bindingId).toList();
  }

  @Override
  public long seatHolders(long poolId) {
    return grants.stream().filter(g -> seat(g, poolId)).map(AccessGrant::userId).distinct().count();
  }

  @Override
  public boolean holdsSeat(long poolId, String userId) {
    return grants.stream().anyMatch(g -> seat(g, poolId) && g.userId().equals(userId));
  }

  @Override
  public Optional<String> nextWaiting(long poolId) {
    return grants.stream()
        .filter(g -> waits(g, poolId))
        .min(Comparator.comparing(AccessGrant::since).thenComparingLong(AccessGrant::id))
        .map(AccessGrant::userId);
  }

  @Override
  public List<AccessGrant> waiting(long poolId, String userId) {
    return grants.stream().filter(g -> waits(g, poolId) && g.userId().equals(userId)).toList();
  }

  @Override
  public long countVia(long bindingId, AccessGrant.State state) {
    return grants.stream().filter(g -> g.bindingId() == bindingId && g.state() == state).count();
  }

  @Override
  public List<String> leftOut(long bindingId, int limit) {
    return grants.stream()
        .filter(g -> g.bindingId() == bindingId && g.state() == AccessGrant.State.LEFT_OUT)
        .sorted(Comparator.comparing(AccessGrant::since).thenComparingLong(AccessGrant::id))
        .map(AccessGrant::userId)
        .limit(limit)
        .toList();
  }

  @Override
  public List<AccessQueries.Loss> onlyThrough(Collection<Long> bindingIds, int limit) {
    return grants.stream()
        .filter(g -> g.granted() && bindingIds.contains(g.bindingId()))
        .filter(
            g ->
                grants.stream()
                    .noneMatch(
                        o ->
                            o.granted()
                                && !bindingIds.contains(o.bindingId())
                                && o.userId().equals(g.userId())
                                && o.projectId() == g.projectId()
                                && o.roleId() == g.roleId()))
        .map(
            g ->
                new AccessQueries.Loss(
                    g.userId(),
                    userName(g.userId()),
                    projects.get(g.projectId()).key(),
                    roles.get(g.roleId()).name()))
        .sorted(
            Comparator.comparing(AccessQueries.Loss::project)
                .thenComparing(AccessQueries.Loss::role)
                .thenComparing(AccessQueries.Loss::userName)
                .thenComparing(AccessQueries.Loss::userId))
        .limit(limit)
        .toList();
  }

  @Override
  public long countOnlyThrough(Collection<Long> bindingIds) {
    return onlyThrough(bindingIds, Integer.MAX_VALUE).size();
  }

  @Override
  public List<AccessEvent> events(
      String userId, String projectKey, Instant from, Instant to, int limit) {
    return events.stream()
        .filter(
            e ->
                (userId == null || e.userId().equals(userId))
                    && (projectKey == null || e.projectKey().equals(projectKey))
                    && !e.at().isBefore(from)
                    && e.at().isBefore(to))
        .limit(limit)
        .toList();
  }

  @Override
  public List<String> usersWithAccess(long projectId, String afterUserId, int offset, int limit) {
    return grants.stream()
        .filter(g -> g.projectId() == projectId && g.granted())
        .map(AccessGrant::userId)
        .distinct()
        .sorted()
        .filter(u -> afterUserId == null || u.compareTo(afterUserId) > 0)
        .skip(afterUserId == null ? offset : 0)
        .limit(limit)
        .toList();
  }

  @Override
  public long countUsersWithAccess(long projectId) {
    return usersWithAccess(projectId, null, 0, Integer.MAX_VALUE).size();
  }

  @Override
  public List<AccessGrant> grants(long projectId, List<String> userIds) {
    return grants.stream()
        .filter(g -> g.projectId() == projectId && g.granted() && userIds.contains(g.userId()))
        .sorted(
            Comparator.comparing(AccessGrant::userId)
                .thenComparingLong(AccessGrant::roleId)
                .thenComparing(AccessGrant::since))
        .toList();
  }

  private static boolean seat(AccessGrant g, long poolId) {
    return g.poolId() != null && g.poolId() == poolId && g.state() == AccessGrant.State.GRANTED;
  }

  private static boolean waits(AccessGrant g, long poolId) {
    return g.poolId() != null && g.poolId() == poolId && g.state() == AccessGrant.State.LEFT_OUT;
  }

  // --- users, groups, companies ---------------------------------------------------------------

  @Override
  public Optional<UserState> user(String userId) {
    UserRow u = users.get(userId);
    return u == null
        ? Optional.empty()
        : Optional.of(new UserState(userId, u.name(), u.active(), u.companyId()));
  }

  @Override
  public String userName(String userId) {
    UserRow u = users.get(userId);
    return u == null ? userId : u.name();
  }

  @Override
  public Map<String, String> activeUsersReachedBy(Binding b) {
    List<String> reached =
        b.subjectType() == Binding.SubjectType.GROUP
            ? List.copyOf(groupMembers.getOrDefault(b.subjectRef(), Set.of()))
            : users.entrySet().stream()
                .filter(e -> Long.valueOf(b.subjectRef()).equals(e.getValue().companyId()))
                .map(Map.Entry::getKey)
                .toList();
    Map<String, String> active = new LinkedHashMap<>();
    reached.stream()
        .sorted()
        .forEach(
            id -> {
              UserRow u = users.get(id);
              if (u != null && u.active()) active.put(id, u.name());
            });
    return active;
  }

  @Override
  public Map<String, String> userNames(List<String> userIds) {
    Map<String, String> names = new HashMap<>();
    userIds.forEach(
        id -> {
          if (users.containsKey(id)) names.put(id, users.get(id).name());
        });
    return names;
  }

  /** The groups a binding may name (a group id it holds), locked or not: the fake has no locks. */
  @Override
  public Optional<Long> lockGroup(String groupId) {
    return groupNames.containsKey(groupId) ? Optional.of(DIRECTORY_OF_GROUPS) : Optional.empty();
  }

  /** The directory every group of the fake belongs to. */
  static final long DIRECTORY_OF_GROUPS = 1;

  /** An active company's id by key (the companies are those with a key). */
  @Override
  public Optional<Long> companyId(String key) {
    return companyKeys.entrySet().stream()
        .filter(e -> e.getValue().equals(key))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public String subjectName(Binding b) {
    if (b.subjectType() == Binding.SubjectType.GROUP) {
      return groupNames.getOrDefault(b.subjectRef(), "deleted group " + b.subjectRef());
    }
    return companyKeys.getOrDefault(Long.valueOf(b.subjectRef()), "company " + b.subjectRef());
  }
}
