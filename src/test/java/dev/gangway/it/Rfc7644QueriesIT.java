package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static dev.gangway.it.Api.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.4.2.3 (sorting), §3.4.2.4 (paging), §3.4.2.5 and §3.9 (attributes,
 * excludedAttributes), §3.4.3 (POST .search on a resource type and at the root), one test per
 * statement.
 */
class Rfc7644QueriesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static String userNamed(Api.Directory d, String userName, String family) {
    return scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName
                + "\",\"name\":{\"familyName\":\""
                + family
                + "\"}}")
        .post("/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  @DisplayName(
      "§3.4.2.3 sortBy orders by the attribute, ascending by default, case-insensitively where caseExact is false")
  void sortByAscending() {
    Api.Directory d = Api.newDirectory("generic");
    String b = userNamed(d, "b-" + uniqueUserName(), "x");
    String a = userNamed(d, "A-" + uniqueUserName(), "x");
    String c = userNamed(d, "c-" + uniqueUserName(), "x");
    List<String> ids =
        scim(d)
            .queryParam("sortBy", "userName")
            .get("/Users")
            .then()
            .statusCode(200)
            .extract()
            .path("Resources.id");
    assertThat(ids).containsExactly(a, b, c);
  }

  @Test
  @DisplayName("§3.4.2.3 sortOrder descending reverses the order; sortBy names a sub-attribute")
  void sortByDescendingOnSubAttribute() {
    Api.Directory d = Api.newDirectory("generic");
    String m = userNamed(d, uniqueUserName(), "Miller");
    String a = userNamed(d, uniqueUserName(), "adams");
    String z = userNamed(d, uniqueUserName(), "Zola");
    List<String> ids =
        scim(d)
            .queryParam("sortBy", "name.familyName")
            .queryParam("sortOrder", "descending")
            .get("/Users")
            .then()
            .statusCode(200)
            .extract()
            .path("Resources.id");
    assertThat(ids).containsExactly(z, m, a);
  }

  @Test
  @DisplayName(
      "§3.4.2.4 startIndex is 1-based, count caps the page, totalResults counts every match")
  void paging() {
    Api.Directory d = Api.newDirectory("generic");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) created.add(createUser(d, uniqueUserName()));
    scim(d)
        .queryParam("startIndex", 2)
        .queryParam("count", 2)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(5))
        .body("startIndex", equalTo(2))
        .body("itemsPerPage", equalTo(2))
        .body("Resources.id", equalTo(created.subList(1, 3)));
    scim(d)
        .queryParam("startIndex", 5)
        .queryParam("count", 10)
        .get("/Users")
        .then()
        .body("itemsPerPage", equalTo(1))
        .body("Resources.id", equalTo(created.subList(4, 5)));
    scim(d)
        .queryParam("startIndex", 9)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(5))
        .body("Resources", hasSize(0));
  }

  @Test
  @DisplayName(
      "§3.4.2.4 count=0 returns totalResults only; a negative count counts as 0; startIndex < 1 counts as 1")
  void pagingEdges() {
    Api.Directory d = Api.newDirectory("generic");
    String first = createUser(d, uniqueUserName());
    createUser(d, uniqueUserName());
    scim(d)
        .queryParam("count", 0)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(2))
        .body("itemsPerPage", equalTo(0))
        .body("Resources", hasSize(0));
    scim(d)
        .queryParam("count", -3)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(2))
        .body("Resources", hasSize(0));
    scim(d)
        .queryParam("startIndex", 0)
        .queryParam("count", 1)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("startIndex", equalTo(1))
        .body("Resources[0].id", equalTo(first));
  }

  @Test
  @DisplayName("§3.4.2.4 a page never holds more than filter.maxResults (advertised 200)")
  void maxResultsIsEnforced() {
    Api.Directory d = Api.newDirectory("generic");
    int max = scim(d).get("/ServiceProviderConfig").then().extract().path("filter.maxResults");
    for (int i = 0; i <= max; i++) createUser(d, "bulk" + i + "." + uniqueUserName());
    scim(d)
        .queryParam("count", max + 50)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(max + 1))
        .body("itemsPerPage", equalTo(max))
        .body("Resources", hasSize(max));
  }

  @Test
  @DisplayName(
      "§3.9 attributes on a group read keeps the named attributes (displayName) plus id and schemas")
  void attributesOnAGroup() {
    Api.Directory d = Api.newDirectory("generic");
    String name = uniqueName("Crew");
    String g = createGroup(d, name);
    JsonNode doc =
        read(
            scim(d)
                .queryParam("attributes", "displayName")
                .get("/Groups/" + g)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(doc.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "displayName");
    assertThat(doc.get("displayName").asText()).isEqualTo(name);
  }

  @Test
  @DisplayName("§3.9 excludedAttributes leaves default attributes out but never id")
  void excludedAttributes() {
    Api.Directory d = Api.newDirectory("generic");
    String u = createUser(d, uniqueUserName());
    String g = createGroup(d, uniqueName("Crew"));
    scim(d)
        .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(204);
    scim(d)
        .queryParam("excludedAttributes", "members,id,meta")
        .get("/Groups/" + g)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("members")))
        .body("$", not(hasKey("meta")))
        .body("id", equalTo(g));
    scim(d)
        .queryParam("excludedAttributes", "emails,name.familyName")
        .get("/Users/" + u)
        .then()
        .body("$", not(hasKey("emails")))
        .body("name.givenName", equalTo("Test"))
        .body("name", not(hasKey("familyName")));
  }

  @Test
  @DisplayName(
      "§3.9 sub-attributes and extension attributes are named by path and URN, in lists too")
  void attributesByPathAndUrn() {
    Api.Directory d = Api.newDirectory("generic");
    String u =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + uniqueUserName()
                    + "\",\"name\":{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},"
                    + "\""
                    + ENT
                    + "\":{\"department\":\"Tour\",\"organization\":\"Example\"}}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonNode doc =
        read(scim(d)
                .queryParam("attributes", "name.givenName," + ENT + ":department")
                .queryParam("filter", "id eq \"" + u + "\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .extract()
                .asString())
            .get("Resources")
            .get(0);
    assertThat(doc.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "name", ENT);
    assertThat(doc.get("name").toString()).isEqualTo("{\"givenName\":\"Ann\"}");
    assertThat(doc.get(ENT).toString()).isEqualTo("{\"department\":\"Tour\"}");
  }

  @Test
  @DisplayName("RFC 7643 §7 returned never: a password is never returned, not even when named")
  void passwordIsNeverReturned() {
    Api.Directory d = Api.newDirectory("generic");
    var created =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + uniqueUserName()
                    + "\",\"password\":\"t1meMa$heen\"}")
            .post("/Users")
            .then()
            .statusCode(201)
            .body("$", not(hasKey("password")))
            .extract();
    scim(d)
        .queryParam("attributes", "password,userName")
        .get("/Users/" + created.path("id"))
        .then()
        .statusCode(200)
        .body("$", not(hasKey("password")))
        .body("$", hasKey("userName"));
  }

  @Test
  @DisplayName("answers hold what was stored, no library defaults (primary=false, empty objects)")
  void noInventedValues() {
    Api.Directory d = Api.newDirectory("generic");
    String id =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + uniqueUserName()
                    + "\",\"emails\":[{\"value\":\"a@example.com\"}]}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonNode doc = read(scim(d).get("/Users/" + id).then().statusCode(200).extract().asString());
    assertThat(doc.get("emails").toString()).isEqualTo("[{\"value\":\"a@example.com\"}]");
    assertThat(doc.has("name")).isFalse();
  }

  @Test
  @DisplayName("§3.9 attributes and excludedAttributes apply to POST, PUT and PATCH answers")
  void projectionOnWrites() {
    Api.Directory d = Api.newDirectory("generic");
    JsonNode created =
        read(
            scim(d)
                .queryParam("attributes", "userName")
                .body(Api.user(uniqueUserName()))
                .post("/Users")
                .then()
                .statusCode(201)
                .extract()
                .asString());
    assertThat(created.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "userName");
    String id = created.get("id").asText();
    scim(d)
        .queryParam("excludedAttributes", "emails")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Boss"))
        .body("$", not(hasKey("emails")));
  }

  @Test
  @DisplayName("§3.9 an unknown attribute name is 400; both lists at once is 400")
  void badProjection() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d).queryParam("attributes", "shoeSize").get("/Users").then().statusCode(400);
    scim(d)
        .queryParam("attributes", "userName")
        .queryParam("excludedAttributes", "emails")
        .get("/Users")
        .then()
        .statusCode(400);
  }

  @Test
  @DisplayName(
      "§3.4.3 POST /Users/.search takes filter, paging, sorting and projection in the body")
  void searchUsers() {
    Api.Directory d = Api.newDirectory("generic");
    String b = userNamed(d, "b." + uniqueUserName(), "Search");
    String a = userNamed(d, "a." + uniqueUserName(), "Search");
    userNamed(d, "c." + uniqueUserName(), "Other");
    String body =
        """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
         "filter":"name.familyName eq \\"search\\"","sortBy":"userName","startIndex":1,"count":10,
         "attributes":["userName"]}""";
    JsonNode list =
        read(
            scim(d)
                .body(body)
                .post("/Users/.search")
                .then()
                .statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(2))
                .extract()
                .asString());
    assertThat(list.get("Resources").get(0).get("id").asText()).isEqualTo(a);
    assertThat(list.get("Resources").get(1).get("id").asText()).isEqualTo(b);
    assertThat(list.get("Resources").get(0).fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "userName");
  }

  @Test
  @DisplayName("§3.4.3 POST /Groups/.search, with excludedAttributes in the body")
  void searchGroups() {
    Api.Directory d = Api.newDirectory("generic");
    String name = uniqueName("Searchers");
    String g = createGroup(d, name);
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"displayName eq \\\""
                + name
                + "\\\"\",\"excludedAttributes\":[\"members\",\"meta\"]}")
        .post("/Groups/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(g))
        .body("Resources[0].displayName", equalTo(name))
        .body("Resources[0]", not(hasKey("meta")));
  }

  private static String rootSearch(String fields) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]"
        + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  @Test
  @DisplayName(
      "§3.4.3 POST /.search at the root searches users and groups: users then groups, paged across both, totalResults the sum")
  void rootSearchAcrossTypes() {
    Api.Directory d = Api.newDirectory("generic");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) expected.add(createUser(d, uniqueUserName()));
    for (int i = 0; i < 2; i++) expected.add(createGroup(d, uniqueName("Root")));
    scim(d)
        .body(rootSearch(""))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
        .body("totalResults", equalTo(5))
        .body("Resources.id", equalTo(expected))
        .body(
            "Resources.meta.resourceType",
            equalTo(List.of("User", "User", "User", "Group", "Group")));
    scim(d)
        .body(rootSearch("\"startIndex\":3,\"count\":2"))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(5))
        .body("startIndex", equalTo(3))
        .body("itemsPerPage", equalTo(2))
        .body("Resources.id", equalTo(expected.subList(2, 4)));
    scim(d)
        .body(rootSearch("\"startIndex\":5,\"count\":10"))
        .post("/.search")
        .then()
        .body("Resources.id", equalTo(expected.subList(4, 5)));
    scim(d)
        .body(rootSearch("\"count\":0"))
        .post("/.search")
        .then()
        .body("totalResults", equalTo(5))
        .body("Resources", hasSize(0));
  }

  @Test
  @DisplayName(
      "§3.4.3 a filter on an attribute only groups have (members) matches groups only; one only users have, users only")
  void rootSearchFilterOnOneTypesAttribute() {
    Api.Directory d = Api.newDirectory("generic");
    String u = createUser(d, uniqueUserName());
    String g = createGroup(d, uniqueName("Members"));
    createGroup(d, uniqueName("Empty"));
    scim(d)
        .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(204);
    scim(d)
        .body(rootSearch("\"filter\":\"members pr\""))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources.id", equalTo(List.of(g)));
    scim(d)
        .body(rootSearch("\"filter\":\"userName pr or members.value eq \\\"" + u + "\\\"\""))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(2))
        .body("Resources.id", equalTo(List.of(u, g)));
    scim(d)
        .body(rootSearch("\"filter\":\"not (members pr)\""))
        .post("/.search")
        .then()
        .body("totalResults", equalTo(2))
        .body("Resources[0].id", equalTo(u));
  }

  @Test
  @DisplayName(
      "§3.4.3 an attribute common to both types (displayName) filters both; one no type has is 400 invalidFilter")
  void rootSearchCommonAndUnknownAttributes() {
    Api.Directory d = Api.newDirectory("generic");
    String marker = "Shared " + uniqueName("Name");
    String u =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + uniqueUserName()
                    + "\",\"displayName\":\""
                    + marker
                    + " person\"}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String g = createGroup(d, marker + " group");
    createGroup(d, uniqueName("Other"));
    scim(d)
        .body(rootSearch("\"filter\":\"displayName sw \\\"" + marker + "\\\"\""))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(2))
        .body("Resources.id", equalTo(List.of(u, g)));
    scim(d)
        .body(rootSearch("\"filter\":\"shoeSize eq 42\""))
        .post("/.search")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"));
    scim(d)
        .body(rootSearch("\"filter\":\"userName sw\""))
        .post("/.search")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"));
  }

  @Test
  @DisplayName(
      "§3.4.3 attributes and excludedAttributes in a root search apply to each type as on its own endpoint")
  void rootSearchProjection() {
    Api.Directory d = Api.newDirectory("generic");
    createUser(d, uniqueUserName());
    createGroup(d, uniqueName("Projected"));
    JsonNode list =
        read(
            scim(d)
                .body(rootSearch("\"attributes\":[\"userName\",\"displayName\"]"))
                .post("/.search")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(list.get("Resources").get(0).fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "userName", "displayName");
    assertThat(list.get("Resources").get(1).fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("schemas", "id", "displayName");
    scim(d)
        .body(rootSearch("\"excludedAttributes\":[\"meta\",\"members\"]"))
        .post("/.search")
        .then()
        .statusCode(200)
        .body("Resources[0]", not(hasKey("meta")))
        .body("Resources[1]", not(hasKey("meta")))
        .body("Resources[1]", not(hasKey("members")))
        .body("Resources[0]", hasKey("userName"));
    scim(d)
        .body(rootSearch("\"attributes\":[\"shoeSize\"]"))
        .post("/.search")
        .then()
        .statusCode(400);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
