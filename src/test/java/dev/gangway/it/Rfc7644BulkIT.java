package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static dev.gangway.it.Api.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.7 (bulk), one test per statement Gangway implements. */
class Rfc7644BulkIT {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static String op(int i) {
    return postUser("u" + i, uniqueUserName());
  }

  private static String postUser(String bulkId, String userName) {
    return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\""
        + bulkId
        + "\",\"data\":{\"schemas\":[\""
        + USER
        + "\"],"
        + "\"userName\":\""
        + userName
        + "\"}}";
  }

  private static String postGroup(String bulkId, String displayName, String... memberValues) {
    StringBuilder members = new StringBuilder();
    for (String m : memberValues)
      members
          .append(members.length() == 0 ? "" : ",")
          .append("{\"value\":\"")
          .append(m)
          .append("\"}");
    return "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\""
        + bulkId
        + "\",\"data\":{\"schemas\":[\""
        + GROUP
        + "\"],"
        + "\"displayName\":\""
        + displayName
        + "\",\"members\":["
        + members
        + "]}}";
  }

  private static String bulk(int operations) {
    StringBuilder b =
        new StringBuilder(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[");
    for (int i = 0; i < operations; i++) b.append(i == 0 ? "" : ",").append(op(i));
    return b.append("]}").toString();
  }

  private static String bulk(String... operations) {
    return bulk(null, operations);
  }

  private static String bulk(Integer failOnErrors, String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
        + (failOnErrors == null ? "" : "\"failOnErrors\":" + failOnErrors + ",")
        + "\"Operations\":["
        + String.join(",", operations)
        + "]}";
  }

  private static JsonPath post(Api.Directory d, String body) {
    return scim(d)
        .body(body)
        .post("/Bulk")
        .then()
        .statusCode(200)
        .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse"))
        .extract()
        .jsonPath();
  }

  @Test
  @DisplayName("§3.7 POST /Bulk runs each operation and reports its status")
  void bulkCreates() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .body(bulk(2))
        .post("/Bulk")
        .then()
        .statusCode(200)
        .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse"))
        .body("Operations[0].status", equalTo("201"))
        .body("Operations[1].status", equalTo("201"));
    scim(d).get("/Users").then().body("totalResults", equalTo(2));
  }

  @Test
  @DisplayName(
      "§3.7.3 a POST's result has its bulkId, the new resource's location and version, status \"201\"")
  void postResultCarriesBulkIdLocationAndVersion() {
    Api.Directory d = Api.newDirectory("generic");
    JsonPath r = post(d, bulk(postUser("qwerty", uniqueUserName())));
    assertThat(r.getString("Operations[0].bulkId")).isEqualTo("qwerty");
    assertThat(r.getString("Operations[0].method")).isEqualTo("POST");
    String location = r.getString("Operations[0].location");
    assertThat(location).contains("/scim/v2/Users/");
    String id = location.substring(location.lastIndexOf('/') + 1);
    String etag = scim(d).get("/Users/" + id).then().statusCode(200).extract().header("ETag");
    assertThat(r.getString("Operations[0].version")).isEqualTo(etag);
  }

  @Test
  @DisplayName("§3.7.2 a group's members may be bulkIds of users created in the same request")
  void groupWithMembersCreatedInTheSameRequest() {
    Api.Directory d = Api.newDirectory("generic");
    String name = uniqueName("Tour Guides");
    JsonPath r =
        post(
            d,
            bulk(
                postUser("alice", uniqueUserName()),
                postUser("bob", uniqueUserName()),
                postGroup("guides", name, "bulkId:alice", "bulkId:bob")));
    assertThat(r.getList("Operations.status")).containsExactly("201", "201", "201");
    String alice = idOf(r.getString("Operations[0].location"));
    String bob = idOf(r.getString("Operations[1].location"));
    String group = idOf(r.getString("Operations[2].location"));
    List<String> members =
        scim(d)
            .get("/Groups/" + group)
            .then()
            .statusCode(200)
            .body("displayName", equalTo(name))
            .extract()
            .path("members.value");
    assertThat(members).containsExactlyInAnyOrder(alice, bob);
  }

  @Test
  @DisplayName(
      "§3.7.2 a bulkId may be referenced before the POST that defines it: that POST runs first")
  void forwardReferenceRunsTheReferencedPostFirst() {
    Api.Directory d = Api.newDirectory("generic");
    JsonPath r =
        post(
            d,
            bulk(postGroup("g", uniqueName("Early")), postUser("late", uniqueUserName()))
                .replace("\"members\":[]", "\"members\":[{\"value\":\"bulkId:late\"}]"));
    assertThat(r.getList("Operations.status")).containsExactly("201", "201");
    String user = idOf(r.getString("Operations[1].location"));
    scim(d)
        .get(r.getString("Operations[0].location").replaceFirst(".*/scim/v2", ""))
        .then()
        .body("members.value", equalTo(List.of(user)));
  }

  @Test
  @DisplayName(
      "§3.7.2 bulkId references resolve in a later operation's path (PUT, PATCH, DELETE of a new resource)")
  void bulkIdInPath() {
    Api.Directory d = Api.newDirectory("generic");
    String userName = uniqueUserName();
    JsonPath r =
        post(
            d,
            bulk(
                postUser("u", userName),
                "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:u\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Captain\"}]}}"));
    assertThat(r.getList("Operations.status")).containsExactly("201", "200");
    assertThat(r.getString("Operations[1].location"))
        .isEqualTo(r.getString("Operations[0].location"));
    scim(d)
        .get("/Users/" + idOf(r.getString("Operations[0].location")))
        .then()
        .body("title", equalTo("Captain"));
  }

  @Test
  @DisplayName(
      "§3.7.1 circular bulkId references fail with 409; an unresolvable one fails with 409")
  void circularAndUnresolvableReferences() {
    Api.Directory d = Api.newDirectory("generic");
    String a = uniqueName("Circle A");
    JsonPath r =
        post(
            d,
            bulk(
                postGroup("a", a, "bulkId:b"),
                postGroup("b", uniqueName("Circle B"), "bulkId:a"),
                postGroup("c", uniqueName("Dangling"), "bulkId:nowhere")));
    assertThat(r.getList("Operations.status")).containsExactly("409", "409", "409");
    assertThat(r.getString("Operations[2].response.detail")).contains("bulkId:nowhere");
    assertThat(r.getString("Operations[0].response.schemas[0]"))
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    scim(d).get("/Groups").then().body("totalResults", equalTo(0));
  }

  @Test
  @DisplayName(
      "§3.7.3 without failOnErrors every operation runs; each failure has a status string and an error body")
  void failuresAreReportedPerOperation() {
    Api.Directory d = Api.newDirectory("generic");
    String taken = uniqueUserName();
    createUser(d, taken);
    JsonPath r =
        post(
            d,
            bulk(
                postUser("dup", taken),
                "{\"method\":\"PUT\",\"path\":\"/Users/no-such-id\",\"data\":{\"schemas\":[\""
                    + USER
                    + "\"],\"userName\":\"x@example.com\"}}",
                postUser("ok", uniqueUserName())));
    assertThat(r.getList("Operations.status")).containsExactly("409", "404", "201");
    assertThat(r.getString("Operations[0].response.scimType")).isEqualTo("uniqueness");
    assertThat(r.getString("Operations[0].response.status")).isEqualTo("409");
    assertThat(r.getString("Operations[0].location")).isNull();
    assertThat(r.getString("Operations[1].response.status")).isEqualTo("404");
    assertThat(r.getString("Operations[1].location")).endsWith("/Users/no-such-id");
  }

  @Test
  @DisplayName("§3.7.3 failOnErrors: processing stops once that many operations have failed")
  void failOnErrorsStops() {
    Api.Directory d = Api.newDirectory("generic");
    String taken = uniqueUserName();
    createUser(d, taken);
    JsonPath r =
        post(
            d,
            bulk(
                1,
                postUser("first", uniqueUserName()),
                postUser("dup", taken),
                postUser("never", uniqueUserName())));
    assertThat(r.getList("Operations.status")).containsExactly("201", "409");
    scim(d).get("/Users").then().body("totalResults", equalTo(2));
    JsonPath two =
        post(
            d,
            bulk(2, postUser("x", taken), postUser("y", taken), postUser("z", uniqueUserName())));
    assertThat(two.getList("Operations.status")).containsExactly("409", "409");
  }

  @Test
  @DisplayName(
      "§3.7 each operation is atomic on its own: a failed operation leaves the earlier ones applied, and applies nothing itself")
  void eachOperationIsItsOwnTransaction() {
    Api.Directory d = Api.newDirectory("generic");
    String user = createUser(d, uniqueUserName());
    String name = uniqueName("Half");
    JsonPath r =
        post(
            d,
            bulk(postUser("kept", uniqueUserName()), postGroup("g", name, user, "no-such-member")));
    assertThat(r.getList("Operations.status")).element(0).isEqualTo("201");
    assertThat(r.getString("Operations[1].status")).startsWith("4");
    scim(d).get("/Users").then().body("totalResults", equalTo(2));
    scim(d)
        .queryParam("filter", "displayName eq \"" + name + "\"")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(0));
  }

