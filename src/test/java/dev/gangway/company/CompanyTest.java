package dev.gangway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CompanyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T10:00:00Z");

  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).kind())
        .isEqualTo(DomainException.Kind.INVALID);
  }

  @Test
  void domainsAreLowerCasedAndALeadingAtIsDropped() {
    Company c =
        new Company(
            "fabrikam",
            " Fabrikam Ltd ",
            List.of("Fabrikam.COM", "@fabrikam-eu.example", " @Mail.Fabrikam.com "),
            T0);
    assertThat(c.domains())
        .containsExactlyInAnyOrder("fabrikam.com", "fabrikam-eu.example", "mail.fabrikam.com");
    assertThat(c.name()).isEqualTo("Fabrikam Ltd");
    assertThat(c.active()).isTrue();
    assertThat(c.status()).isEqualTo(Company.Status.ACTIVE);
    assertThat(c.createdAt()).isEqualTo(T0);
  }

  @Test
  void domainsDifferingOnlyInCaseOrAtAreOneDomain() {
    Company c =
        new Company(
            "fabrikam", "Fabrikam", List.of("fabrikam.com", "FABRIKAM.com", "@fabrikam.com"), T0);
    assertThat(c.domains()).containsExactly("fabrikam.com");
  }

  @Test
  void settingDomainsReplacesThem() {
    Company c = new Company("fabrikam", "Fabrikam", List.of("fabrikam.com"), T0);
    c.setDomains(List.of("fabrikam.example"));
    assertThat(c.domains()).containsExactly("fabrikam.example");
    c.setDomains(null);
    assertThat(c.domains()).isEmpty();
  }

  @Test
  void invalidDomainsAreRefused() {
    for (String bad :
        Arrays.asList(
            null,
            "",
            " ",
            "@",
            "fabrikam",
            "fabrikam.",
            ".fabrikam.com",
            "-fabrikam.com",
            "fabrikam-.com",
            "fab rikam.com",
            "ann@fabrikam.com",
            "fabrikam.c",
            "fabrikam.123",
            "fabrikam_eu.com",
            "*.fabrikam.com",
            "a".repeat(64) + ".com")) {
      assertInvalid(() -> Company.normalizeDomain(bad));
    }
    assertThat(Company.normalizeDomain("a".repeat(63) + ".com")).hasSize(67);
  }

  @Test
  void anInvalidDomainRefusesTheWholeChangeAndKeepsTheOldDomains() {
    Company c = new Company("fabrikam", "Fabrikam", List.of("fabrikam.com"), T0);
    assertInvalid(() -> c.setDomains(List.of("fabrikam.example", "not a domain")));
    assertThat(c.domains()).containsExactly("fabrikam.com");
    assertInvalid(() -> new Company("contoso", "Contoso", List.of("contoso"), T0));
  }

  @Test
  void invalidKeysAreRefused() {
    for (String bad :
        Arrays.asList(
            null,
            "",
            "Fabrikam",
            "-fabrikam",
            ".fabrikam",
            "_fabrikam",
            "fab rikam",
            "fabrikam!",
            "a".repeat(65))) {
      assertInvalid(() -> new Company(bad, "Fabrikam", List.of(), T0));
    }
    assertThat(new Company("a".repeat(64), "A", List.of(), T0).key()).hasSize(64);
    assertThat(new Company("fab_rikam.eu-1", "A", List.of(), T0).key()).isEqualTo("fab_rikam.eu-1");
  }

  @Test
  void aNameIsRequiredAndBounded() {
    assertInvalid(() -> new Company("fabrikam", " ", List.of(), T0));
    assertInvalid(() -> new Company("fabrikam", null, List.of(), T0));
    assertInvalid(() -> new Company("fabrikam", "x".repeat(256), List.of(), T0));
  }

  @Test
  void retiringClearsTheDomainsAndRecordsWhen() {
    Company c = new Company("fabrikam", "Fabrikam", List.of("fabrikam.com"), T0);
    assertThat(c.retiredAt()).isNull();
    c.retire(T1);
    assertThat(c.status()).isEqualTo(Company.Status.RETIRED);
    assertThat(c.active()).isFalse();
    assertThat(c.domains()).isEmpty();
    assertThat(c.retiredAt()).isEqualTo(T1);
    c.retire(T2);
    assertThat(c.retiredAt()).as("stays the moment it was first retired").isEqualTo(T1);
  }

  @Test
  void ruleAttributesAreFoundByCanonicalPathInAnyCase() {
    assertThat(
            RuleAttribute.of(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization"))
        .isEqualTo(RuleAttribute.ORGANIZATION);
    assertThat(
            RuleAttribute.of(
                "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:COSTCENTER"))
        .isEqualTo(RuleAttribute.COST_CENTER);
    assertThat(
            RuleAttribute.of("urn:gangway:params:scim:schemas:extension:external:1.0:User:company"))
        .isEqualTo(RuleAttribute.COMPANY);
    for (RuleAttribute a : RuleAttribute.values())
      assertThat(RuleAttribute.of(a.canonical())).isEqualTo(a);
  }

  @Test
  void ruleAttributesAreFoundByShortNameInAnyCase() {
    assertThat(RuleAttribute.of("organization")).isEqualTo(RuleAttribute.ORGANIZATION);
    assertThat(RuleAttribute.of("Organization")).isEqualTo(RuleAttribute.ORGANIZATION);
    assertThat(RuleAttribute.of(" USERTYPE ")).isEqualTo(RuleAttribute.USER_TYPE);
    assertThat(RuleAttribute.of("costcenter")).isEqualTo(RuleAttribute.COST_CENTER);
    assertThat(RuleAttribute.of("displayName")).isEqualTo(RuleAttribute.DISPLAY_NAME);
    assertThat(RuleAttribute.of("Company")).isEqualTo(RuleAttribute.COMPANY);
    assertThat(RuleAttribute.of("division")).isEqualTo(RuleAttribute.DIVISION);
    assertThat(RuleAttribute.of("department")).isEqualTo(RuleAttribute.DEPARTMENT);
    assertThat(RuleAttribute.of("title")).isEqualTo(RuleAttribute.TITLE);
  }

  @Test
  void unknownRuleAttributesAreRefused() {
    for (String bad :
        Arrays.asList(
            null,
            "",
            "manager",
            "emails",
            "name.familyName",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            "urn:gangway:params:scim:schemas:extension:external:1.0:User:organization")) {
      assertInvalid(() -> RuleAttribute.of(bad));
    }
  }

  @Test
  void aRuleKeepsItsConditionAndRefusesAPriorityOutOfRange() {
    RuleCondition byOrg = RuleCondition.attribute(RuleAttribute.ORGANIZATION, "Fabrikam");
    assertThat(new MappingRule(byOrg, 10, 3, T0).condition()).isEqualTo(byOrg);
    RuleCondition byGroup = RuleCondition.groupName("Partner - *");
    assertThat(new MappingRule(byGroup, 0, 3, T0).condition()).isEqualTo(byGroup);
    assertInvalid(() -> new MappingRule(byOrg, -1, 3, T0));
    assertInvalid(() -> new MappingRule(byOrg, 1_000_001, 3, T0));
  }

  @Test
  void aRuleConditionNeedsABoundedValue() {
    assertInvalid(() -> RuleCondition.attribute(RuleAttribute.ORGANIZATION, " "));
    assertInvalid(() -> RuleCondition.groupName(null));
    assertInvalid(() -> RuleCondition.groupName("x".repeat(256)));
  }
}
