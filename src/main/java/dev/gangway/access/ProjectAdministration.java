package dev.gangway.access;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Admin use cases on projects, roles, licence pools and bindings. */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class ProjectAdministration {
  /** Roles every new project starts with; agents draw from the default licence pool. */
  public static final List<String> DEFAULT_ROLES =
      List.of("administrators", "agents", "customers", "collaborators");

  static final String LICENSED_DEFAULT = "agents";
  static final int LEFT_OUT_SHOWN = 100;

  private AccessRepository repository;
  private AccessEngine engine;
  private Clock clock;
  private AuditLog audit;

  protected ProjectAdministration() {}

  @Inject
  ProjectAdministration(
      AccessRepository repository, AccessEngine engine, Clock clock, AuditLog audit) {
    this.repository = repository;
    this.engine = engine;
    this.clock = clock;
    this.audit = audit;
  }

  public ProjectSummary create(String key, String name) {
    if (key != null && repository.project(key).isPresent()) {
      throw DomainException.uniqueness("a project with key '" + key + "' exists already");
    }
    Project project = new Project(key, name, clock.instant());
    repository.add(project);
    repository.flush();
    for (String role : DEFAULT_ROLES) {
      repository.add(
          new ProjectRole(
              project, role, role.equals(LICENSED_DEFAULT) ? pool(LicencePool.DEFAULT_KEY) : null));
    }
    repository.flush();
    ProjectSummary created = summary(project);
    audit.record(
        "project.created", "project", project.key(), AuditLog.details("name", project.name()));
    return created;
  }

  public ProjectSummary get(String key) {
    return summary(project(key));
  }

  /** All projects by key, each with its roles. */
  public List<ProjectSummary> list() {
    return repository.projects().stream().map(this::summary).toList();
  }

  private ProjectSummary summary(Project p) {
    return new ProjectSummary(
        p.key(),
        p.name(),
        p.createdAt(),
        repository.roles(p.id()).stream()
            .map(
                r ->
                    new ProjectSummary.RoleSummary(
                        r.name(), r.poolId() == null ? null : repository.pool(r.poolId()).key()))
            .toList());
  }

  private Project project(String key) {
    return repository
        .project(key)
        .orElseThrow(() -> DomainException.notFound("no project '" + key + "'"));
  }

  public ProjectSummary.RoleSummary addRole(String projectKey, String name, String poolKey) {
    Project project = project(projectKey);
    if (name != null && repository.role(project.id(), name).isPresent()) {
      throw DomainException.uniqueness(
          "project '" + projectKey + "' has a role '" + name + "' already");
    }
    ProjectRole role = new ProjectRole(project, name, poolKey == null ? null : pool(poolKey));
    repository.add(role);
    repository.flush();
    audit.record(
        "role.added",
        "project",
        projectKey,
        AuditLog.details("role", name, "licencePool", poolKey));
    return new ProjectSummary.RoleSummary(role.name(), poolKey);
  }

  /** A binding with what it did: how many it granted, and who its licence left out. */
  public record BindingReport(
      long id,
      Binding.SubjectType subjectType,
      String subjectRef,
      Instant createdAt,
      String projectKey,
      String role,
      String subjectName,
      String poolKey,
      long granted,
      long leftOutCount,
      List<String> leftOut) {}

  /**
   * Binds an IdP group (by SCIM id) or a company (by key) to a role: "invite company X into project
   * Y as R" is this one call.
   */
  public BindingReport bind(String projectKey, String roleName, String groupId, String companyKey) {
    // The group's row is locked before anything is read. A member add locks it first too, so it
    // either commits before this binding reads the members, or waits and then sees the binding;
    // otherwise each would miss the other's new row and the new member would get no access.
    Optional<Long> groupDirectory =
        groupId != null && companyKey == null ? repository.lockGroup(groupId) : Optional.empty();
    Project project = project(projectKey);
    if ((groupId == null) == (companyKey == null)) {
      throw DomainException.invalid(
          "a binding names exactly one subject: \"group\" (a SCIM group id) or \"company\" (a key)");
    }
    if (roleName == null) throw DomainException.invalid("role is required");
    ProjectRole role =
        repository
            .role(project.id(), roleName)
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        "project '" + projectKey + "' has no role '" + roleName + "'"));
    Binding.SubjectType type;
    String ref;
    if (groupId != null) {
      groupDirectory.orElseThrow(
          () -> DomainException.invalid("no IdP group with id '" + groupId + "'"));
      type = Binding.SubjectType.GROUP;
      ref = groupId;
    } else {
      type = Binding.SubjectType.COMPANY;
      ref =
          repository
              .companyId(companyKey)
              .orElseThrow(() -> DomainException.invalid("no active company '" + companyKey + "'"))
              .toString();
    }
    if (repository.binding(role.id(), type, ref).isPresent()) {
      throw DomainException.uniqueness(
          "this subject is bound to " + projectKey + "/" + roleName + " already");
    }
    Binding binding = new Binding(role, type, ref, clock.instant());
    repository.add(binding);
    repository.flush();
    engine.bind(binding);
    BindingReport report = report(binding);
    audit.record(
        "binding.created",
        "binding",
        String.valueOf(binding.id()),
        AuditLog.details(
            "project",
            projectKey,
            "role",
            roleName,
            "subject",
            type.name().toLowerCase() + " " + report.subjectName(),
            "granted",
            report.granted(),
            "leftOut",
            report.leftOutCount()));
    return report;
  }

  public void unbind(String projectKey, long bindingId) {
    Project project = project(projectKey);
    Binding binding =
        repository
            .binding(bindingId)
            .filter(b -> b.projectId() == project.id())
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        "project '" + projectKey + "' has no binding " + bindingId));
    BindingReport report = report(binding);
    engine.unbind(binding);
    audit.record(
        "binding.deleted",
        "binding",
        String.valueOf(bindingId),
        AuditLog.details(
            "project",
            projectKey,
            "role",
            report.role(),
            "subject",
            binding.subjectType().name().toLowerCase() + " " + report.subjectName()));
  }

  public List<BindingReport> bindings(String projectKey) {
    return repository.bindings(project(projectKey).id()).stream().map(this::report).toList();
  }

  public BindingReport binding(String projectKey, long bindingId) {
    Project project = project(projectKey);
    return repository
        .binding(bindingId)
        .filter(b -> b.projectId() == project.id())
        .map(this::report)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    "project '" + projectKey + "' has no binding " + bindingId));
  }

  /**
   * Sets a pool's seat limit (null: none), creating the pool if needed; answers its use after the
   * change.
   */
  public PoolUsage limitPool(String poolKey, Integer seats) {
    LicencePool pool = pool(poolKey);
    Integer before = pool.seats();
    pool.limit(seats);
    repository.flush();
    engine.poolResized(pool);
    PoolUsage usage = usage(pool);
    audit.record(
        "licence_pool.limited",
        "licence_pool",
        poolKey,
        AuditLog.details("seats", Arrays.asList(before, seats)));
    return usage;
  }

  /** A licence pool: its seat limit (null: none) and how many people hold a seat. */
  public record PoolUsage(String key, Integer seats, long used) {}

  public List<PoolUsage> pools() {
    return repository.pools().stream().map(this::usage).toList();
  }

  private PoolUsage usage(LicencePool p) {
    return new PoolUsage(p.key(), p.seats(), repository.seatHolders(p.id()));
  }

  private LicencePool pool(String key) {
    return repository
        .pool(key)
        .orElseGet(
            () -> {
              LicencePool p = new LicencePool(key, null);
              repository.add(p);
              repository.flush();
              return p;
            });
  }

  private BindingReport report(Binding b) {
    ProjectRole role = repository.role(b.roleId());
    String poolKey = role.poolId() == null ? null : repository.pool(role.poolId()).key();
    long leftOut = repository.countVia(b.id(), AccessGrant.State.LEFT_OUT);
    List<String> shown = repository.leftOut(b.id(), LEFT_OUT_SHOWN);
    var names = repository.userNames(shown);
    return new BindingReport(
        b.id(),
        b.subjectType(),
        b.subjectRef(),
        b.createdAt(),
        repository.project(b.projectId()).map(Project::key).orElse("?"),
        role.name(),
        repository.subjectName(b),
        poolKey,
        repository.countVia(b.id(), AccessGrant.State.GRANTED),
        leftOut,
        shown.stream().map(id -> names.getOrDefault(id, id)).toList());
  }
}