  @Test
  @DisplayName("§3.7 PATCH in a bulk request adds members and honours version (If-Match)")
  void patchInBulk() {
    Api.Directory d = Api.newDirectory("generic");
    String user = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Patched"));
    String patch =
        "{\"method\":\"PATCH\",\"path\":\"/Groups/"
            + group
            + "\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
            + user
            + "\"}]}]}}";
    JsonPath r = post(d, bulk(patch));
    assertThat(r.getString("Operations[0].status")).isEqualTo("200");
    assertThat(r.getString("Operations[0].version")).startsWith("W/");
    scim(d).get("/Groups/" + group).then().body("members.value", equalTo(List.of(user)));
    JsonPath stale =
        post(
            d,
            bulk(
                patch.replace(
                    "\"method\":\"PATCH\",", "\"method\":\"PATCH\",\"version\":\"W/\\\"0\\\"\",")));
    assertThat(stale.getString("Operations[0].status")).isEqualTo("412");
  }

  @Test
  @DisplayName(
      "§3.7 PUT and DELETE in a bulk request: 200 with the new version, 204 with the location")
  void putAndDeleteInBulk() {
    Api.Directory d = Api.newDirectory("generic");
    String user = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Doomed"));
    String newName = uniqueUserName();
    JsonPath r =
        post(
            d,
            bulk(
                "{\"method\":\"PUT\",\"path\":\"/Users/"
                    + user
                    + "\",\"data\":{\"schemas\":[\""
                    + USER
                    + "\"],\"userName\":\""
                    + newName
                    + "\"}}",
                "{\"method\":\"DELETE\",\"path\":\"/Groups/" + group + "\"}"));
    assertThat(r.getList("Operations.status")).containsExactly("200", "204");
    assertThat(r.getString("Operations[1].location")).endsWith("/Groups/" + group);
    assertThat(r.getString("Operations[1].method")).isEqualTo("DELETE");
    scim(d).get("/Users/" + user).then().body("userName", equalTo(newName));
    scim(d).get("/Groups/" + group).then().statusCode(404);
  }

