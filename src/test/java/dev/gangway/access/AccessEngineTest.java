package dev.gangway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gangway.access.AccessEvent.Kind;
import dev.gangway.audit.InMemoryAudit;
import dev.gangway.company.CompanyPlacementChanged;
import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.IdentityChange;
import dev.gangway.identity.IdentityChange.GroupChanged;
import dev.gangway.identity.IdentityChange.MembershipChanged;
import dev.gangway.identity.IdentityChange.UserChanged;
import dev.gangway.platform.ChangeCause;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessEngineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final Instant T3 = T0.plusSeconds(180);
  private static final Instant T4 = T0.plusSeconds(240);
  private static final DirectoryId DIRECTORY = new DirectoryId(1);
  private static final long FABRIKAM = 501;
  private static final long CONTOSO = 502;

  private final FakeAccessRepository repo = new FakeAccessRepository();
  private final ChangeCause cause = new ChangeCause();
  private final InMemoryAudit audit = new InMemoryAudit(cause, Clock.fixed(T0, ZoneOffset.UTC));
  private final RecordingNotices notices = new RecordingNotices();

  private Project apollo;
  private ProjectRole viewer;
  private ProjectRole editor;

  @BeforeEach
  void setUp() {
    cause.set("POST /admin/bindings");
    cause.actor("admin");
    apollo = project("apollo");
    viewer = role(apollo, "viewer", null);
    editor = role(apollo, "editor", null);
    repo.companyKeys.put(FABRIKAM, "fabrikam");
    repo.companyKeys.put(CONTOSO, "contoso");
  }

  // --- set-up helpers -------------------------------------------------------------------------

  /** The engine as it runs at one moment: a fixed clock per step. */
  private AccessEngine engine(Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    return new AccessEngine(
        repo,
        cause,
        clock,
        audit.log(),
        new AccessGuard(new FakeGuardCounts(repo), clock),
        notices);
  }

  private Project project(String key) {
    Project p = new Project(key, "Project " + key, T0);
    repo.add(p);
    return p;
  }

  private ProjectRole role(Project project, String name, LicencePool pool) {
    ProjectRole r = new ProjectRole(project, name, pool);
    repo.add(r);
    return r;
  }

  private LicencePool pool(String key, Integer seats) {
    LicencePool p = new LicencePool(key, seats);
    repo.add(p);
    return p;
  }

  private void user(String id, Long companyId) {
    repo.putUser(id, id + "@example.com", true, companyId);
  }

  private Binding bindGroup(ProjectRole role, String groupId, Instant at) {
    Binding b = new Binding(role, Binding.SubjectType.GROUP, groupId, at);
    repo.add(b);
    engine(at).bind(b);
    return b;
  }

  private Binding bindCompany(ProjectRole role, long companyId, Instant at) {
    Binding b = new Binding(role, Binding.SubjectType.COMPANY, Long.toString(companyId), at);
    repo.add(b);
    engine(at).bind(b);
    return b;
  }

  /** As the SCIM side does: memberships change, then the change is announced. */
  private void addMembers(String groupId, Instant at, String... userIds) {
    repo.groupMembers.get(groupId).addAll(List.of(userIds));
    engine(at)
        .onIdentityChange(new MembershipChanged(DIRECTORY, groupId, List.of(userIds), List.of()));
  }

  private void removeMembers(String groupId, Instant at, String... userIds) {
    repo.groupMembers.get(groupId).removeAll(List.of(userIds));
    engine(at)
        .onIdentityChange(new MembershipChanged(DIRECTORY, groupId, List.of(), List.of(userIds)));
  }

  private void deactivate(String userId, Instant at) {
    repo.setActive(userId, false);
    engine(at).onIdentityChange(new UserChanged(DIRECTORY, userId, IdentityChange.Kind.UPDATED));
  }

  private void place(String userId, Long companyId, Instant at) {
    Long before = repo.users.get(userId).companyId();
    repo.setCompany(userId, companyId);
    engine(at).onPlacement(new CompanyPlacementChanged(userId, before, companyId));
  }

  // --- reading helpers ------------------------------------------------------------------------

  private List<AccessGrant> grantsOf(String userId) {
    return repo.grants.stream().filter(g -> g.userId().equals(userId)).toList();
  }

  /** The roles a user holds, as "binding id:role name", granted ones only. */
  private Set<String> held(String userId) {
    return grantsOf(userId).stream()
        .filter(AccessGrant::granted)
        .map(g -> g.bindingId() + ":" + repo.role(g.roleId()).name())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String path(Binding b, ProjectRole r) {
    return b.id() + ":" + r.name();
  }

  private AccessGrant grant(String userId, Binding b) {
    return grantsOf(userId).stream().filter(g -> g.bindingId() == b.id()).findFirst().orElseThrow();
  }

  private List<AccessEvent> eventsOf(String userId) {
    return repo.events.stream().filter(e -> e.userId().equals(userId)).toList();
  }

  // --- granting -------------------------------------------------------------------------------

  @Test
  void bindingAGroupGrantsItsRoleToEachActiveMemberAndRecordsIt() {
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-eng", "Engineering", "ann", "bob");

    Binding b = bindGroup(viewer, "g-eng", T1);

    assertThat(held("ann")).containsExactly(path(b, viewer));
    assertThat(held("bob")).containsExactly(path(b, viewer));
    AccessGrant g = grant("ann", b);
    assertThat(g.projectId()).isEqualTo(apollo.id());
    assertThat(g.roleId()).isEqualTo(viewer.id());
    assertThat(g.poolId()).isNull();
    assertThat(g.since()).isEqualTo(T1);
    assertThat(eventsOf("ann"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.GRANTED);
              assertThat(e.at()).isEqualTo(T1);
              assertThat(e.userName()).isEqualTo("ann@example.com");
              assertThat(e.projectKey()).isEqualTo("apollo");
              assertThat(e.roleName()).isEqualTo("viewer");
              assertThat(e.bindingId()).isEqualTo(b.id());
              assertThat(e.viaType()).isEqualTo(Binding.SubjectType.GROUP);
              assertThat(e.viaName()).isEqualTo("Engineering");
              assertThat(e.cause()).isEqualTo("POST /admin/bindings by admin");
            });
  }

  @Test
  void bindingACompanyGrantsItsRoleToItsActiveMembersOnly() {
    user("ann", FABRIKAM);
    user("bob", CONTOSO);
    repo.putUser("cid", "cid@example.com", false, FABRIKAM);

    Binding b = bindCompany(editor, FABRIKAM, T1);

    assertThat(held("ann")).containsExactly(path(b, editor));
    assertThat(grantsOf("bob")).isEmpty();
    assertThat(grantsOf("cid")).isEmpty();
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::viaType, AccessEvent::viaName)
        .containsExactly(tuple(Kind.GRANTED, Binding.SubjectType.COMPANY, "fabrikam"));
  }

  @Test
  void anInactiveUserIsGrantedNothing() {
    repo.putUser("ann", "ann@example.com", false, FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann");
    bindGroup(viewer, "g-eng", T1);
    bindCompany(editor, FABRIKAM, T1);
    repo.putGroup("g-ops", "Ops");
    bindGroup(editor, "g-ops", T1);

    addMembers("g-ops", T2, "ann");
    engine(T2).reconcile("ann");
    engine(T2).onIdentityChange(new UserChanged(DIRECTORY, "ann", IdentityChange.Kind.UPDATED));

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann")).isEmpty();
  }

  @Test
  void joiningABoundGroupGrantsItsRole() {
    user("ann", null);
    repo.putGroup("g-eng", "Engineering");
    Binding b = bindGroup(viewer, "g-eng", T1);
    cause.set("PATCH /scim/v2/Groups/g-eng");
    cause.actor("directory okta-prod (1)");

    addMembers("g-eng", T2, "ann");

    assertThat(held("ann")).containsExactly(path(b, viewer));
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::at, AccessEvent::cause)
        .containsExactly(
            tuple(Kind.GRANTED, T2, "PATCH /scim/v2/Groups/g-eng by directory okta-prod (1)"));
  }

  @Test
  void reconcilingTwiceChangesNothing() {
    user("ann", FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann");
    bindGroup(viewer, "g-eng", T1);
    bindCompany(editor, FABRIKAM, T1);
    List<AccessGrant> before = List.copyOf(repo.grants);
    int events = repo.events.size();

    engine(T2).reconcile("ann");

    assertThat(repo.grants).containsExactlyElementsOf(before);
    assertThat(repo.events).hasSize(events);
  }

  // --- revoking -------------------------------------------------------------------------------

  @Test
  void deactivatingAUserRevokesEveryPathAndReactivatingGrantsThemAgain() {
    user("ann", FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann");
    Binding viaGroup = bindGroup(viewer, "g-eng", T1);
    Binding viaCompany = bindCompany(editor, FABRIKAM, T1);
    cause.set("PUT /scim/v2/Users/ann");

    deactivate("ann", T2);

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann"))
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(AccessEvent::bindingId, AccessEvent::at, AccessEvent::cause)
        .containsExactlyInAnyOrder(
            tuple(viaGroup.id(), T2, "PUT /scim/v2/Users/ann by admin"),
            tuple(viaCompany.id(), T2, "PUT /scim/v2/Users/ann by admin"));

    repo.setActive("ann", true);
    engine(T3).onIdentityChange(new UserChanged(DIRECTORY, "ann", IdentityChange.Kind.UPDATED));
    assertThat(held("ann"))
        .containsExactlyInAnyOrder(path(viaGroup, viewer), path(viaCompany, editor));
  }

  @Test
  void deletingAUserRevokesEveryPathAndTheEventsStillNameTheUser() {
    user("ann", FABRIKAM);
    user("bob", FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann", "bob");
    Binding viaGroup = bindGroup(viewer, "g-eng", T1);
    Binding viaCompany = bindCompany(editor, FABRIKAM, T1);
    cause.set("DELETE /scim/v2/Users/ann");

    // as UserProvisioning does: the event first, then the row goes
    engine(T2).onIdentityChange(new UserChanged(DIRECTORY, "ann", IdentityChange.Kind.DELETED));
    repo.deleteUser("ann");

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann"))
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(AccessEvent::bindingId, AccessEvent::userName, AccessEvent::cause)
        .containsExactlyInAnyOrder(
            tuple(viaGroup.id(), "ann@example.com", "DELETE /scim/v2/Users/ann by admin"),
            tuple(viaCompany.id(), "ann@example.com", "DELETE /scim/v2/Users/ann by admin"));
    assertThat(held("bob")).hasSize(2);
  }

  @Test
  void reconcilingAUserThatNoLongerExistsRevokesWhatItHeld() {
    user("ann", null);
    repo.putGroup("g-eng", "Engineering", "ann");
    Binding b = bindGroup(viewer, "g-eng", T1);
    repo.deleteUser("ann");

    engine(T2).reconcile("ann");

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::bindingId, AccessEvent::userName)
        .containsExactly(
            tuple(Kind.GRANTED, b.id(), "ann@example.com"), tuple(Kind.REVOKED, b.id(), "ann"));
  }

  @Test
  void leavingTheBoundGroupRevokesThatPath() {
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-eng", "Engineering", "ann", "bob");
    Binding b = bindGroup(viewer, "g-eng", T1);
    cause.set("PATCH /scim/v2/Groups/g-eng");

    removeMembers("g-eng", T2, "ann");

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::at, AccessEvent::viaName, AccessEvent::cause)
        .containsExactly(
            tuple(Kind.GRANTED, T1, "Engineering", "POST /admin/bindings by admin"),
            tuple(Kind.REVOKED, T2, "Engineering", "PATCH /scim/v2/Groups/g-eng by admin"));
    assertThat(held("bob")).containsExactly(path(b, viewer));
  }

  @Test
  void movingToAnotherCompanyRevokesTheOldCompanysRolesAndGrantsTheNewOnes() {
    user("ann", FABRIKAM);
    Binding fabrikamViews = bindCompany(viewer, FABRIKAM, T1);
    Binding contosoEdits = bindCompany(editor, CONTOSO, T1);
    cause.set("job company-reevaluation");
    cause.actor(null);

    place("ann", CONTOSO, T2);

    assertThat(held("ann")).containsExactly(path(contosoEdits, editor));
    assertThat(eventsOf("ann"))
        .filteredOn(e -> e.at().equals(T2))
        .extracting(
            AccessEvent::kind, AccessEvent::bindingId, AccessEvent::viaName, AccessEvent::cause)
        .containsExactlyInAnyOrder(
            tuple(Kind.REVOKED, fabrikamViews.id(), "fabrikam", "job company-reevaluation"),
            tuple(Kind.GRANTED, contosoEdits.id(), "contoso", "job company-reevaluation"));
  }

  @Test
  void losingTheCompanyRevokesItsRoles() {
    user("ann", FABRIKAM);
    Binding b = bindCompany(viewer, FABRIKAM, T1);

    place("ann", null, T2);

    assertThat(grantsOf("ann")).isEmpty();
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::bindingId)
        .containsExactly(tuple(Kind.GRANTED, b.id()), tuple(Kind.REVOKED, b.id()));
  }

  @Test
  void deletingABindingRevokesEveryPathThroughItAndRemovesIt() {
    user("ann", FABRIKAM);
    user("bob", null);
    repo.putGroup("g-eng", "Engineering", "ann", "bob");
    Binding groupViews = bindGroup(viewer, "g-eng", T1);
    Binding companyViews = bindCompany(viewer, FABRIKAM, T1);
    cause.set("DELETE /admin/bindings/" + groupViews.id());

    engine(T2).unbind(groupViews);

    assertThat(repo.bindings).doesNotContainKey(groupViews.id()).containsKey(companyViews.id());
    assertThat(repo.grantsVia(groupViews.id())).isEmpty();
    assertThat(held("ann"))
        .as("still a viewer through the company")
        .containsExactly(path(companyViews, viewer));
    assertThat(held("bob")).isEmpty();
    assertThat(repo.events)
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(
            AccessEvent::userId, AccessEvent::bindingId, AccessEvent::at, AccessEvent::cause)
        .containsExactlyInAnyOrder(
            tuple(
                "ann",
                groupViews.id(),
                T2,
                "DELETE /admin/bindings/" + groupViews.id() + " by admin"),
            tuple(
                "bob",
                groupViews.id(),
                T2,
                "DELETE /admin/bindings/" + groupViews.id() + " by admin"));
  }

  @Test
  void deletingAGroupRemovesItsBindingsAndRevokesTheirPaths() {
    user("ann", null);
    repo.putGroup("g-eng", "Engineering", "ann");
    repo.putGroup("g-all", "Everyone", "ann");
    Binding views = bindGroup(viewer, "g-eng", T1);
    Binding edits = bindGroup(editor, "g-eng", T1);
    Binding everyone = bindGroup(viewer, "g-all", T1);
    cause.set("DELETE /scim/v2/Groups/g-eng");

    engine(T2)
        .onIdentityChange(
            new GroupChanged(DIRECTORY, "g-eng", IdentityChange.Kind.DELETED, "Engineering"));

    assertThat(repo.bindings).doesNotContainKeys(views.id(), edits.id()).containsKey(everyone.id());
    assertThat(audit.entries())
        .extracting(InMemoryAudit.Entry::action, InMemoryAudit.Entry::targetId)
        .containsExactlyInAnyOrder(
            tuple("binding.deleted", String.valueOf(views.id())),
            tuple("binding.deleted", String.valueOf(edits.id())));
    assertThat(audit.entries())
        .allSatisfy(
            e ->
                assertThat(e.details())
                    .containsEntry("project", "apollo")
                    .containsEntry("subject", "group Engineering")
                    .containsEntry("reason", "the group was deleted"));
    assertThat(audit.entries())
        .extracting(e -> e.details().get("role"))
        .containsExactlyInAnyOrder("viewer", "editor");
    assertThat(held("ann")).containsExactly(path(everyone, viewer));
    assertThat(eventsOf("ann"))
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(AccessEvent::bindingId, AccessEvent::viaName, AccessEvent::cause)
        .containsExactlyInAnyOrder(
            tuple(views.id(), "Engineering", "DELETE /scim/v2/Groups/g-eng by admin"),
            tuple(edits.id(), "Engineering", "DELETE /scim/v2/Groups/g-eng by admin"));
  }

  @Test
  void deletingAGroupTheWayProvisioningDoesRevokesOnceAndLeavesNoBinding() {
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-eng", "Engineering", "ann", "bob");
    Binding views = bindGroup(viewer, "g-eng", T1);

    // GroupProvisioning.delete: members leave (announced), then the group deletion is announced
    removeMembers("g-eng", T2, "ann", "bob");
    engine(T2)
        .onIdentityChange(
            new GroupChanged(DIRECTORY, "g-eng", IdentityChange.Kind.DELETED, "Engineering"));
    repo.deleteGroup("g-eng");

    assertThat(repo.bindings).doesNotContainKey(views.id());
    assertThat(repo.grants).isEmpty();
    assertThat(repo.events)
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(AccessEvent::userId)
        .containsExactlyInAnyOrder("ann", "bob");
  }

  @Test
  void revokingOnePathKeepsTheRoleHeldThroughAnother() {
    user("ann", FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann");
    repo.putGroup("g-all", "Everyone", "ann");
    Binding viaEng = bindGroup(viewer, "g-eng", T1);
    Binding viaAll = bindGroup(viewer, "g-all", T1);
    Binding viaCompany = bindCompany(viewer, FABRIKAM, T1);
    AccessGrant keptAll = grant("ann", viaAll);
    AccessGrant keptCompany = grant("ann", viaCompany);

    removeMembers("g-eng", T2, "ann");

    assertThat(held("ann"))
        .containsExactlyInAnyOrder(path(viaAll, viewer), path(viaCompany, viewer));
    assertThat(grant("ann", viaAll)).isSameAs(keptAll);

    place("ann", null, T3);

    assertThat(held("ann")).containsExactly(path(viaAll, viewer));
    assertThat(grant("ann", viaAll)).isSameAs(keptAll);
    assertThat(keptAll.since()).isEqualTo(T1);
    assertThat(keptCompany).isNotIn(repo.grants);
    assertThat(eventsOf("ann"))
        .filteredOn(e -> e.kind() == Kind.REVOKED)
        .extracting(AccessEvent::bindingId)
        .containsExactly(viaEng.id(), viaCompany.id());
  }

  @Test
  void aMembershipChangeOnAGroupWithoutBindingsTouchesNoGrants() {
    user("ann", null);
    repo.putGroup("g-eng", "Engineering", "ann");
    repo.putGroup("g-social", "Social club");
    bindGroup(viewer, "g-eng", T1);
    repo.grantsOfCalls.clear();

    addMembers("g-social", T2, "ann");

    assertThat(repo.grantsOfCalls).isEmpty();
    assertThat(eventsOf("ann")).hasSize(1);
  }

  @Test
  void aMembershipChangeForOneUserTouchesOnlyThatUsersGrants() {
    LicencePool agents = pool("agent", 10);
    ProjectRole agent = role(apollo, "agent", agents);
    for (String u : List.of("ann", "bob", "cid", "dan")) user(u, FABRIKAM);
    repo.putGroup("g-eng", "Engineering", "ann", "bob", "cid");
    bindGroup(viewer, "g-eng", T1);
    bindGroup(agent, "g-eng", T1);
    bindCompany(editor, FABRIKAM, T1);
    Map<AccessGrant, String> others = new IdentityHashMap<>();
    repo.grants.stream()
        .filter(g -> !g.userId().equals("ann") && !g.userId().equals("dan"))
        .forEach(g -> others.put(g, g.state() + "@" + g.since()));
    AccessGrant dansCompanyGrant = grantsOf("dan").get(0);
    int eventsBefore = repo.events.size();
    repo.grantsOfCalls.clear();

    removeMembers("g-eng", T2, "ann");
    addMembers("g-eng", T3, "dan");

    assertThat(repo.grantsOfCalls).containsOnly("ann", "dan");
    assertThat(repo.events.subList(eventsBefore, repo.events.size()))
        .extracting(AccessEvent::userId)
        .containsOnly("ann", "dan");
    List<AccessGrant> stillThere = new ArrayList<>(repo.grants);
    stillThere.removeIf(g -> g.userId().equals("ann") || g.userId().equals("dan"));
    assertThat(stillThere).hasSameSizeAs(others.keySet());
    for (AccessGrant g : stillThere) {
      assertThat(others).as("the very same grant object of " + g.userId()).containsKey(g);
      assertThat(g.state() + "@" + g.since()).isEqualTo(others.get(g));
    }
    assertThat(grantsOf("dan")).hasSize(3).contains(dansCompanyGrant);
  }

  // --- licence seats --------------------------------------------------------------------------

  @Test
  void withOneSeatTheSecondUserIsLeftOut() {
    LicencePool agents = pool("agent", 1);
    ProjectRole agent = role(apollo, "agent", agents);
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-support", "Support", "ann", "bob");

    Binding b = bindGroup(agent, "g-support", T1);

    assertThat(grant("ann", b).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(grant("ann", b).poolId()).isEqualTo(agents.id());
    assertThat(grant("bob", b).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    assertThat(repo.seatHolders(agents.id())).isEqualTo(1);
    assertThat(repo.events)
        .extracting(
            AccessEvent::userId, AccessEvent::kind, AccessEvent::roleName, AccessEvent::cause)
        .containsExactly(
            tuple("ann", Kind.GRANTED, "agent", "POST /admin/bindings by admin"),
            tuple("bob", Kind.LEFT_OUT, "agent", "POST /admin/bindings by admin"));
  }

  @Test
  void aSeatHolderTakesNoSecondSeatForAnotherLicensedRole() {
    LicencePool agents = pool("agent", 1);
    ProjectRole apolloAgent = role(apollo, "agent", agents);
    ProjectRole gemini = role(project("gemini"), "agent", agents);
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-apollo", "Apollo support", "ann");
    repo.putGroup("g-gemini", "Gemini support", "ann", "bob");
    bindGroup(apolloAgent, "g-apollo", T1);

    Binding geminiAgents = bindGroup(gemini, "g-gemini", T2);

    assertThat(grant("ann", geminiAgents).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(grant("bob", geminiAgents).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    assertThat(repo.seatHolders(agents.id())).isEqualTo(1);
    assertThat(eventsOf("ann"))
        .extracting(AccessEvent::kind, AccessEvent::projectKey)
        .containsExactly(tuple(Kind.GRANTED, "apollo"), tuple(Kind.GRANTED, "gemini"));
  }

  @Test
  void freeingASeatPromotesTheUserWhoWaitedLongest() {
    LicencePool agents = pool("agent", 1);
    ProjectRole agent = role(apollo, "agent", agents);
    ProjectRole geminiAgent = role(project("gemini"), "agent", agents);
    for (String u : List.of("ann", "bob", "cid")) user(u, null);
    repo.putGroup("g-apollo", "Apollo support", "ann");
    repo.putGroup("g-gemini", "Gemini support");
    Binding apolloAgents = bindGroup(agent, "g-apollo", T0);
    Binding geminiAgents = bindGroup(geminiAgent, "g-gemini", T0);
    addMembers("g-gemini", T1, "bob"); // waits since T1
    addMembers("g-apollo", T2, "cid"); // waits since T2
    assertThat(grant("bob", geminiAgents).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    assertThat(grant("cid", apolloAgents).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    cause.set("PUT /scim/v2/Users/ann");

    deactivate("ann", T3);

    assertThat(grant("bob", geminiAgents).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(grant("bob", geminiAgents).since()).isEqualTo(T3);
    assertThat(grant("cid", apolloAgents).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    assertThat(repo.seatHolders(agents.id())).isEqualTo(1);
    assertThat(repo.events)
        .filteredOn(e -> e.at().equals(T3))
        .extracting(
            AccessEvent::userId, AccessEvent::kind, AccessEvent::projectKey, AccessEvent::cause)
        .containsExactly(
            tuple("ann", Kind.REVOKED, "apollo", "PUT /scim/v2/Users/ann by admin"),
            tuple("bob", Kind.GRANTED, "gemini", "PUT /scim/v2/Users/ann by admin"));
  }

  @Test
  void aPromotedUserGetsEveryRoleItWaitedForOnOneSeat() {
    LicencePool agents = pool("agent", 1);
    ProjectRole apolloAgent = role(apollo, "agent", agents);
    ProjectRole geminiAgent = role(project("gemini"), "agent", agents);
    user("ann", null);
    user("bob", FABRIKAM);
    repo.putGroup("g-apollo", "Apollo support", "ann", "bob");
    Binding viaGroup = bindGroup(apolloAgent, "g-apollo", T1);
    Binding viaCompany = bindCompany(geminiAgent, FABRIKAM, T2);
    assertThat(grantsOf("bob"))
        .extracting(AccessGrant::state)
        .containsOnly(AccessGrant.State.LEFT_OUT)
        .hasSize(2);

    removeMembers("g-apollo", T3, "ann");

    assertThat(grant("bob", viaGroup).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(grant("bob", viaCompany).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(repo.seatHolders(agents.id())).isEqualTo(1);
    assertThat(eventsOf("bob"))
        .filteredOn(e -> e.at().equals(T3))
        .extracting(AccessEvent::kind, AccessEvent::bindingId)
        .containsExactlyInAnyOrder(
            tuple(Kind.GRANTED, viaGroup.id()), tuple(Kind.GRANTED, viaCompany.id()));
  }

  @Test
  void revokingOneOfTwoLicensedRolesKeepsTheSeatAndPromotesNobody() {
    LicencePool agents = pool("agent", 1);
    ProjectRole apolloAgent = role(apollo, "agent", agents);
    ProjectRole geminiAgent = role(project("gemini"), "agent", agents);
    user("ann", FABRIKAM);
    user("bob", null);
    repo.putGroup("g-apollo", "Apollo support", "ann", "bob");
    Binding viaGroup = bindGroup(apolloAgent, "g-apollo", T1);
    Binding viaCompany = bindCompany(geminiAgent, FABRIKAM, T1);

    removeMembers("g-apollo", T2, "ann");

    assertThat(grant("ann", viaCompany).state()).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(grant("bob", viaGroup).state()).isEqualTo(AccessGrant.State.LEFT_OUT);
    assertThat(eventsOf("bob")).extracting(AccessEvent::kind).containsExactly(Kind.LEFT_OUT);
  }

  @Test
  void aWaitingUserWhoLeavesNoLongerWaits() {
    LicencePool agents = pool("agent", 1);
    ProjectRole agent = role(apollo, "agent", agents);
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-support", "Support", "ann", "bob");
    Binding b = bindGroup(agent, "g-support", T1);

    removeMembers("g-support", T2, "bob");
    deactivate("ann", T3);

    assertThat(repo.grants).isEmpty();
    assertThat(repo.seatHolders(agents.id())).isZero();
    assertThat(eventsOf("bob"))
        .extracting(AccessEvent::kind, AccessEvent::bindingId)
        .containsExactly(tuple(Kind.LEFT_OUT, b.id()));
  }

  @Test
  void raisingTheLimitPromotesWaitingUsersInTheOrderTheyWaited() {
    LicencePool agents = pool("agent", 1);
    ProjectRole agent = role(apollo, "agent", agents);
    for (String u : List.of("ann", "bob", "cid", "dan")) user(u, null);
    repo.putGroup("g-support", "Support", "ann");
    Binding b = bindGroup(agent, "g-support", T0);
    addMembers("g-support", T1, "bob");
    addMembers("g-support", T2, "cid");
    addMembers("g-support", T2, "dan");
    cause.set("PUT /admin/pools/agent");

    agents.limit(3);
    engine(T3).poolResized(agents);

    Function<String, AccessGrant.State> state = u -> grant(u, b).state();
    assertThat(List.of("ann", "bob", "cid", "dan"))
        .extracting(state)
        .containsExactly(
            AccessGrant.State.GRANTED,
            AccessGrant.State.GRANTED,
            AccessGrant.State.GRANTED,
            AccessGrant.State.LEFT_OUT);
    assertThat(repo.events)
        .filteredOn(e -> e.at().equals(T3))
        .extracting(AccessEvent::userId, AccessEvent::kind, AccessEvent::cause)
        .containsExactly(
            tuple("bob", Kind.GRANTED, "PUT /admin/pools/agent by admin"),
            tuple("cid", Kind.GRANTED, "PUT /admin/pools/agent by admin"));

    agents.limit(null);
    engine(T4).poolResized(agents);

    assertThat(state.apply("dan")).isEqualTo(AccessGrant.State.GRANTED);
    assertThat(repo.seatHolders(agents.id())).isEqualTo(4);
  }

  @Test
  void loweringTheLimitTakesNoSeatAway() {
    LicencePool agents = pool("agent", 2);
    ProjectRole agent = role(apollo, "agent", agents);
    user("ann", null);
    user("bob", null);
    repo.putGroup("g-support", "Support", "ann", "bob");
    bindGroup(agent, "g-support", T1);
    int events = repo.events.size();

    agents.limit(1);
    engine(T2).poolResized(agents);

    assertThat(repo.seatHolders(agents.id())).isEqualTo(2);
    assertThat(repo.events).hasSize(events);
  }
}
