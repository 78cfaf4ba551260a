package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.4.2.2 (filtering), one test per statement, against one directory of five users made
 * for this class. Every filter is answered by SQL; the tests only see HTTP.
 */
class Rfc7644FiltersIT {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String GW = "urn:gangway:params:scim:schemas:extension:external:1.0:User";
  private static Api.Directory d;
  private static String tag;
  private static String alice;
  private static String bob;
  private static String carol;
  private static String dave;
  private static String erin;

  @BeforeAll
  static void directory() {
    d = Api.newDirectory("generic");
    tag = UUID.randomUUID().toString().substring(0, 6);
    alice =
        user(
            "Alice",
            "Adams",
            "ext-A",
            "Engineer",
            true,
            "alice@corp.example",
            "work",
            "Tour",
            "Fabrikam",
            "1_%");
    bob = user("Bob", "Brown", "ext-B", null, false, "bob@x.example", "home", "Sales", null, null);
    carol =
        user(
            "Carol",
            "Clark",
            "ext-C",
            "Manager",
            true,
            "carol@x.example",
            "work",
            "Tour",
            "Contoso",
            null);
    dave =
        user(
            "Dave",
            "Davis",
            "EXT-D",
            "engineer",
            true,
            "dave@corp.example",
            "other",
            null,
            null,
            null);
    erin =
        user(
            "erin", "Evans", null, null, true, "erin@x.example", "work", "Sales", "fabrikam", null);
  }

