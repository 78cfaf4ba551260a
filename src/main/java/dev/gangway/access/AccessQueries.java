package dev.gangway.access;

import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answers "who has access to what, why, and since when" from the stored paths. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AccessQueries {
  public static final int MAX_PAGE = 1000;

  private AccessRepository repository;

  protected AccessQueries() {}

  @Inject
  AccessQueries(AccessRepository repository) {
    this.repository = repository;
  }

  /** One path to a role. */
  public record Via(String type, String name, long bindingId, Instant since) {}

  /** A role and every path that grants it. */
  public record RoleAccess(String role, List<Via> via) {}

  /** One user's roles in one project. */
  public record Entry(String userId, String userName, String project, List<RoleAccess> roles) {}

  /**
   * A page of a project's access. {@code total} comes with offset pages (counting scans the
   * project's paths) and not with keyset pages ({@code after=}), which stay cheap at any depth;
   * {@code next} is the cursor of the following page, if any.
   */
  public record ProjectAccess(
      String project, Long total, int offset, String next, List<Entry> entries) {}

  public ProjectAccess project(String projectKey, String after, int offset, int limit) {
    Project project =
        repository
            .project(projectKey)
            .orElseThrow(() -> DomainException.notFound("no project '" + projectKey + "'"));
    int size = Math.max(0, Math.min(limit, MAX_PAGE));
    List<String> users =
        size == 0
            ? List.of()
            : repository.usersWithAccess(project.id(), after, Math.max(0, offset), size);
    boolean counted = after == null;
    String next = users.size() == size && size > 0 ? users.get(users.size() - 1) : null;
    return new ProjectAccess(
        project.key(),
        counted ? repository.countUsersWithAccess(project.id()) : null,
        offset,
        next,
        entries(repository.grants(project.id(), users), users));
  }

  /** One role one user would lose. */
  public record Loss(String userId, String userName, String project, String role) {}

  /**
   * What removing some bindings would revoke: every role no other binding keeps, first {@code
   * limit} of them.
   */
  public record Impact(long total, List<Loss> losses) {}

  /**
   * What removing these bindings would revoke, without removing them: the roles no other binding
   * grants the same user. (A freed licence seat then goes to whoever waits longest.)
   */
  public Impact withoutBindings(Collection<Long> bindingIds, int limit) {
    if (bindingIds.isEmpty()) return new Impact(0, List.of());
    int size = Math.max(0, Math.min(limit, MAX_PAGE));
    List<Loss> losses = size == 0 ? List.of() : repository.onlyThrough(bindingIds, size);
    long total = losses.size() < size ? losses.size() : repository.countOnlyThrough(bindingIds);
    return new Impact(total, losses);
  }

  /** The bindings of a company (by key, active or not); none when there is no such company. */
  public List<Long> bindingsOfCompany(long companyId) {
    return repository.bindingsOn(Binding.SubjectType.COMPANY, String.valueOf(companyId)).stream()
        .map(Binding::id)
        .toList();
  }

  public record UserAccess(
      String userId, String userName, boolean active, List<Entry> entries, List<Entry> leftOut) {}

  public UserAccess user(String userId) {
    var user =
        repository.user(userId).orElseThrow(() -> DomainException.notFound("no user " + userId));
    List<AccessGrant> grants = repository.grantsOf(userId);
    List<AccessGrant> granted = grants.stream().filter(AccessGrant::granted).toList();
    List<AccessGrant> waiting = grants.stream().filter(g -> !g.granted()).toList();
    return new UserAccess(
        userId,
        user.userName(),
        user.active(),
        byProject(granted, user.userName()),
        byProject(waiting, user.userName()));
  }

  private List<Entry> byProject(List<AccessGrant> grants, String userName) {
    Map<Long, List<AccessGrant>> perProject = new LinkedHashMap<>();
    grants.forEach(g -> perProject.computeIfAbsent(g.projectId(), k -> new ArrayList<>()).add(g));
    List<Entry> out = new ArrayList<>();
    Names names = new Names();
    perProject.forEach(
        (projectId, gs) ->
            out.add(
                new Entry(
                    gs.get(0).userId(), userName, names.project(projectId), roles(gs, names))));
    out.sort(Comparator.comparing(Entry::project));
    return out;
  }

  private List<Entry> entries(List<AccessGrant> grants, List<String> users) {
    Map<String, List<AccessGrant>> perUser = new LinkedHashMap<>();
    users.forEach(u -> perUser.put(u, new ArrayList<>()));
    grants.forEach(g -> perUser.computeIfAbsent(g.userId(), k -> new ArrayList<>()).add(g));
    Map<String, String> userNames = repository.userNames(users);
    Names names = new Names();
    List<Entry> out = new ArrayList<>();
    perUser.forEach(
        (u, gs) -> {
          if (!gs.isEmpty())
            out.add(
                new Entry(
                    u,
                    userNames.getOrDefault(u, u),
                    names.project(gs.get(0).projectId()),
                    roles(gs, names)));
        });
    return out;
  }

  private List<RoleAccess> roles(List<AccessGrant> grants, Names names) {
    Map<Long, List<Via>> perRole = new LinkedHashMap<>();
    for (AccessGrant g : grants) {
      Binding b = names.binding(g.bindingId());
      perRole
          .computeIfAbsent(g.roleId(), k -> new ArrayList<>())
          .add(
              new Via(
                  b.subjectType().name().toLowerCase(Locale.ROOT),
                  names.subject(b),
                  b.id(),
                  g.since()));
    }
    List<RoleAccess> out = new ArrayList<>();
    perRole.forEach((roleId, via) -> out.add(new RoleAccess(names.role(roleId), via)));
    return out;
  }

  /** Names read once per answer. */
  private final class Names {
    private final Map<Long, String> projects = new HashMap<>();
    private final Map<Long, String> roles = new HashMap<>();
    private final Map<Long, Binding> bindings = new HashMap<>();
    private final Map<Long, String> subjects = new HashMap<>();

    String project(long id) {
      return projects.computeIfAbsent(id, k -> repository.project(k).map(Project::key).orElse("?"));
    }

    String role(long id) {
      return roles.computeIfAbsent(id, k -> repository.role(k).name());
    }

    Binding binding(long id) {
      return bindings.computeIfAbsent(id, k -> repository.binding(k).orElseThrow());
    }

    String subject(Binding b) {
      return subjects.computeIfAbsent(b.id(), k -> repository.subjectName(b));
    }
  }

  /** A grant, revocation, seat left out or held revocation, as the history lists it. */
  public record Event(
      long id,
      Instant at,
      AccessEvent.Kind kind,
      String userId,
      String userName,
      String project,
      String role,
      Binding.SubjectType viaType,
      String via,
      long bindingId,
      String cause) {
    static Event of(AccessEvent e) {
      return new Event(
          e.id(),
          e.at(),
          e.kind(),
          e.userId(),
          e.userName(),
          e.projectKey(),
          e.roleName(),
          e.viaType(),
          e.viaName(),
          e.bindingId(),
          e.cause());
    }
  }

  public List<Event> events(String userId, String projectKey, Instant from, Instant to, int limit) {
    return repository
        .events(
            userId,
            projectKey,
            from == null ? Instant.EPOCH : from,
            to == null ? Instant.parse("9999-12-31T00:00:00Z") : to,
            Math.max(1, Math.min(limit, MAX_PAGE)))
        .stream()
        .map(Event::of)
        .toList();
  }
}
