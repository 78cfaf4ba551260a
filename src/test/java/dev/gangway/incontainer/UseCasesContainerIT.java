package dev.gangway.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.access.AccessEvent;
import dev.gangway.access.AccessQueries;
import dev.gangway.access.ProjectAdministration;
import dev.gangway.audit.AuditEntry;
import dev.gangway.audit.AuditLog;
import dev.gangway.company.CompanyAdministration;
import dev.gangway.company.RuleAttribute;
import dev.gangway.company.RuleCondition;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.directory.DirectoryAdministration;
import dev.gangway.directory.DirectoryAuthentication;
import dev.gangway.directory.DirectoryId;
import dev.gangway.directory.SecretToken;
import dev.gangway.identity.GroupProfile;
import dev.gangway.identity.GroupProvisioning;
import dev.gangway.identity.GroupProvisioning.GroupChange;
import dev.gangway.identity.MemberChange;
import dev.gangway.identity.UserProfile;
import dev.gangway.identity.UserProvisioning;
import dev.gangway.identity.UserSnapshot;
import dev.gangway.identity.scim.ScimBulk;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.PersistenceSetup;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The use cases in the container, on the test database (MariaDB unless {@code
 * -Dgangway.test.db=embedded}): each call is its real transaction, with the real CDI beans, JPA and
 * the observers (company mapping, effective access, audit) that run in it. One class, so one
 * deployment: Payara starts once for all of them. Each test works in a directory, companies,
 * projects and names of its own, and checks what a use case returned against what a second read in
 * a fresh transaction sees.
 *
 * <p>Arquillian runs each test method inside a servlet request of its own (its test runner servlet,
 * which no Gangway filter maps): request-scoped beans are that request's, with the cause "system"
 * and no authenticated directory until a test sets one, as the SCIM authentication filter would for
 * the bulk test. The database, data folder and port come from {@link PayaraOnTestDatabase}.
 */
@ExtendWith(ArquillianExtension.class)
class UseCasesContainerIT {
  private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

  @Inject UserProvisioning users;
  @Inject GroupProvisioning groups;
  @Inject CompanyAdministration companies;
  @Inject ProjectAdministration projects;
  @Inject AccessQueries access;
  @Inject DirectoryAdministration directories;
  @Inject DirectoryAuthentication authentication;
  @Inject CurrentDirectory currentDirectory;
  @Inject AuditLog audit;
  @Inject ScimBulk bulk;
  @Inject UserTransaction transaction;