  private static String user(
      String given,
      String family,
      String externalId,
      String title,
      boolean active,
      String email,
      String emailType,
      String department,
      String company,
      String nick) {
    StringBuilder b =
        new StringBuilder(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + given
                + "."
                + tag
                + "\",\"active\":"
                + active
                + ",\"name\":{\"givenName\":\""
                + given
                + "\",\"familyName\":\""
                + family
                + "\"}"
                + ",\"emails\":[{\"value\":\""
                + email
                + "\",\"type\":\""
                + emailType
                + "\"}]");
    if (externalId != null) b.append(",\"externalId\":\"").append(externalId).append('"');
    if (title != null) b.append(",\"title\":\"").append(title).append('"');
    if (nick != null) b.append(",\"nickName\":\"").append(nick).append('"');
    if (department != null)
      b.append(",\"").append(ENT).append("\":{\"department\":\"").append(department).append("\"}");
    if (company != null)
      b.append(",\"").append(GW).append("\":{\"company\":\"").append(company).append("\"}");
    return scim(d)
        .body(b.append('}').toString())
        .post("/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static List<String> ids(String filter) {
    return scim(d)
        .queryParam("filter", filter)
        .get("/Users")
        .then()
        .statusCode(200)
        .extract()
        .path("Resources.id");
  }

  private static void invalid(String filter) {
    scim(d)
        .queryParam("filter", filter)
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"))
        .body("status", equalTo("400"));
  }

  @Test
  @DisplayName("eq: equal; userName (caseExact false) ignores case")
  void eqIgnoresCaseWhereCaseExactIsFalse() {
    assertThat(ids("userName eq \"ALICE." + tag.toUpperCase() + "\"")).containsExactly(alice);
  }

  @Test
  @DisplayName("eq: externalId (caseExact true) compares case")
  void eqComparesCaseWhereCaseExactIsTrue() {
    assertThat(ids("externalId eq \"ext-D\"")).isEmpty();
    assertThat(ids("externalId eq \"EXT-D\"")).containsExactly(dave);
  }

  @Test
  @DisplayName("ne: not equal, also matching resources without the attribute")
  void ne() {
    assertThat(ids("title ne \"engineer\"")).containsExactlyInAnyOrder(bob, carol, erin);
  }

  @Test
  @DisplayName("co: contains")
  void co() {
    assertThat(ids("emails.value co \"@CORP.\"")).containsExactlyInAnyOrder(alice, dave);
  }

  @Test
  @DisplayName("sw: starts with")
  void sw() {
    assertThat(ids("name.familyName sw \"d\"")).containsExactly(dave);
  }

  @Test
  @DisplayName("ew: ends with")
  void ew() {
    assertThat(ids("userName ew \"n." + tag + "\"")).containsExactly(erin);
  }

  @Test
  @DisplayName("co/sw/ew treat % and _ as plain characters")
  void likeWildcardsAreLiteral() {
    assertThat(ids("nickName co \"_%\"")).containsExactly(alice);
    assertThat(ids("nickName co \"%\" and nickName sw \"2\"")).isEmpty();
  }

  @Test
  @DisplayName("pr: has a non-empty value")
  void pr() {
    assertThat(ids("title pr")).containsExactlyInAnyOrder(alice, carol, dave);
    assertThat(ids("externalId pr")).containsExactlyInAnyOrder(alice, bob, carol, dave);
  }

  @Test
  @DisplayName("gt ge lt le on strings: lexical order, case-insensitive where caseExact is false")
  void orderedStrings() {
    assertThat(ids("name.givenName gt \"carol\"")).containsExactlyInAnyOrder(dave, erin);
    assertThat(ids("name.givenName ge \"carol\"")).containsExactlyInAnyOrder(carol, dave, erin);
    assertThat(ids("name.givenName lt \"Bob\"")).containsExactly(alice);
    assertThat(ids("name.givenName le \"Bob\"")).containsExactlyInAnyOrder(alice, bob);
  }

  @Test
  @DisplayName("gt ge lt le on dateTime: compared as instants, whatever the offset written")
  void datesAreInstants() {
    String created = scim(d).get("/Users/" + carol).then().extract().path("meta.created");
    Instant c = Instant.parse(created);
    String sameInstantElsewhere = c.atOffset(ZoneOffset.ofHours(2)).toString();
    assertThat(
            ids(
                "meta.created ge \""
                    + sameInstantElsewhere
                    + "\" and meta.created le \""
                    + created
                    + "\""))
        .containsExactly(carol);
    assertThat(ids("meta.created gt \"" + sameInstantElsewhere + "\""))
        .containsExactlyInAnyOrder(dave, erin);
    assertThat(ids("meta.created lt \"" + created + "\"")).containsExactlyInAnyOrder(alice, bob);
    invalid("meta.created gt \"yesterday\"");
  }

  @Test
  @DisplayName("booleans compare as booleans")
  void booleans() {
    assertThat(ids("active eq false")).containsExactly(bob);
    assertThat(ids("active ne true")).containsExactly(bob);
  }

  @Test
  @DisplayName("and, or, not, parentheses; and binds tighter than or")
  void logicAndPrecedence() {
    String t = "\"Tour\"";
    String dept = ENT + ":department eq " + t;
    assertThat(ids("title eq \"manager\" or " + dept + " and active eq false"))
        .containsExactly(carol);
    assertThat(ids("(title eq \"manager\" or " + dept + ") and name.givenName eq \"alice\""))
        .containsExactly(alice);
    assertThat(ids("not (" + dept + ") and active eq true")).containsExactlyInAnyOrder(dave, erin);
    assertThat(ids("active eq true and not (title pr)")).containsExactly(erin);
  }

  @Test
  @DisplayName("a complex attribute filter: emails[type eq \"work\" and value co \"@x\"]")
  void valuePathFilter() {
    assertThat(ids("emails[type eq \"work\" and value co \"@x\"]"))
        .containsExactlyInAnyOrder(carol, erin);
    assertThat(ids("emails[type eq \"home\" or type eq \"other\"]"))
        .containsExactlyInAnyOrder(bob, dave);
    assertThat(ids("emails[not (type eq \"work\")] and active eq true")).containsExactly(dave);
  }

  @Test
  @DisplayName("attribute names are case-insensitive")
  void attributeNamesIgnoreCase() {
    assertThat(ids("NAME.GIVENNAME eq \"Alice\" and EMAILS[TYPE eq \"work\"]"))
        .containsExactly(alice);
  }

  @Test
  @DisplayName("the core schema URN may prefix an attribute")
  void coreUrnPrefix() {
    assertThat(ids("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bob." + tag + "\""))
        .containsExactly(bob);
  }

  @Test
  @DisplayName("enterprise and Gangway extension attributes by full URN path")
  void extensionAttributes() {
    assertThat(ids(ENT + ":department eq \"sales\"")).containsExactlyInAnyOrder(bob, erin);
    assertThat(ids(GW + ":company eq \"FABRIKAM\"")).containsExactlyInAnyOrder(alice, erin);
    assertThat(ids(GW + ":company pr and " + ENT + ":department eq \"Tour\""))
        .containsExactlyInAnyOrder(alice, carol);
  }

  @Test
  @DisplayName("a filter on groups: displayName and members")
  void groupFilters() {
    String name = uniqueName("Guides");
    String group = createGroup(d, name);
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + carol + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .queryParam(
            "filter",
            "displayName eq \"" + name.toLowerCase() + "\" and members eq \"" + carol + "\"")
        .get("/Groups")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(group));
    scim(d)
        .queryParam("filter", "members[value eq \"" + alice + "\"]")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(0));
    assertThat(ids("groups eq \"" + group + "\"")).containsExactly(carol);
  }

  @Test
  @DisplayName(
      "invalid filters are 400 invalidFilter: syntax, unknown attribute, unknown operator, bad operand")
  void invalidFilters() {
    invalid("userName eq");
    invalid("userName eq \"a\" and");
    invalid("(userName eq \"a\"");
    invalid("shoeSize eq \"42\"");
    invalid("userName like \"a\"");
    invalid("active gt true");
    invalid("emails[type eq \"work\"");
    invalid(ENT + ":shoeSize eq \"42\"");
    invalid("addresses.value eq \"x\""); // an address has no value
  }

  @Test
  @DisplayName("complex sub-attributes: the parts of an address filter like any other attribute")
  void addressPartsAreFilterable() {
    Api.Directory d = Api.newDirectory("generic");
    String city = "Zürich-" + UUID.randomUUID().toString().substring(0, 6);
    String id =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"addr-"
                    + UUID.randomUUID()
                    + "@example.com\",\"addresses\":["
                    + "{\"type\":\"work\",\"locality\":\""
                    + city
                    + "\",\"country\":\"CH\",\"postalCode\":\"8001\"},"
                    + "{\"type\":\"home\",\"locality\":\"Basel\",\"country\":\"CH\"}]}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Function<String, List<String>> find =
        filter ->
            scim(d)
                .queryParam("filter", filter)
                .get("/Users")
                .then()
                .statusCode(200)
                .extract()
                .path("Resources.id");
    assertThat(find.apply("addresses.locality eq \"" + city.toUpperCase() + "\""))
        .containsExactly(id);
    assertThat(find.apply("addresses[type eq \"work\" and locality eq \"" + city + "\"]"))
        .containsExactly(id);
    assertThat(find.apply("addresses[type eq \"home\" and locality eq \"" + city + "\"]"))
        .isNullOrEmpty();
    assertThat(
            find.apply(
                "addresses[locality sw \""
                    + city.substring(0, 7)
                    + "\" and postalCode eq \"8001\"]"))
        .containsExactly(id);
  }
}
