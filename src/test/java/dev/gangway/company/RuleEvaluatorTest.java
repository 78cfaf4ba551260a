package dev.gangway.company;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.company.RuleEvaluator.Placement;
import dev.gangway.company.RuleEvaluator.Rule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

  /** A user as the mapping sees it; built up fluently per test. */
  private static final class Facts {
    private String userName = "ann@corp.example";
    private final Map<RuleAttribute, String> attributes = new EnumMap<>(RuleAttribute.class);
    private Set<String> domains = Set.of();
    private List<String> groups = List.of();

    Facts userName(String v) {
      userName = v;
      return this;
    }

    Facts with(RuleAttribute a, String v) {
      attributes.put(a, v);
      return this;
    }

    Facts domains(String... v) {
      domains = Set.of(v);
      return this;
    }

    Facts groups(String... v) {
      groups = List.of(v);
      return this;
    }

    UserFacts build() {
      return new UserFacts("u-1", 1, userName, true, attributes, domains, groups);
    }
  }

  private static Facts user() {
    return new Facts();
  }

  private static Rule orgRule(long id, int priority, String org, String company) {
    return new Rule(
        id, priority, RuleCondition.attribute(RuleAttribute.ORGANIZATION, org), company);
  }

  private static Rule groupRule(long id, int priority, String pattern, String company) {
    return new Rule(id, priority, RuleCondition.groupName(pattern), company);
  }

  private static Placement place(Facts user, List<Rule> rules) {
    return RuleEvaluator.place(user.build(), rules, Map.of());
  }

  // --- explicit rules -------------------------------------------------------------------------

  @Test
  void theLowestPriorityNumberDecides() {
    Facts ann = user().with(RuleAttribute.ORGANIZATION, "Fabrikam").groups("Partner - Contoso");
    Placement p =
        place(
            ann,
            List.of(
                groupRule(1, 20, "Partner - *", "contoso"),
                orgRule(2, 10, "Fabrikam", "fabrikam")));
    assertThat(p.companyKey()).isEqualTo("fabrikam");
    assertThat(p.issue()).isNull();
  }

  @Test
  void lowerPriorityMatchesDoNotConflictWithTheDecidingOne() {
    Facts ann =
        user().with(RuleAttribute.ORGANIZATION, "Fabrikam").with(RuleAttribute.DEPARTMENT, "Sales");
    Placement p =
        place(
            ann,
            List.of(
                orgRule(1, 5, "Fabrikam", "fabrikam"),
                new Rule(
                    2, 6, RuleCondition.attribute(RuleAttribute.DEPARTMENT, "Sales"), "contoso")));
    assertThat(p.companyKey()).isEqualTo("fabrikam");
    assertThat(p.issue()).isNull();
  }

  @Test
  void samePriorityMatchesNamingDifferentCompaniesAreAConflictAndPlaceNobody() {
    Facts ann =
        user()
            .with(RuleAttribute.ORGANIZATION, "Fabrikam")
            .groups("Partner - Contoso")
            .domains("fabrikam.example");
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(
                orgRule(7, 10, "Fabrikam", "fabrikam"),
                groupRule(8, 10, "Partner - Contoso", "contoso"),
                orgRule(9, 1, "Nope", "other")),
            Map.of("fabrikam.example", "fabrikam"));
    assertThat(p.issue()).isEqualTo(Placement.Issue.CONFLICT);
    assertThat(p.companyKey()).as("never a guess, not even by domain").isNull();
    assertThat(p.reason()).isNull();
    assertThat(p.issueDetail()).contains("priority 10", "rule 7", "fabrikam", "rule 8", "contoso");
  }

  @Test
  void samePriorityMatchesNamingTheSameCompanyPlaceTheUser() {
    Facts ann = user().with(RuleAttribute.ORGANIZATION, "Fabrikam").groups("Partner - Fabrikam EU");
    Placement p =
        place(
            ann,
            List.of(
                orgRule(3, 10, "Fabrikam", "fabrikam"),
                groupRule(4, 10, "Partner - Fabrikam*", "fabrikam")));
    assertThat(p.companyKey()).isEqualTo("fabrikam");
    assertThat(p.issue()).isNull();
  }

  @Test
  void explicitRulesBeatEmailDomains() {
    Facts ann = user().with(RuleAttribute.ORGANIZATION, "Fabrikam").domains("contoso.example");
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(orgRule(1, 10, "Fabrikam", "fabrikam")),
            Map.of("contoso.example", "contoso"));
    assertThat(p.companyKey()).isEqualTo("fabrikam");
    assertThat(p.reason()).startsWith("rule 1");
  }

  // --- domains --------------------------------------------------------------------------------

  @Test
  void theUserNameDomainPlacesByDomainWhenNoRuleMatches() {
    String userName = "ann@Contoso.Example";
    Facts ann = user().userName(userName).domains(UserFacts.domainOf(userName));
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(orgRule(1, 10, "Fabrikam", "fabrikam")),
            Map.of("contoso.example", "contoso"));
    assertThat(p.companyKey()).isEqualTo("contoso");
    assertThat(p.reason()).isEqualTo("email domain contoso.example");
  }

  @Test
  void anyOneOfTheEmailDomainsPlacesByDomain() {
    Facts ann = user().userName("ann").domains("gmail.example", "contoso.example", "other.example");
    Placement p = RuleEvaluator.place(ann.build(), List.of(), Map.of("contoso.example", "contoso"));
    assertThat(p.companyKey()).isEqualTo("contoso");
    assertThat(p.issue()).isNull();
  }

  @Test
  void severalDomainsOfTheSameCompanyPlaceTheUserAndAreAllNamed() {
    Facts ann = user().domains("contoso.example", "contoso-eu.example");
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(),
            Map.of("contoso.example", "contoso", "contoso-eu.example", "contoso"));
    assertThat(p.companyKey()).isEqualTo("contoso");
    assertThat(p.reason()).contains("contoso.example", "contoso-eu.example");
  }

  @Test
  void domainsOfTwoCompaniesAreAConflict() {
    Facts ann = user().domains("contoso.example", "fabrikam.example");
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(),
            Map.of("contoso.example", "contoso", "fabrikam.example", "fabrikam"));
    assertThat(p.issue()).isEqualTo(Placement.Issue.CONFLICT);
    assertThat(p.companyKey()).isNull();
    assertThat(p.issueDetail())
        .contains("contoso.example → contoso", "fabrikam.example → fabrikam");
  }

  // --- nothing matches ------------------------------------------------------------------------

  @Test
  void aGuestUserTypeInAnyCaseWithNoMatchIsUnmatched() {
    for (String type : List.of("Guest", "guest", "GUEST", " Guest ")) {
      Placement p = place(user().with(RuleAttribute.USER_TYPE, type), List.of());
      assertThat(p.issue()).as(type).isEqualTo(Placement.Issue.UNMATCHED);
      assertThat(p.companyKey()).isNull();
      assertThat(p.issueDetail()).isNotBlank();
    }
  }

  @Test
  void anEntraB2bUserNameWithNoMatchIsUnmatched() {
    Placement p =
        place(user().userName("ann_contoso.example#EXT#@tenant.onmicrosoft.com"), List.of());
    assertThat(p.issue()).isEqualTo(Placement.Issue.UNMATCHED);
    Placement lower =
        place(user().userName("ann_contoso.example#ext#@tenant.onmicrosoft.com"), List.of());
    assertThat(lower.issue()).isEqualTo(Placement.Issue.UNMATCHED);
  }

  @Test
  void anOrganizationOrCompanyAttributeWithNoMatchIsUnmatched() {
    assertThat(place(user().with(RuleAttribute.ORGANIZATION, "Fabrikam"), List.of()).issue())
        .isEqualTo(Placement.Issue.UNMATCHED);
    assertThat(place(user().with(RuleAttribute.COMPANY, "Fabrikam"), List.of()).issue())
        .isEqualTo(Placement.Issue.UNMATCHED);
  }

  @Test
  void aPlainEmployeeWithNoMatchHasNoCompanyAndNoIssue() {
    Facts ann =
        user()
            .with(RuleAttribute.USER_TYPE, "Member")
            .with(RuleAttribute.ORGANIZATION, " ")
            .with(RuleAttribute.DEPARTMENT, "Sales")
            .domains("corp.example")
            .groups("Everyone");
    Placement p =
        RuleEvaluator.place(
            ann.build(),
            List.of(orgRule(1, 10, "Fabrikam", "fabrikam")),
            Map.of("contoso.example", "contoso"));
    assertThat(p.companyKey()).isNull();
    assertThat(p.issue()).isNull();
    assertThat(p.reason()).isNull();
    assertThat(p.issueDetail()).isNull();
  }

  // --- conditions -----------------------------------------------------------------------------

  @Test
  void attributeEqualityIgnoresCaseAndSurroundingSpaces() {
    RuleCondition c = RuleCondition.attribute(RuleAttribute.ORGANIZATION, " Fabrikam Ltd ");
    assertThat(c.matches(user().with(RuleAttribute.ORGANIZATION, "fabrikam ltd").build())).isTrue();
    assertThat(c.matches(user().with(RuleAttribute.ORGANIZATION, "  FABRIKAM LTD\t").build()))
        .isTrue();
    assertThat(c.matches(user().with(RuleAttribute.ORGANIZATION, "Fabrikam").build())).isFalse();
    assertThat(c.matches(user().with(RuleAttribute.ORGANIZATION, "Fabrikam  Ltd").build()))
        .as("inner spaces count")
        .isFalse();
    assertThat(c.matches(user().build())).as("attribute absent").isFalse();
    assertThat(c.matches(user().with(RuleAttribute.DIVISION, "Fabrikam Ltd").build()))
        .as("another attribute")
        .isFalse();
  }

  @Test
  void aGroupNamePatternWithAStarMatchesIgnoringCase() {
    RuleCondition c = RuleCondition.groupName("Partner - Fabrikam*");
    assertThat(c.matchesGroupName("Partner - Fabrikam")).isTrue();
    assertThat(c.matchesGroupName("partner - FABRIKAM EU")).isTrue();
    assertThat(c.matchesGroupName("Partner - Contoso")).isFalse();
    assertThat(c.matches(user().groups("Everyone", "PARTNER - fabrikam admins").build())).isTrue();
    assertThat(c.matches(user().groups("Everyone").build())).isFalse();
  }

  @Test
  void aGroupNamePatternMatchesTheWholeNameNotSomethingInTheMiddle() {
    RuleCondition exact = RuleCondition.groupName("Fabrikam");
    assertThat(exact.matchesGroupName("fabrikam")).isTrue();
    assertThat(exact.matchesGroupName("Partner - Fabrikam - EU")).isFalse();
    assertThat(exact.matchesGroupName("Fabrikam EU")).isFalse();
    assertThat(exact.matchesGroupName("Partner Fabrikam")).isFalse();

    RuleCondition anywhere = RuleCondition.groupName("*Fabrikam*");
    assertThat(anywhere.matchesGroupName("Partner - Fabrikam - EU")).isTrue();
  }

  @Test
  void aGroupNamePatternTreatsRegexCharactersLiterally() {
    RuleCondition c = RuleCondition.groupName("Partner (EU) .+*");
    assertThat(c.matchesGroupName("partner (eu) .+ admins")).isTrue();
    assertThat(c.matchesGroupName("Partner EU xx")).isFalse();
  }

  // --- reasons --------------------------------------------------------------------------------

  @Test
  void theReasonNamesTheRuleIdAndItsCondition() {
    Placement byAttribute =
        place(
            user().with(RuleAttribute.ORGANIZATION, "fabrikam"),
            List.of(orgRule(42, 10, "Fabrikam", "fabrikam")));
    assertThat(byAttribute.reason())
        .isEqualTo(
            "rule 42: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization equals 'Fabrikam'");

    Placement byGroup =
        place(
            user().groups("Partner - Contoso"),
            List.of(groupRule(43, 10, "Partner - *", "contoso")));
    assertThat(byGroup.reason()).isEqualTo("rule 43: member of a group named like 'Partner - *'");
  }

  @Test
  void theReasonNamesTheDomain() {
    Placement p =
        RuleEvaluator.place(
            user().domains("contoso.example").build(),
            List.of(),
            Map.of("contoso.example", "contoso"));
    assertThat(p.reason()).contains("contoso.example");
  }
}
