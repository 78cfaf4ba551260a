package dev.gangway.company;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.Enterprise;
import dev.gangway.identity.IdentityChange;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.InMemoryIdentityQueries;
import dev.gangway.identity.MultiValue;
import dev.gangway.identity.TextAttribute;
import dev.gangway.identity.User;
import dev.gangway.identity.UserProfile;
import dev.gangway.identity.UserSnapshot;
import dev.gangway.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompanyMappingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final DirectoryId OKTA = new DirectoryId(1);

  private final InMemoryIdentityQueries identity = new InMemoryIdentityQueries();
  private final InMemoryCompanyRepository repo = new InMemoryCompanyRepository(identity);
  private final RecordingEvent<CompanyPlacementChanged> placements = new RecordingEvent<>();
  private final CompanyMapping mapping =
      new CompanyMapping(repo, identity, placements, Clock.fixed(T0, ZoneOffset.UTC));
  private Company fabrikam;
  private Company contoso;

  @BeforeEach
  void setUp() {
    fabrikam = company("fabrikam", "fabrikam.com");
    contoso = company("contoso", "contoso.com");
  }

  private Company company(String key, String domain) {
    Company c = new Company(key, key, List.of(domain), T0);
    repo.add(c);
    return c;
  }

  private void rule(int priority, RuleCondition condition, Company company) {
    repo.add(new MappingRule(condition, priority, company.id(), T0));
  }

  private void changed(String userId, Kind kind) {
    mapping.onIdentityChange(new IdentityChange.UserChanged(OKTA, userId, kind));
  }

  private Long companyOf(String userId) {
    return repo.member(userId).map(CompanyMember::companyId).orElse(null);
  }

  @Test
  void aUserCreatedWithACompanysEmailDomainJoinsItsGroupInTheSameChange() {
    identity.putUser("ann", 1, "ann@example.org", Map.of(), "ann@Fabrikam.com");

    changed("ann", Kind.CREATED);

    assertThat(companyOf("ann")).isEqualTo(fabrikam.id());
    assertThat(repo.members.get("ann").reason()).isEqualTo("email domain fabrikam.com");
    assertThat(placements.fired)
        .containsExactly(new CompanyPlacementChanged("ann", null, fabrikam.id(), true));
  }

  @Test
  void theStateAChangeHoldsIsUsedWithoutReadingTheUserAgain() {
    User ann =
        new User(
            1,
            new UserProfile(
                "ann@contoso.com",
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of()),
            T0);
    UserSnapshot state =
        new UserSnapshot(
            ann,
            List.of(new MultiValue("emails", "ann@fabrikam.com", "work", true, null, null)),
            List.of());

    mapping.onIdentityChange(
        new IdentityChange.UserChanged(OKTA, ann.id(), Kind.CREATED, Map.of(), state));

    assertThat(identity.factsReads).isZero();
    assertThat(repo.issue(ann.id()).map(MappingIssue::kind))
        .as("userName and email in two companies' domains")
        .contains(RuleEvaluator.Placement.Issue.CONFLICT);
    assertThat(companyOf(ann.id())).isNull();
  }

  @Test
  void anExplicitRuleDecidesBeforeTheEmailDomain() {
    rule(10, RuleCondition.attribute(RuleAttribute.ORGANIZATION, "Contoso Partners"), contoso);
    identity.putUser(
        "ann", 1, "ann@fabrikam.com", Map.of(TextAttribute.ORGANIZATION, "contoso partners "));

    changed("ann", Kind.CREATED);

    assertThat(companyOf("ann")).isEqualTo(contoso.id());
  }

  @Test
  void aGuestNoRuleMatchesIsReportedAndPlacedOnceItsDomainIsKnown() {
    identity.putUser("guest", 1, "guest@elsewhere.net", Map.of(TextAttribute.USER_TYPE, "Guest"));
    changed("guest", Kind.CREATED);
    assertThat(repo.issue("guest").map(MappingIssue::kind))
        .contains(RuleEvaluator.Placement.Issue.UNMATCHED);
    assertThat(placements.fired).isEmpty();

    identity.putUser(
        "guest",
        1,
        "guest@elsewhere.net",
        Map.of(TextAttribute.USER_TYPE, "Guest"),
        "guest@contoso.com");
    changed("guest", Kind.UPDATED);

    assertThat(repo.issue("guest")).isEmpty();
    assertThat(companyOf("guest")).isEqualTo(contoso.id());
  }

  @Test
  void anUpdateThatLeavesTheCompanyAsItWasAnnouncesNothing() {
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    changed("ann", Kind.CREATED);
    changed("ann", Kind.UPDATED);

    assertThat(placements.fired).hasSize(1);
    assertThat(repo.members).hasSize(1);
  }

  @Test
  void aUserMovingBetweenCompaniesLeavesTheOneAndJoinsTheOther() {
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    changed("ann", Kind.CREATED);
    identity.putUser("ann", 1, "ann@contoso.com", Map.of());
    changed("ann", Kind.UPDATED);

    assertThat(companyOf("ann")).isEqualTo(contoso.id());
    assertThat(placements.fired.get(1))
        .isEqualTo(new CompanyPlacementChanged("ann", fabrikam.id(), contoso.id(), true));
  }

  @Test
  void aDeletedUserLeavesItsCompanyAndTheIssueList() {
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    changed("ann", Kind.CREATED);

    changed("ann", Kind.DELETED);

    assertThat(repo.members).isEmpty();
    assertThat(placements.fired.get(1))
        .isEqualTo(new CompanyPlacementChanged("ann", fabrikam.id(), null));
  }

  @Test
  void withAGroupNameRuleAMembershipChangePlacesTheMembersItConcerns() {
    rule(10, RuleCondition.groupName("Partner - Fabrikam*"), fabrikam);
    identity.putUser("ann", 1, "ann@example.org", Map.of());
    identity.putGroup("g1", "Partner - Fabrikam EMEA", "ann");

    mapping.onIdentityChange(
        new IdentityChange.MembershipChanged(OKTA, "g1", List.of("ann"), List.of()));

    assertThat(companyOf("ann")).isEqualTo(fabrikam.id());
    assertThat(placements.fired)
        .as("not part of a write of the user: access reconciles on it")
        .containsExactly(new CompanyPlacementChanged("ann", null, fabrikam.id(), false));
  }

  @Test
  void withoutGroupNameRulesMembershipChangesAndRenamesReadNoUser() {
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    identity.putGroup("g1", "Partner - Fabrikam EMEA", "ann");

    mapping.onIdentityChange(
        new IdentityChange.MembershipChanged(OKTA, "g1", List.of("ann"), List.of()));
    mapping.onIdentityChange(
        new IdentityChange.GroupChanged(OKTA, "g1", Kind.UPDATED, "Partner - Fabrikam EMEA"));

    assertThat(identity.factsReads).isZero();
    assertThat(repo.members).isEmpty();
  }

  @Test
  void aRenamedGroupPlacesItsUserMembersAgain() {
    rule(10, RuleCondition.groupName("Partner - Contoso*"), contoso);
    identity.putUser("ann", 1, "ann@example.org", Map.of());
    identity.putGroup("g1", "Partner - Contoso", "ann");

    mapping.onIdentityChange(
        new IdentityChange.GroupChanged(OKTA, "g1", Kind.UPDATED, "Partner - Contoso"));

    assertThat(companyOf("ann")).isEqualTo(contoso.id());
  }

  @Test
  void placeAllCountsTheUsersThatMoved() {
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    identity.putUser("bob", 1, "bob@example.org", Map.of());
    identity.putUser("cid", 1, "cid@contoso.com", Map.of());

    assertThat(mapping.placeAll(List.of("ann", "bob", "cid", "gone"))).isEqualTo(2);
    assertThat(mapping.placeAll(List.of("ann", "bob", "cid"))).as("nothing moves twice").isZero();
  }

  @Test
  void enterpriseAttributesOfTheHeldStateReachTheRules() {
    rule(10, RuleCondition.attribute(RuleAttribute.DEPARTMENT, "Fabrikam Desk"), fabrikam);
    User bob =
        new User(
            1,
            new UserProfile(
                "bob@example.org",
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Enterprise(null, null, null, null, "Fabrikam Desk", null, null),
                null,
                List.of()),
            T0);

    mapping.onIdentityChange(
        new IdentityChange.UserChanged(
            OKTA, bob.id(), Kind.CREATED, Map.of(), new UserSnapshot(bob, List.of(), List.of())));

    assertThat(companyOf(bob.id())).isEqualTo(fabrikam.id());
  }
}
