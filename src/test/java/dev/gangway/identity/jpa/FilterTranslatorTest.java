package dev.gangway.identity.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.identity.jpa.FilterTranslator.Where;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import java.time.Instant;
import java.util.Map;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.junit.jupiter.api.Test;

class FilterTranslatorTest {

  private static Where users(String filter) {
    return FilterTranslator.translate(AttributeMap.USERS, "u", parse(filter));
  }

  private static Where groups(String filter) {
    return FilterTranslator.translate(AttributeMap.GROUPS, "g", parse(filter));
  }

  private static FilterExpression parse(String filter) {
    try {
      return new Filter(filter).getExpression();
    } catch (FilterParseException e) {
      throw new AssertionError("test filter does not parse: " + filter, e);
    }
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }

  @Test
  void userNameEqualityComparesTheFoldedKeyColumnWithTheLowerCasedValue() {
    Where w = users("userName eq \"Bob\"");

    assertThat(w.jpql()).isEqualTo("u.userName.folded = :p1");
    assertThat(w.params()).containsExactlyEntriesOf(Map.of("p1", "bob"));
  }

  @Test
  void userNameWithTheCoreSchemaUrnIsTheSameAttribute() {
    Where w = users("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"Bob\"");

    assertThat(w.jpql()).isEqualTo("u.userName.folded = :p1");
    assertThat(w.params()).containsValue("bob");
  }

  @Test
  void emailValueEqualityIsAnExistsSubqueryOnTheTextKeyOfEmailRows() {
    Where w = users("emails.value eq \"X@y\"");

    assertThat(w.jpql())
        .startsWith("exists (select ")
        .contains("from UserValue ")
        .contains(".userId = u.id")
        .containsPattern("\\.attribute = :p\\d+")
        .containsPattern("\\.textKey = :p\\d+")
        .endsWith(")");
    assertThat(w.params()).containsValues("emails", "x@y").hasSize(2);
  }

  @Test
  void valueFilterWithTwoConditionsIsOneExistsSubqueryHoldingBoth() {
    Where w = users("emails[type eq \"work\" and value co \"@x\"]");

    assertThat(occurrences(w.jpql(), "exists (")).isEqualTo(1);
    assertThat(w.jpql())
        .startsWith("exists (select ")
        .contains("from UserValue ")
        .containsPattern("lower\\(r\\d+\\.type\\) = :p\\d+")
        .containsPattern("lower\\(r\\d+\\.text\\) like :p\\d+ escape '\\\\'")
        .contains(" and ");
    assertThat(w.params()).containsValues("emails", "work", "%@x%").hasSize(3);
  }

  @Test
  void containsEscapesLikeWildcardsInTheValue() {
    Where w = users("title co \"50%_off\"");

    assertThat(w.jpql()).isEqualTo("(u.title is not null and lower(u.title) like :p1 escape '\\')");
    assertThat(w.params()).containsEntry("p1", "%50\\%\\_off%");
  }

  @Test
  void startsWithOnUserNameUsesTheKeyColumnAndEscapesWildcards() {
    Where w = users("userName sw \"B_b\"");

    assertThat(w.jpql()).contains("u.userName.folded like :p1 escape '\\'");
    assertThat(w.params()).containsEntry("p1", "b\\_b%");
  }

  @Test
  void escapeLikeEscapesTheEscapeCharacterFirst() {
    assertThat(FilterTranslator.escapeLike("a\\%_b")).isEqualTo("a\\\\\\%\\_b");
  }