  @Test
  @DisplayName("§3.7 an operation with a bad method or path fails alone, with 400")
  void malformedOperations() {
    Api.Directory d = Api.newDirectory("generic");
    JsonPath r =
        post(
            d,
            bulk(
                "{\"method\":\"GET\",\"path\":\"/Users\"}",
                "{\"method\":\"POST\",\"path\":\"/Printers\",\"bulkId\":\"p\",\"data\":{}}",
                "{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{\"userName\":\""
                    + uniqueUserName()
                    + "\"}}",
                "{\"method\":\"DELETE\",\"path\":\"/Users\"}"));
    assertThat(r.getList("Operations.status")).containsExactly("400", "400", "400", "400");
    assertThat(r.getString("Operations[1].response.scimType")).isEqualTo("invalidPath");
    scim(d)
        .body("{\"Operations\":\"none\"}")
        .post("/Bulk")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"));
  }

  @Test
  @DisplayName("§3.7.4 more operations than maxOperations is 413, and nothing runs")
  void tooManyOperations() {
    Api.Directory d = Api.newDirectory("generic");
    int max = scim(d).get("/ServiceProviderConfig").then().extract().path("bulk.maxOperations");
    scim(d).body(bulk(max + 1)).post("/Bulk").then().statusCode(413).body("status", equalTo("413"));
    scim(d).get("/Users").then().body("totalResults", equalTo(0));
  }

