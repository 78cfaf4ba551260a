package dev.gangway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.audit.InMemoryAudit;
import dev.gangway.identity.InMemoryIdentityQueries;
import dev.gangway.identity.TextAttribute;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompanyAdministrationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final InMemoryIdentityQueries identity = new InMemoryIdentityQueries();
  private final InMemoryCompanyRepository repo = new InMemoryCompanyRepository(identity);
  private final RecordingEvent<CompanyPlacementChanged> placements = new RecordingEvent<>();
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final CompanyMapping mapping = new CompanyMapping(repo, identity, placements, clock);
  private final InMemoryAudit audit = new InMemoryAudit(clock);
  private CompanyAdministration companies;

  @BeforeEach
  void setUp() {
    // a sync limit of 2000: all of a test's users are placed in the admin's own transaction
    Reevaluations reevaluations =
        new Reevaluations(repo, mapping, new ChangeCause(), clock, new RecordingEvent<>(), 2000);
    companies =
        new CompanyAdministration(repo, identity, mapping, reevaluations, clock, audit.log());
    identity.putUser("ann", 1, "ann@fabrikam.com", Map.of());
    identity.putUser(
        "bob",
        1,
        "bob@example.org",
        Map.of(TextAttribute.ORGANIZATION, "Fabrikam Partners"),
        "bob@fabrikam.com");
    identity.putUser("cid", 1, "cid@contoso.com", Map.of());
    identity.putUser(
        "dan", 2, "dan@fabrikam.net", Map.of(TextAttribute.ORGANIZATION, "Fabrikam Partners"));
  }

  private static DomainException.Kind kindOf(Throwable e) {
    return ((DomainException) e).kind();
  }

  private Long companyOf(String userId) {
    return repo.member(userId).map(CompanyMember::companyId).orElse(null);
  }

  private List<String> actions() {
    return audit.entries().stream().map(InMemoryAudit.Entry::action).toList();
  }

  @Test
  void aNewCompanyTakesInTheUsersOfItsDomainsAndSaysHowThatWent() {
    var created = companies.create("fabrikam", "Fabrikam", List.of("Fabrikam.com"));

    CompanySummary c = created.subject();
    assertThat(c.key()).isEqualTo("fabrikam");
    assertThat(c.domains()).containsExactly("fabrikam.com");
    assertThat(c.status()).isEqualTo(Company.Status.ACTIVE);
    assertThat(c.memberCount()).isEqualTo(2);
    assertThat(created.reevaluation().status()).isEqualTo(Reevaluation.Status.DONE);
    assertThat(created.reevaluation().total()).isEqualTo(2);
    assertThat(created.reevaluation().moved()).isEqualTo(2);
    assertThat(companyOf("ann")).isEqualTo(c.id());
    assertThat(companyOf("bob")).isEqualTo(c.id());
    assertThat(companyOf("cid")).isNull();
    assertThat(actions()).containsExactly("company.created");
  }

  @Test
  void aTakenKeyOrADomainOfAnotherCompanyIsAConflictAndSavesNothing() {
    companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com"));

    assertThatThrownBy(() -> companies.create("fabrikam", "Other", List.of("other.com")))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThatThrownBy(
            () ->
                companies.create(
                    "northwind", "Northwind", List.of("northwind.com", "fabrikam.com")))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(repo.companies).hasSize(1);
    assertThat(actions()).containsExactly("company.created");
  }

  @Test
  void changingDomainsPlacesAgainOnlyTheUsersOfTheDomainsThatCameOrWent() {
    CompanySummary c = companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com")).subject();

    var changed = companies.update("fabrikam", "Fabrikam Ltd", List.of("fabrikam.net"));

    assertThat(changed.subject().name()).isEqualTo("Fabrikam Ltd");
    assertThat(changed.reevaluation().total())
        .as("ann, bob (fabrikam.com) and dan (fabrikam.net)")
        .isEqualTo(3);
    assertThat(companyOf("ann")).isNull();
    assertThat(companyOf("bob")).isNull();
    assertThat(companyOf("dan")).isEqualTo(c.id());
    assertThat(changed.subject().memberCount()).isEqualTo(1);
  }

  @Test
  void aRenameAloneStartsNoReevaluation() {
    companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com"));

    var changed = companies.update("fabrikam", "Fabrikam Ltd", null);

    assertThat(changed.reevaluation()).isNull();
    assertThat(changed.subject().domains()).containsExactly("fabrikam.com");
    assertThat(actions()).containsExactly("company.created", "company.updated");
  }

  @Test
  void aRetiredCompanyLosesItsMembersAndTakesNoRules() {
    companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com"));

    var retired = companies.retire("fabrikam");

    assertThat(retired.subject().status()).isEqualTo(Company.Status.RETIRED);
    assertThat(retired.subject().memberCount()).isZero();
    assertThat(retired.reevaluation().moved()).isEqualTo(2);
    assertThat(repo.members).isEmpty();
    assertThatThrownBy(
            () -> companies.addRule(10, RuleCondition.groupName("Fabrikam*"), "fabrikam"))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.CONFLICT));
    assertThatThrownBy(() -> companies.update("fabrikam", "New", null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.CONFLICT));
  }

  @Test
  void aNewRulePlacesTheUsersItsConditionMatchesAndIsShownWithItsCompanyKey() {
    long contoso = companies.create("contoso", "Contoso", List.of("contoso.com")).subject().id();

    var added =
        companies.addRule(
            10,
            RuleCondition.attribute(RuleAttribute.ORGANIZATION, "fabrikam partners"),
            "contoso");

    assertThat(added.subject().company()).isEqualTo("contoso");
    assertThat(added.subject().priority()).isEqualTo(10);
    assertThat(added.reevaluation().total()).as("bob and dan match").isEqualTo(2);
    assertThat(companyOf("bob")).isEqualTo(contoso);
    assertThat(companyOf("dan")).isEqualTo(contoso);
    assertThat(companies.rules()).extracting(RuleSummary::company).containsExactly("contoso");
    assertThat(companies.rule(added.subject().id()).condition())
        .isEqualTo(added.subject().condition());
  }

  @Test
  void deletingARulePlacesItsUsersAgainWithoutIt() {
    companies.create("contoso", "Contoso", List.of("contoso.com"));
    long rule =
        companies
            .addRule(
                10,
                RuleCondition.attribute(RuleAttribute.ORGANIZATION, "Fabrikam Partners"),
                "contoso")
            .subject()
            .id();

    var deleted = companies.deleteRule(rule);

    assertThat(deleted.subject().company()).isEqualTo("contoso");
    assertThat(repo.rules).isEmpty();
    assertThat(companyOf("bob")).isNull();
    assertThat(companyOf("dan")).isNull();
    assertThatThrownBy(() -> companies.deleteRule(rule))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
  }

  @Test
  void movingARuleToWhereItIsChangesNothing() {
    companies.create("contoso", "Contoso", List.of("contoso.com"));
    long rule =
        companies.addRule(10, RuleCondition.groupName("Contoso*"), "contoso").subject().id();

    var same = companies.reprioritize(rule, 10);
    var moved = companies.reprioritize(rule, 5);

    assertThat(same.reevaluation()).isNull();
    assertThat(moved.subject().priority()).isEqualTo(5);
    assertThat(moved.reevaluation()).isNotNull();
    assertThat(actions())
        .containsExactly("company.created", "mapping_rule.added", "mapping_rule.reprioritized");
  }

  @Test
  void aPreviewTellsWhoWouldMoveAndSavesNothing() {
    companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com"));
    companies.create("contoso", "Contoso", List.of("contoso.com"));
    int audited = audit.entries().size();

    var preview =
        companies.preview(
            10,
            RuleCondition.attribute(RuleAttribute.ORGANIZATION, "Fabrikam Partners"),
            "contoso");

    assertThat(preview.total()).isEqualTo(2);
    assertThat(preview.moves())
        .extracting(CompanyAdministration.Move::userId)
        .containsExactlyInAnyOrder("bob", "dan");
    CompanyAdministration.Move bob =
        preview.moves().stream().filter(m -> m.userId().equals("bob")).findFirst().orElseThrow();
    assertThat(bob.from()).isEqualTo("fabrikam");
    assertThat(bob.to()).isEqualTo("contoso");
    assertThat(bob.reason()).startsWith("the new rule");
    assertThat(repo.rules).isEmpty();
    assertThat(companyOf("bob")).isEqualTo(repo.companyId("fabrikam").orElseThrow());
    assertThat(audit.entries()).hasSize(audited);
  }

  @Test
  void issuesAreListedByKind() {
    identity.putUser("guest", 1, "guest@elsewhere.net", Map.of(TextAttribute.USER_TYPE, "Guest"));
    mapping.place("guest");

    var all = companies.issues(null, 0, 10);
    var conflicts = companies.issues(RuleEvaluator.Placement.Issue.CONFLICT, 0, 10);

    assertThat(all.total()).isEqualTo(1);
    assertThat(all.items()).extracting(IssueSummary::userId).containsExactly("guest");
    assertThat(all.items().get(0).kind()).isEqualTo(RuleEvaluator.Placement.Issue.UNMATCHED);
    assertThat(conflicts.total()).isZero();
  }

  @Test
  void theListCountsEachCompanysMembers() {
    companies.create("fabrikam", "Fabrikam", List.of("fabrikam.com"));
    companies.create("contoso", "Contoso", List.of("contoso.com"));

    assertThat(companies.list())
        .extracting(CompanySummary::key, CompanySummary::memberCount)
        .containsExactly(Tuple.tuple("contoso", 1L), Tuple.tuple("fabrikam", 2L));
    assertThat(companies.members("fabrikam", 0, 10))
        .extracting(CompanyRepository.MemberRow::userName)
        .containsExactlyInAnyOrder("ann@fabrikam.com", "bob@example.org");
    assertThatThrownBy(() -> companies.get("nope"))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
  }
}