  @Test
  void activeEqualityBindsABoolean() {
    Where w = users("active eq true");

    assertThat(w.jpql()).isEqualTo("u.active = :p1");
    assertThat(w.params().get("p1")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void lastModifiedComparisonBindsAnInstant() {
    Where w = users("meta.lastModified gt \"2011-05-13T04:42:34Z\"");

    assertThat(w.jpql()).isEqualTo("(u.modifiedAt is not null and u.modifiedAt > :p1)");
    assertThat(w.params().get("p1")).isEqualTo(Instant.parse("2011-05-13T04:42:34Z"));
  }

  @Test
  void dateTimeWithoutAnOffsetIsTakenAsUtc() {
    Where w = users("meta.created ge \"2011-05-13T04:42:34\"");

    assertThat(w.params().get("p1")).isEqualTo(Instant.parse("2011-05-13T04:42:34Z"));
  }

  @Test
  void dateTimeThatIsNotOneIsAnInvalidFilter() {
    assertThatThrownBy(() -> users("meta.lastModified gt \"yesterday\""))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }

  @Test
  void negatedComparisonIsNullSafeSoItAlsoMatchesUsersWithoutTheAttribute() {
    Where w = users("not (title eq \"x\")");

    assertThat(w.jpql()).isEqualTo("(not (u.title is not null and lower(u.title) = :p1))");
  }

  @Test
  void notEqualMatchesAbsentValues() {
    Where w = users("title ne \"x\"");

    assertThat(w.jpql()).isEqualTo("(u.title is null or lower(u.title) <> :p1)");
  }

  @Test
  void presenceOfTextRequiresANonEmptyValue() {
    assertThat(users("title pr").jpql()).isEqualTo("(u.title is not null and u.title <> '')");
  }

  @Test
  void groupMembersEqualityIsAnExistsSubqueryOnMembershipMemberId() {
    Where w = groups("members eq \"u1\"");

    assertThat(w.jpql())
        .startsWith("exists (select ")
        .contains("from Membership ")
        .containsPattern("r\\d+\\.groupId = g\\.id")
        .containsPattern("r\\d+\\.memberId = :p\\d+");
    assertThat(w.params()).containsValue("u1").hasSize(1);
  }

  @Test
  void groupDisplayNameEqualityComparesItsKeyColumn() {
    Where w = groups("displayName eq \"Ops\"");

    assertThat(w.jpql()).isEqualTo("g.displayNameKey = :p1");
    assertThat(w.params()).containsEntry("p1", "ops");
  }

  @Test
  void userGroupsEqualityIsAnExistsSubqueryOnMembershipsOfTheUser() {
    Where w = users("groups eq \"g1\"");

    assertThat(w.jpql())
        .contains("from Membership ")
        .containsPattern("r\\d+\\.memberId = u\\.id")
        .containsPattern("r\\d+\\.groupId = :p\\d+");
  }

  @Test
  void enterpriseDepartmentMapsToTheEnterpriseColumn() {
    Where w =
        users("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"x\"");

    assertThat(w.jpql())
        .isEqualTo(
            "(u.enterprise.department is not null and lower(u.enterprise.department) = :p1)");
    assertThat(w.params()).containsEntry("p1", "x");
  }

  @Test
  void entraCoreLookingManagerMapsToTheManagerId() {
    Where w = users("manager eq \"m1\"");

    assertThat(w.jpql()).contains("u.enterprise.managerId = :p1");
    assertThat(w.params()).containsEntry("p1", "m1");
  }

  @Test
  void logicalOperatorsAreParenthesised() {
    Where w = users("userName eq \"a\" or active eq false");

    assertThat(w.jpql()).isEqualTo("(u.userName.folded = :p1 or u.active = :p2)");
    assertThat(w.params()).containsEntry("p1", "a").containsEntry("p2", Boolean.FALSE);
  }

  @Test
  void unknownAttributeIsAnInvalidFilter() {
    assertThatThrownBy(() -> users("foo eq \"x\""))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }

  @Test
  void unknownGroupAttributeIsAnInvalidFilter() {
    assertThatThrownBy(() -> groups("userName eq \"x\""))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }

  @Test
  void orderingABooleanIsAnInvalidFilter() {
    assertThatThrownBy(() -> users("active gt true"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }

  @Test
  void comparingABooleanWithTextIsAnInvalidFilter() {
    assertThatThrownBy(() -> users("active eq \"maybe\""))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }

  @Test
  void valueFilterOnASingleValuedAttributeIsAnInvalidFilter() {
    assertThatThrownBy(() -> users("title[value eq \"x\"]"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER));
  }
}
