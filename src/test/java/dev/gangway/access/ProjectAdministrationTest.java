package dev.gangway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.audit.InMemoryAudit;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectAdministrationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final long FABRIKAM = 501;

  private final FakeAccessRepository repo = new FakeAccessRepository();
  private final ChangeCause cause = new ChangeCause();
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final InMemoryAudit audit = new InMemoryAudit(cause, clock);
  private final RecordingNotices notices = new RecordingNotices();
  private final ProjectAdministration projects =
      new ProjectAdministration(
          repo,
          new AccessEngine(
              repo,
              cause,
              clock,
              audit.log(),
              new AccessGuard(new FakeGuardCounts(repo), clock),
              notices),
          clock,
          audit.log());

  @BeforeEach
  void setUp() {
    cause.set("POST /admin/api/projects");
    cause.actor("admin");
    repo.putUser("ann", "ann@example.com", true, null);
    repo.putUser("bob", "bob@example.com", true, FABRIKAM);
    repo.putUser("cid", "cid@example.com", false, FABRIKAM);
    repo.putGroup("g1", "Support", "ann", "bob", "cid");
    repo.companyKeys.put(FABRIKAM, "fabrikam");
  }

  private static DomainException.Kind kindOf(Throwable e) {
    return ((DomainException) e).kind();
  }

  private List<String> actions() {
    return audit.entries().stream().map(InMemoryAudit.Entry::action).toList();
  }

  private List<String> granted(String projectKey, String role) {
    long projectId = repo.project(projectKey).orElseThrow().id();
    long roleId = repo.role(projectId, role).orElseThrow().id();
    return repo.grants.stream()
        .filter(g -> g.roleId() == roleId && g.granted())
        .map(AccessGrant::userId)
        .sorted()
        .toList();
  }

  @Test
  void aNewProjectHasTheDefaultRolesAndOnlyAgentsDrawOnTheDefaultPool() {
    ProjectSummary apollo = projects.create("apollo", "Apollo");

    assertThat(apollo.roles())
        .extracting(ProjectSummary.RoleSummary::name)
        .containsExactlyElementsOf(ProjectAdministration.DEFAULT_ROLES);
    LicencePool pool = repo.pool(LicencePool.DEFAULT_KEY).orElseThrow();
    assertThat(apollo.roles())
        .filteredOn(r -> r.licencePool() != null)
        .extracting(ProjectSummary.RoleSummary::name)
        .containsExactly("agents");
    long apolloId = repo.project("apollo").orElseThrow().id();
    assertThat(repo.role(apolloId, "agents").orElseThrow().poolId()).isEqualTo(pool.id());
    assertThat(projects.get("apollo")).isEqualTo(apollo);
    assertThat(actions()).containsExactly("project.created");

    projects.create("hermes", "Hermes");
    assertThat(repo.pools).as("the default pool is shared, not created twice").hasSize(1);
  }

  @Test
  void aTakenProjectKeyOrRoleNameIsAConflict() {
    projects.create("apollo", "Apollo");

    assertThatThrownBy(() -> projects.create("apollo", "Again"))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThatThrownBy(() -> projects.addRole("apollo", "agents", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(projects.addRole("apollo", "auditors", "audit-seats").licencePool())
        .isEqualTo("audit-seats");
    assertThat(repo.pool("audit-seats")).as("created on first use").isPresent();
  }

  @Test
  void bindingAGroupGrantsItsActiveMembersAndReportsIt() {
    projects.create("apollo", "Apollo");

    var report = projects.bind("apollo", "customers", "g1", null);

    assertThat(report.subjectName()).isEqualTo("Support");
    assertThat(report.projectKey()).isEqualTo("apollo");
    assertThat(report.granted()).isEqualTo(2);
    assertThat(report.leftOutCount()).isZero();
    assertThat(granted("apollo", "customers")).containsExactly("ann", "bob");
    assertThat(actions()).containsExactly("project.created", "binding.created");
    assertThat(notices.published)
        .extracting(RecordingNotices.Published::subject)
        .containsExactly("users/ann", "users/bob");
    assertThat(notices.counted).containsExactly(AccessEvent.Kind.GRANTED, AccessEvent.Kind.GRANTED);
    assertThat(audit.entries().get(1).details())
        .containsEntry("subject", "group Support")
        .containsEntry("granted", 2L);
  }

  @Test
  void bindingACompanyByKeyGrantsItsActiveMembers() {
    projects.create("apollo", "Apollo");

    var report = projects.bind("apollo", "collaborators", null, "fabrikam");

    assertThat(report.subjectRef()).isEqualTo(String.valueOf(FABRIKAM));
    assertThat(report.subjectName()).isEqualTo("fabrikam");
    assertThat(granted("apollo", "collaborators")).containsExactly("bob");
  }

  @Test
  void aBindingNamesExactlyOneExistingSubjectAndAnExistingRoleOnce() {
    projects.create("apollo", "Apollo");

    assertThatThrownBy(() -> projects.bind("apollo", "customers", "g1", "fabrikam"))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> projects.bind("apollo", "customers", null, null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> projects.bind("apollo", "customers", "no-such-group", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> projects.bind("apollo", "customers", null, "no-such-company"))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> projects.bind("apollo", "pilots", "g1", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> projects.bind("hermes", "customers", "g1", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
    projects.bind("apollo", "customers", "g1", null);
    assertThatThrownBy(() -> projects.bind("apollo", "customers", "g1", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(repo.bindings).hasSize(1);
  }

  @Test
  void aFullPoolLeavesUsersOutAndRaisingItsLimitLetsThemIn() {
    projects.create("apollo", "Apollo");
    projects.limitPool(LicencePool.DEFAULT_KEY, 1);

    var report = projects.bind("apollo", "agents", "g1", null);

    assertThat(report.poolKey()).isEqualTo(LicencePool.DEFAULT_KEY);
    assertThat(report.granted()).isEqualTo(1);
    assertThat(report.leftOutCount()).isEqualTo(1);
    assertThat(report.leftOut()).containsExactly("bob@example.com");

    assertThat(projects.limitPool(LicencePool.DEFAULT_KEY, 2).used())
        .as("the one waiting is let in")
        .isEqualTo(2);

    assertThat(granted("apollo", "agents")).containsExactly("ann", "bob");
    assertThat(projects.pools()).singleElement().satisfies(u -> assertThat(u.used()).isEqualTo(2));
    assertThat(projects.binding("apollo", report.id()).leftOutCount()).isZero();
  }

  @Test
  void unbindingRevokesItsPathsAndABindingOfAnotherProjectIsNotFound() {
    projects.create("apollo", "Apollo");
    projects.create("hermes", "Hermes");
    long binding = projects.bind("apollo", "customers", "g1", null).id();

    assertThatThrownBy(() -> projects.unbind("hermes", binding))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
    projects.unbind("apollo", binding);

    assertThat(repo.bindings).isEmpty();
    assertThat(repo.grants).isEmpty();
    assertThat(repo.events)
        .filteredOn(e -> e.kind() == AccessEvent.Kind.REVOKED)
        .extracting(AccessEvent::userId)
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(actions()).endsWith("binding.deleted");
    assertThat(projects.bindings("apollo")).isEmpty();
  }
}