  /** The packaged application as it ships, and these tests. */
  @Deployment
  static WebArchive deployment() {
    Path war =
        Path.of(System.getProperty("gangway.project.dir", ".")).resolve("target/gangway.war");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile())
        .addClass(UseCasesContainerIT.class);
  }

  // --- 1. user provisioning ---------------------------------------------------------------

  @Test
  void aCreatedUserIsReadBackWithItsAttributes() {
    DirectoryId directory = newDirectory();
    String userName = unique("user");
    UserSnapshot created = users.create(directory, profile(userName, "Engineer", null));

    UserSnapshot read = fresh(() -> users.get(directory, created.user().id()));
    assertEquals(userName, read.user().userName().value());
    assertEquals("Engineer", read.user().title());
    assertTrue(read.user().active());
  }

  @Test
  void aUserNameDifferingOnlyInCaseIsTakenInTheSameDirectoryOnly() {
    DirectoryId directory = newDirectory();
    String userName = unique("user");
    users.create(directory, profile(userName, null, null));

    DomainException taken =
        assertThrows(
            DomainException.class,
            () -> users.create(directory, profile(userName.toUpperCase(Locale.ROOT), null, null)));
    assertEquals(DomainException.Kind.UNIQUENESS, taken.kind());
    // the failed create rolled back whole; another directory may use the name
    DirectoryId other = newDirectory();
    String elsewhere = users.create(other, profile(userName, null, null)).user().id();
    assertEquals(userName, fresh(() -> users.get(other, elsewhere)).user().userName().value());
  }

  @Test
  void replaceAndPatchChangeTheUserAndItsVersion() {
    DirectoryId directory = newDirectory();
    String userName = unique("user");
    UserSnapshot created = users.create(directory, profile(userName, "Engineer", null));
    String id = created.user().id();

    UserSnapshot replaced =
        users.replace(
            directory, id, created.user().version(), profile(userName, "Architect", null));
    assertEquals("Architect", replaced.user().title());
    assertTrue(replaced.user().version() > created.user().version());
    // a write against the old version is refused and changes nothing
    DomainException stale =
        assertThrows(
            DomainException.class,
            () ->
                users.replace(
                    directory, id, created.user().version(), profile(userName, "Intern", null)));
    assertEquals(DomainException.Kind.PRECONDITION_FAILED, stale.kind());

    UserSnapshot patched =
        users.modify(directory, id, null, current -> withActive(current.profile(), false));
    assertFalse(patched.user().active());

    UserSnapshot read = fresh(() -> users.get(directory, id));
    assertEquals("Architect", read.user().title());
    assertFalse(read.user().active());
    assertEquals(patched.user().version(), read.user().version());
  }

  @Test
  void aDeletedUserIsGoneAndAudited() {
    DirectoryId directory = newDirectory();
    UserSnapshot created = users.create(directory, profile(unique("user"), null, null));
    String id = created.user().id();

    users.delete(directory, id, null);

    DomainException gone =
        assertThrows(DomainException.class, () -> fresh(() -> users.get(directory, id)));
    assertEquals(DomainException.Kind.NOT_FOUND, gone.kind());
    assertEquals(List.of("user.created", "user.deleted"), auditActions("user", id));
  }

  // --- 2. group provisioning --------------------------------------------------------------

  @Test
  void aGroupCreatedWithMembersListsThemAndTheyListIt() {
    DirectoryId directory = newDirectory();
    String ann = userIn(directory);
    String bob = userIn(directory);

    String groupId =
        groups
            .create(directory, new GroupProfile(unique("group"), null), List.of(ann, bob), true)
            .group()
            .id();

    assertEquals(Set.of(ann, bob), memberIds(directory, groupId));
    assertTrue(
        fresh(() -> users.get(directory, ann)).groups().stream()
            .anyMatch(g -> g.id().equals(groupId)));
  }

  @Test
  void membersAreAddedAndRemovedAndTheChangeIsAudited() {
    DirectoryId directory = newDirectory();
    String ann = userIn(directory);
    String bob = userIn(directory);
    String cid = userIn(directory);
    String groupId =
        groups
            .create(directory, new GroupProfile(unique("group"), null), List.of(ann, bob), false)
            .group()
            .id();

    groups.modify(
        directory,
        groupId,
        null,
        g -> new GroupChange(null, List.of(MemberChange.add(cid), MemberChange.remove(ann))),
        false);

    assertEquals(Set.of(bob, cid), memberIds(directory, groupId));
    assertTrue(fresh(() -> users.get(directory, ann)).groups().isEmpty());
    assertEquals(
        List.of("group.created", "group.members_changed", "group.members_changed"),
        auditActions("group", groupId));
  }

  @Test
  void aMemberThatIsNotOfTheDirectoryIsRefusedAndNothingChanges() {
    DirectoryId directory = newDirectory();
    String ann = userIn(directory);
    String stranger = userIn(newDirectory());
    String groupId =
        groups
            .create(directory, new GroupProfile(unique("group"), null), List.of(ann), false)
            .group()
            .id();

    DomainException refused =
        assertThrows(
            DomainException.class,
            () ->
                groups.modify(
                    directory,
                    groupId,
                    null,
                    g ->
                        new GroupChange(
                            null, List.of(MemberChange.remove(ann), MemberChange.add(stranger))),
                    false));
    assertEquals(DomainException.Kind.INVALID, refused.kind());
    assertEquals(
        Set.of(ann), memberIds(directory, groupId)); // the remove before it rolled back too
  }

  // --- 3. company placement ---------------------------------------------------------------

  @Test
  void aMappingRulePlacesAUserAndThePlacementFollowsItsAttributes() {
    DirectoryId directory = newDirectory();
    String acme = unique("acme");
    String globex = unique("globex");
    String acmeValue = unique("Acme Ltd");
    String globexValue = unique("Globex Inc");
    companies.create(acme, "Acme", List.of());
    companies.create(globex, "Globex", List.of());
    companies.addRule(10, RuleCondition.attribute(RuleAttribute.COMPANY, acmeValue), acme);
    companies.addRule(10, RuleCondition.attribute(RuleAttribute.COMPANY, globexValue), globex);

    String userName = unique("user");
    String id = users.create(directory, profile(userName, null, acmeValue)).user().id();
    assertEquals(Set.of(id), companyMembers(acme));

    users.modify(directory, id, null, current -> profile(userName, null, globexValue));
    assertEquals(Set.of(), companyMembers(acme));
    assertEquals(Set.of(id), companyMembers(globex));

    users.delete(directory, id, null);
    assertEquals(Set.of(), companyMembers(globex));
  }

  @Test
  void aRuleAddedLaterPlacesTheUsersItMatchesAtOnce() {
    DirectoryId directory = newDirectory();
    String initech = unique("initech");
    String value = unique("Initech");
    companies.create(initech, "Initech", List.of());
    String id = users.create(directory, profile(unique("user"), null, value)).user().id();
    assertEquals(Set.of(), companyMembers(initech));

    CompanyAdministration.Changed<?> added =
        companies.addRule(5, RuleCondition.attribute(RuleAttribute.COMPANY, value), initech);

    assertEquals(1, added.reevaluation().moved());
    assertEquals(Set.of(id), companyMembers(initech));
  }

  // --- 4. project administration and access reconciliation ---------------------------------

  @Test
  void aCompanyBoundToAProjectRoleGivesItsMembersAccessUntilTheyLeaveIt() {
    DirectoryId directory = newDirectory();
    String company = unique("partner");
    String value = unique("Partner Co");
    companies.create(company, "Partner", List.of());
    companies.addRule(10, RuleCondition.attribute(RuleAttribute.COMPANY, value), company);
    String project = unique("PRJ");
    projects.create(project, "Project " + project);
    ProjectAdministration.BindingReport bound =
        projects.bind(project, "collaborators", null, company);
    assertEquals(0, bound.granted());

    String userName = unique("user");
    String id = users.create(directory, profile(userName, null, value)).user().id();
    assertEquals(Set.of("collaborators"), roles(id, project));

    users.modify(directory, id, null, current -> profile(userName, null, unique("elsewhere")));
    assertEquals(Set.of(), roles(id, project));
    List<AccessEvent.Kind> events =
        fresh(() -> access.events(id, project, null, null, 10)).stream()
            .map(AccessQueries.Event::kind)
            .toList();
    assertTrue(
        events.containsAll(List.of(AccessEvent.Kind.GRANTED, AccessEvent.Kind.REVOKED)),
        events.toString());
  }

  @Test
  void aGroupBindingFollowsMembershipAndEndsWithTheBinding() {
    DirectoryId directory = newDirectory();
    String ann = userIn(directory);
    String bob = userIn(directory);
    String groupId =
        groups
            .create(directory, new GroupProfile(unique("group"), null), List.of(ann), false)
            .group()
            .id();
    String project = unique("PRJ");
    projects.create(project, "Project " + project);

    ProjectAdministration.BindingReport bound = projects.bind(project, "customers", groupId, null);
    assertEquals(1, bound.granted());
    assertEquals(Set.of("customers"), roles(ann, project));

    groups.modify(
        directory,
        groupId,
        null,
        g -> new GroupChange(null, List.of(MemberChange.add(bob))),
        false);
    assertEquals(Set.of("customers"), roles(bob, project));
    groups.modify(
        directory,
        groupId,
        null,
        g -> new GroupChange(null, List.of(MemberChange.remove(ann))),
        false);
    assertEquals(Set.of(), roles(ann, project));

    projects.unbind(project, bound.id());
    assertEquals(Set.of(), roles(bob, project));
    assertTrue(fresh(() -> projects.bindings(project)).isEmpty());
    assertTrue(
        fresh(() -> access.events(bob, project, null, null, 10)).stream()
            .anyMatch(e -> e.kind() == AccessEvent.Kind.REVOKED));
  }

  // --- 5. directory administration ---------------------------------------------------------

  @Test
  void aRotatedTokenReplacesTheOldOneWhichIsStoredOnlyAsItsHash() throws Exception {
    DirectoryAdministration.Issued issued = directories.create(unique("dir"), "okta");
    long id = issued.directory().id();
    assertEquals(new DirectoryId(id), authentication.authenticate(issued.token()).orElseThrow());

    DirectoryAdministration.Issued rotated = directories.rotateToken(id);

    assertNotEquals(issued.token(), rotated.token());
    assertTrue(authentication.authenticate(issued.token()).isEmpty());
    assertEquals(new DirectoryId(id), authentication.authenticate(rotated.token()).orElseThrow());
    String stored = storedTokenHash(id);
    assertEquals(SecretToken.Hash.of(rotated.token()).hex(), stored);
    assertFalse(stored.contains(rotated.token()));
    assertEquals(
        List.of("directory.created", "directory.token_rotated"),
        auditActions("directory", String.valueOf(id)));
  }

  // --- 6. bulk ------------------------------------------------------------------------------

  @Test
  void aBulkOfCreatesAndAGroupReferencingThemByBulkIdIsAppliedWhole() throws Exception {
    DirectoryId directory = newDirectory();
    currentDirectory.set(directory);
    String ann = unique("ann");
    String bob = unique("bob");
    String group = unique("team");
    // the group comes first and references users created later in the document: it runs after them
    String document =
        """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
         "Operations": [
           {"method": "POST", "path": "/Groups", "bulkId": "g",
            "data": {"schemas": ["%s"], "displayName": "%s",
                     "members": [{"value": "bulkId:a"}, {"value": "bulkId:b"}]}},
           {"method": "POST", "path": "/Users", "bulkId": "a", "data": {"schemas": ["%s"], "userName": "%s"}},
           {"method": "POST", "path": "/Users", "bulkId": "b", "data": {"schemas": ["%s"], "userName": "%s"}}
         ]}
        """
            .formatted(GROUP_SCHEMA, group, USER_SCHEMA, ann, USER_SCHEMA, bob);

    Response response =
        bulk.process(
            (ObjectNode) new ObjectMapper().readTree(document), "http://localhost/scim/v2");

    assertEquals(200, response.getStatus());
    JsonNode results = new ObjectMapper().valueToTree(response.getEntity()).path("Operations");
    assertEquals(3, results.size(), results.toString());
    String groupId = null;
    String annId = null;
    String bobId = null;
    for (JsonNode r : results) {
      assertEquals("201", r.path("status").asText(), r.toString());
      String location = r.path("location").asText();
      String id = location.substring(location.lastIndexOf('/') + 1);
      switch (r.path("bulkId").asText()) {
        case "g" -> groupId = id;
        case "a" -> annId = id;
        case "b" -> bobId = id;
        default -> throw new AssertionError(r.toString());
      }
    }
    String gid = groupId;
    String aid = annId;
    assertEquals(Set.of(annId, bobId), memberIds(directory, gid));
    assertEquals(ann, fresh(() -> users.get(directory, aid)).user().userName().value());
    assertEquals(group, fresh(() -> groups.get(directory, gid, false)).group().displayName());
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Runs a read in a transaction of its own, after the use case's has committed. */
  private <T> T fresh(Callable<T> read) {
    try {
      transaction.begin();
      try {
        return read.call();
      } finally {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) transaction.rollback();
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private DirectoryId newDirectory() {
    return new DirectoryId(directories.create(unique("dir"), "generic").directory().id());
  }

  private String userIn(DirectoryId directory) {
    return users.create(directory, profile(unique("user"), null, null)).user().id();
  }

  private Set<String> memberIds(DirectoryId directory, String groupId) {
    return fresh(() -> groups.get(directory, groupId, true)).members().stream()
        .map(m -> m.id())
        .collect(Collectors.toSet());
  }

  private Set<String> companyMembers(String companyKey) {
    return fresh(() -> companies.members(companyKey, 0, 100)).stream()
        .map(m -> m.userId())
        .collect(Collectors.toSet());
  }

  /** The roles a user holds in a project, as effective access reports them. */
  private Set<String> roles(String userId, String projectKey) {
    return fresh(() -> access.user(userId)).entries().stream()
        .filter(e -> e.project().equals(projectKey))
        .flatMap(e -> e.roles().stream())
        .map(AccessQueries.RoleAccess::role)
        .collect(Collectors.toSet());
  }

  private List<String> auditActions(String targetType, String targetId) {
    return fresh(
            () ->
                audit.list(
                    Instant.EPOCH,
                    Instant.now().plus(Duration.ofHours(1)),
                    null,
                    targetType,
                    targetId,
                    0,
                    100))
        .stream()
        .map(AuditEntry::action)
        .toList();
  }

  private static String storedTokenHash(long directoryId) throws Exception {
    DataSource dataSource = InitialContext.doLookup(PersistenceSetup.JNDI_NAME);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT token_hash FROM directory WHERE id = ?")) {
      s.setLong(1, directoryId);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        return r.getString(1);
      }
    }
  }

  private static UserProfile profile(String userName, String title, String company) {
    return new UserProfile(
        userName,
        null,
        true,
        "Display " + userName,
        null,
        null,
        title,
        null,
        null,
        null,
        null,
        null,
        null,
        company,
        List.of());
  }

  private static UserProfile withActive(UserProfile p, boolean active) {
    return new UserProfile(
        p.userName(),
        p.externalId(),
        active,
        p.displayName(),
        p.nickName(),
        p.profileUrl(),
        p.title(),
        p.userType(),
        p.preferredLanguage(),
        p.locale(),
        p.timezone(),
        p.name(),
        p.enterprise(),
        p.company(),
        p.values());
  }

  /**
   * A name no other test (or earlier run on a kept database) uses: lower case, as company keys
   * need.
   */
  private static String unique(String prefix) {
    return prefix.toLowerCase(Locale.ROOT).replace(' ', '-')
        + "-"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