  @Test
  @DisplayName("§3.7.4 a payload over maxPayloadSize is 413")
  void payloadTooLarge() {
    Api.Directory d = Api.newDirectory("generic");
    int max = scim(d).get("/ServiceProviderConfig").then().extract().path("bulk.maxPayloadSize");
    String padding = "x".repeat(max);
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"POST\","
                + "\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\""
                + padding
                + "\"}}]}")
        .post("/Bulk")
        .then()
        .statusCode(413);
    scim(d).get("/Users").then().body("totalResults", equalTo(0));
  }

  @Test
  @DisplayName("§4 ServiceProviderConfig advertises bulk as supported, with its limits")
  void bulkIsAdvertised() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .get("/ServiceProviderConfig")
        .then()
        .body("bulk.supported", equalTo(true))
        .body("bulk.maxOperations", equalTo(1000))
        .body("bulk.maxPayloadSize", equalTo(1_048_576));
  }

  private static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  @DisplayName(
      "§3.7 operations committed together: one failing among them applies nothing, the others stay applied")
  void aFailureAmongOperationsThatShareACommitLeavesTheOthersApplied() {
    Api.Directory d = Api.newDirectory("generic");
    String taken = uniqueUserName();
    String[] names = {
      taken, uniqueUserName(), taken.toUpperCase(Locale.ROOT), uniqueUserName(), uniqueUserName()
    };
    String[] ops = new String[names.length];
    for (int i = 0; i < names.length; i++) ops[i] = postUser("b" + i, names[i]);
    JsonPath r = post(d, bulk(ops));
    assertThat(r.getList("Operations.status")).containsExactly("201", "201", "409", "201", "201");
    assertThat(r.getString("Operations[2].response.scimType")).isEqualTo("uniqueness");
    List<String> stored =
        scim(d).get("/Users").then().statusCode(200).extract().path("Resources.userName");
    assertThat(stored).containsExactlyInAnyOrder(names[0], names[1], names[3], names[4]);
    for (int i : new int[] {0, 1, 3, 4}) {
      String location = r.getString("Operations[" + i + "].location");
      scim(d)
          .get("/Users/" + location.substring(location.lastIndexOf('/') + 1))
          .then()
          .statusCode(200)
          .body("userName", equalTo(names[i]));
    }
  }

  @Test
  @DisplayName(
      "§3.7.3 failOnErrors stops after the failure even when the operations before it share a commit")
  void failOnErrorsStopsInsideABatch() {
    Api.Directory d = Api.newDirectory("generic");
    String taken = uniqueUserName();
    String[] names = {taken, uniqueUserName(), taken, uniqueUserName()};
    String[] ops = new String[names.length];
    for (int i = 0; i < names.length; i++) ops[i] = postUser("f" + i, names[i]);
    JsonPath r = post(d, bulk(1, ops));
    assertThat(r.getList("Operations.status")).containsExactly("201", "201", "409");
    List<String> stored =
        scim(d).get("/Users").then().statusCode(200).extract().path("Resources.userName");
    assertThat(stored).containsExactlyInAnyOrder(names[0], names[1]);
  }
}
