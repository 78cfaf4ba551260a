package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The heart of Gangway, end to end over HTTP: an IdP provisions over SCIM, an admin sets up
 * companies, rules, projects and bindings, and effective access follows the IdP.
 */
class AccessFlowIT {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String project() {
    String key = unique("SUP");
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Support\"}")
        .post("/projects")
        .then()
        .statusCode(201)
        .body(
            "roles.name",
            containsInAnyOrder("administrators", "agents", "customers", "collaborators"));
    return key;
  }

  private static String company(String domain) {
    String key = unique("acme");
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Acme\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201)
        .body("key", equalTo(key));
    return key;
  }

  private static long bind(String project, String role, String subjectField, String subject) {
    return admin()
        .body("{\"role\":\"" + role + "\",\"" + subjectField + "\":\"" + subject + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static JsonPath access(String userId) {
    return admin().get("/users/" + userId + "/access").then().statusCode(200).extract().jsonPath();
  }

  private static List<String> rolesIn(String userId, String project) {
    return access(userId).getList("entries.find { it.project == '" + project + "' }.roles.role");
  }

  @Test
  void aCompanyCustomerGetsAccessByEmailDomainAndLosesItWhenDeactivated() {
    Api.Directory d = Api.newDirectory("okta");
    String domain = unique("acme") + ".example";
    String acme = company(domain);
    String sup = project();
    bind(sup, "customers", "company", acme);

    String alice = createUser(d, "alice@" + domain);
    JsonPath granted = access(alice);
    assertThat(granted.getString("entries[0].project")).isEqualTo(sup);
    assertThat(granted.getString("entries[0].roles[0].role")).isEqualTo("customers");
    assertThat(granted.getString("entries[0].roles[0].via[0].type")).isEqualTo("company");
    assertThat(granted.getString("entries[0].roles[0].via[0].name")).isEqualTo(acme);
    String next =
        admin()
            .queryParam("limit", 1)
            .get("/projects/" + sup + "/access")
            .then()
            .statusCode(200)
            .body("total", equalTo(1))
            .extract()
            .path("next");
    admin()
        .queryParam("after", next)
        .get("/projects/" + sup + "/access")
        .then()
        .statusCode(200)
        .body("entries", hasSize(0))
        .body("next", equalTo(null));
    admin()
        .get("/projects/" + sup + "/access")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("entries[0].userName", equalTo("alice@" + domain))
        .body("entries[0].roles[0].via[0].since", startsWith("20"));
    admin()
        .get("/companies/" + acme)
        .then()
        .body("memberCount", equalTo(1))
        .body("members[0].reason", containsString(domain));

    scim(d)
        .body(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
        .patch("/Users/" + alice)
        .then()
        .statusCode(200);
    assertThat(access(alice).getList("entries")).isEmpty();
    admin().get("/projects/" + sup + "/access").then().body("total", equalTo(0));
    admin()
        .queryParam("user", alice)
        .get("/access-events")
        .then()
        .statusCode(200)
        .body("kind", Matchers.contains("granted", "revoked"))
        .body("[0].cause", startsWith("POST /scim/v2/Users by directory"))
        .body("[1].cause", startsWith("PATCH /scim/v2/Users/" + alice))
        .body("[1].via", equalTo(acme))
        .body("[1].role", equalTo("customers"));

    scim(d)
        .body(patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"))
        .patch("/Users/" + alice)
        .then()
        .statusCode(200);
    assertThat(rolesIn(alice, sup)).containsExactly("customers");
    scim(d).delete("/Users/" + alice).then().statusCode(204);
    admin().get("/projects/" + sup + "/access").then().body("total", equalTo(0));
    admin().get("/companies/" + acme).then().body("memberCount", equalTo(0));
  }

  @Test
  void changingACompanysDomainsMovesItsUsersAndRetiringItRevokesTheirAccess() {
    Api.Directory d = Api.newDirectory("okta");
    String first = unique("first") + ".example";
    String second = unique("second") + ".example";
    String key = company(first);
    String sup = project();
    bind(sup, "customers", "company", key);
    String user = createUser(d, "pat@" + second);
    assertThat(access(user).getList("entries")).isEmpty();
    Instant before = Instant.now();

    admin()
        .body("{\"name\":\"Acme Renamed\",\"domains\":[\"" + first + "\",\"" + second + "\"]}")
        .patch("/companies/" + key)
        .then()
        .statusCode(200)
        .body("name", equalTo("Acme Renamed"))
        .body("reevaluation.moved", equalTo(1))
        .body("memberCount", equalTo(1));
    assertThat(rolesIn(user, sup)).containsExactly("customers");

    admin()
        .post("/companies/" + key + "/retire")
        .then()
        .statusCode(200)
        .body("status", equalTo("retired"))
        .body("memberCount", equalTo(0))
        .body("domains", hasSize(0));
    assertThat(access(user).getList("entries")).isEmpty();
    admin().body("{\"name\":\"again\"}").patch("/companies/" + key).then().statusCode(409);
    admin()
        .queryParam("targetType", "company")
        .queryParam("targetId", key)
        .queryParam("from", before.toString())
        .queryParam("to", Instant.now().plusSeconds(1).toString())
        .get("/audit")
        .then()
        .statusCode(200)
        .body("action", Matchers.contains("company.updated", "company.retired"));
  }

  @Test
  void aGroupBindingFollowsMembershipAndAGroupsDeletion() {
    Api.Directory d = Api.newDirectory("entra");
    String sup = project();
    String group = createGroup(d, Api.uniqueName("Support Agents"));
    long binding = bind(sup, "collaborators", "group", group);
    String bob = createUser(d, Api.uniqueUserName());
    String carol = createUser(d, Api.uniqueUserName());
    assertThat(access(bob).getList("entries")).isEmpty();

    scim(d)
        .body(
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + bob
                    + "\"},{\"value\":\""
                    + carol
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    assertThat(rolesIn(bob, sup)).containsExactly("collaborators");
    admin().get("/projects/" + sup + "/bindings/" + binding).then().body("granted", equalTo(2));

    scim(d)
        .body(
            patch(
                "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    assertThat(access(bob).getList("entries")).isEmpty();
    assertThat(rolesIn(carol, sup)).as("only bob's path goes").containsExactly("collaborators");

    scim(d).delete("/Groups/" + group).then().statusCode(204);
    assertThat(access(carol).getList("entries")).isEmpty();
    admin()
        .get("/projects/" + sup + "/bindings")
        .then()
        .body("id", Matchers.not(hasItem((int) binding)));
    admin()
        .queryParam("user", carol)
        .get("/access-events")
        .then()
        .body("[1].kind", equalTo("revoked"))
        .body("[1].cause", startsWith("DELETE /scim/v2/Groups/" + group));
  }

  @Test
  void aRoleHeldThroughTwoPathsSurvivesLosingOne() {
    Api.Directory d = Api.newDirectory("okta");
    String domain = unique("two") + ".example";
    String acme = company(domain);
    String sup = project();
    String group = createGroup(d, Api.uniqueName("Acme Admins"));
    bind(sup, "customers", "company", acme);
    long viaGroup = bind(sup, "customers", "group", group);
    String dora = createUser(d, "dora@" + domain);
    scim(d)
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + dora + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    assertThat(access(dora).getList("entries[0].roles[0].via.type"))
        .containsExactlyInAnyOrder("company", "group");

    admin().delete("/projects/" + sup + "/bindings/" + viaGroup).then().statusCode(204);
    assertThat(access(dora).getList("entries[0].roles[0].via.type")).containsExactly("company");
    admin()
        .queryParam("user", dora)
        .get("/access-events")
        .then()
        .body(
            "findAll { it.kind == 'revoked' }.cause",
            hasItem(startsWith("DELETE /admin/api/projects/" + sup + "/bindings/")));
  }

  @Test
  void anAttributeRulePlacesEntraGuestsAndItsPreviewShowsWhoWouldMove() {
    Api.Directory d = Api.newDirectory("entra");
    String organization = "Fabrikam Partners " + UUID.randomUUID();
    String fabrikam = unique("fabrikam");
    admin()
        .body("{\"key\":\"" + fabrikam + "\",\"name\":\"Fabrikam\",\"domains\":[]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String sup = project();
    bind(sup, "customers", "company", fabrikam);
    String guest =
        Api.scimPlainJson(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","userType":"Guest","%s":{"organization":"%s"}}"""
                    .formatted(Api.uniqueUserName(), ENTERPRISE, organization))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    admin()
        .queryParam("kind", "unmatched")
        .queryParam("limit", 1000)
        .get("/mapping-issues")
        .then()
        .statusCode(200)
        .body("items.userId", hasItem(guest));

    String rule =
        "{\"priority\":10,\"when\":{\"attribute\":\""
            + ENTERPRISE
            + ":organization\",\"equals\":\""
            + organization.toUpperCase()
            + "\"},\"company\":\""
            + fabrikam
            + "\"}";
    admin()
        .body(rule)
        .post("/mapping-rules/preview")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("moves[0].userId", equalTo(guest))
        .body("moves[0].from", equalTo(null))
        .body("moves[0].to", equalTo(fabrikam));
    assertThat(access(guest).getList("entries")).as("a preview changes nothing").isEmpty();

    admin()
        .body(rule)
        .post("/mapping-rules")
        .then()
        .statusCode(201)
        .body("reevaluation.status", equalTo("done"))
        .body("reevaluation.moved", equalTo(1));
    assertThat(rolesIn(guest, sup)).containsExactly("customers");
    admin()
        .queryParam("kind", "unmatched")
        .queryParam("limit", 1000)
        .get("/mapping-issues")
        .then()
        .body("items.userId", Matchers.not(hasItem(guest)));

    Api.scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Replace\",\"path\":\""
                    + ENTERPRISE
                    + ":organization\",\"value\":\"Someone Else\"}"))
        .patch("/Users/" + guest)
        .then()
        .statusCode(200);
    assertThat(access(guest).getList("entries")).isEmpty();
  }

  @Test
  void conflictingRulesPlaceNobodyAndAreReported() {
    Api.Directory d = Api.newDirectory("generic");
    String dept = "Dept " + UUID.randomUUID();
    String a = unique("conflict-a");
    String b = unique("conflict-b");
    for (String key : List.of(a, b)) {
      admin()
          .body("{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}")
          .post("/companies")
          .then()
          .statusCode(201);
      admin()
          .body(
              "{\"priority\":5,\"when\":{\"attribute\":\"department\",\"equals\":\""
                  + dept
                  + "\"},\"company\":\""
                  + key
                  + "\"}")
          .post("/mapping-rules")
          .then()
          .statusCode(201);
    }
    String user =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + Api.uniqueUserName()
                    + "\",\""
                    + ENTERPRISE
                    + "\":{\"department\":\""
                    + dept
                    + "\"}}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    admin()
        .queryParam("kind", "conflict")
        .queryParam("limit", 1000)
        .get("/mapping-issues")
        .then()
        .body("items.find { it.userId == '" + user + "' }.detail", containsString("disagree"));
    admin().get("/companies/" + a).then().body("memberCount", equalTo(0));
    admin().get("/companies/" + b).then().body("memberCount", equalTo(0));
  }

  @Test
  void aGroupNamePatternPlacesItsMembers() {
    Api.Directory d = Api.newDirectory("okta");
    String contoso = unique("contoso");
    admin()
        .body("{\"key\":\"" + contoso + "\",\"name\":\"Contoso\"}")
        .post("/companies")
        .then()
        .statusCode(201);
    String prefix = "Partner " + UUID.randomUUID() + " - ";
    admin()
        .body(
            "{\"priority\":20,\"when\":{\"groupName\":\""
                + prefix
                + "*\"},\"company\":\""
                + contoso
                + "\"}")
        .post("/mapping-rules")
        .then()
        .statusCode(201);
    String group = createGroup(d, prefix + "Contoso EU");
    String erin = createUser(d, Api.uniqueUserName());
    scim(d)
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + erin + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    admin()
        .get("/companies/" + contoso)
        .then()
        .body("members.userId", hasItem(erin))
        .body("members[0].reason", containsString("group"));
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + erin + "\\\"]\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    admin().get("/companies/" + contoso).then().body("memberCount", equalTo(0));
  }

  @Test
  void aFullLicencePoolLeavesPeopleOutAndAFreedSeatLetsTheNextOneIn() {
    Api.Directory d = Api.newDirectory("okta");
    String sup = project();
    String pool = unique("pool");
    admin()
        .body("{\"name\":\"specialists\",\"licencePool\":\"" + pool + "\"}")
        .post("/projects/" + sup + "/roles")
        .then()
        .statusCode(201);
    admin()
        .body("{\"seats\":1}")
        .put("/licence-pools/" + pool)
        .then()
        .statusCode(200)
        .body("seats", equalTo(1));
    String group = createGroup(d, Api.uniqueName("Specialists"));
    String first = createUser(d, "first." + Api.uniqueUserName());
    String second = createUser(d, "second." + Api.uniqueUserName());
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + first
                    + "\"},{\"value\":\""
                    + second
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    admin()
        .body("{\"role\":\"specialists\",\"group\":\"" + group + "\"}")
        .post("/projects/" + sup + "/bindings")
        .then()
        .statusCode(201)
        .body("granted", equalTo(1))
        .body("leftOut.count", equalTo(1))
        .body("leftOut.users", hasSize(1))
        .body("licencePool", equalTo(pool));
    admin().get("/licence-pools").then().body("find { it.key == '" + pool + "' }.used", equalTo(1));
    String holder = rolesIn(first, sup) == null || rolesIn(first, sup).isEmpty() ? second : first;
    String waiting = holder.equals(first) ? second : first;
    assertThat(access(waiting).getList("leftOut[0].roles.role")).containsExactly("specialists");

    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + holder + "\\\"]\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    assertThat(rolesIn(waiting, sup)).containsExactly("specialists");
    admin()
        .body("{\"seats\":0}")
        .put("/licence-pools/" + pool)
        .then()
        .statusCode(200)
        .body("used", equalTo(1));
  }

  @Test
  void nestedGroupsGiveNothingThroughTheOuterGroup() {
    Api.Directory d = Api.newDirectory("generic");
    String sup = project();
    String outer = createGroup(d, Api.uniqueName("Outer"));
    String inner = createGroup(d, Api.uniqueName("Inner"));
    String user = createUser(d, Api.uniqueUserName());
    scim(d)
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"))
        .patch("/Groups/" + inner)
        .then()
        .statusCode(204);
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + inner + "\"}]}"))
        .patch("/Groups/" + outer)
        .then()
        .statusCode(204);
    bind(sup, "customers", "group", outer);
    assertThat(access(user).getList("entries")).isEmpty();
  }

  @Test
  void manyUsersAreReEvaluatedInTheBackgroundWithProgress() throws Exception {
    Api.Directory d = Api.newDirectory("generic");
    String organization = "Bulk Org " + UUID.randomUUID();
    int count = Suite.REEVALUATE_SYNC_LIMIT + 5;
    for (int i = 0; i < count; i++) {
      scim(d)
          .body(
              "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                  + Api.uniqueUserName()
                  + "\",\""
                  + ENTERPRISE
                  + "\":{\"organization\":\""
                  + organization
                  + "\"}}")
          .post("/Users")
          .then()
          .statusCode(201);
    }
    String key = unique("bulk");
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Bulk\"}")
        .post("/companies")
        .then()
        .statusCode(201);
    long job =
        admin()
            .body(
                "{\"when\":{\"attribute\":\"organization\",\"equals\":\""
                    + organization
                    + "\"},\"company\":\""
                    + key
                    + "\"}")
            .post("/mapping-rules")
            .then()
            .statusCode(201)
            .body("reevaluation.total", equalTo(count))
            .extract()
            .jsonPath()
            .getLong("reevaluation.id");
    String status = "running";
    for (int i = 0; i < 100 && !status.equals("done"); i++) {
      Thread.sleep(200);
      status = admin().get("/reevaluations/" + job).then().statusCode(200).extract().path("status");
    }
    assertThat(status).isEqualTo("done");
    admin()
        .get("/reevaluations/" + job)
        .then()
        .body("done", equalTo(count))
        .body("moved", equalTo(count));
    admin().get("/companies/" + key).then().body("memberCount", equalTo(count));
    admin().queryParam("user", "x").get("/access-events").then().statusCode(200);
  }

  @Test
  void adminErrorsAreProblemsAndOpenApiDescribesTheApi() {
    String sup = project();
    admin()
        .body("{\"key\":\"" + sup + "\",\"name\":\"again\"}")
        .post("/projects")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    admin().body("{\"key\":\"Bad Key!\",\"name\":\"x\"}").post("/companies").then().statusCode(400);
    admin()
        .body("{\"key\":\"ok-key\",\"name\":\"x\",\"domains\":[\"not a domain\"]}")
        .post("/companies")
        .then()
        .statusCode(400)
        .body("detail", containsString("not a domain"));
    String domain = unique("taken") + ".example";
    company(domain);
    admin()
        .body(
            "{\"key\":\"" + unique("other") + "\",\"name\":\"x\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies")
        .then()
        .statusCode(409)
        .body("detail", containsString(domain));
    admin()
        .body("{\"role\":\"emperors\",\"company\":\"x\"}")
        .post("/projects/" + sup + "/bindings")
        .then()
        .statusCode(400);
    admin()
        .body("{\"role\":\"customers\"}")
        .post("/projects/" + sup + "/bindings")
        .then()
        .statusCode(400);
    admin()
        .body("{\"role\":\"customers\",\"group\":\"no-such-group\"}")
        .post("/projects/" + sup + "/bindings")
        .then()
        .statusCode(400);
    admin()
        .get("/projects/NOPE-" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    admin().get("/companies/nope-" + UUID.randomUUID()).then().statusCode(404);
    admin().get("/users/" + UUID.randomUUID() + "/access").then().statusCode(404);
    admin()
        .body("{\"when\":{\"attribute\":\"shoeSize\",\"equals\":\"42\"},\"company\":\"x\"}")
        .post("/mapping-rules")
        .then()
        .statusCode(400)
        .body("detail", containsString("attribute must be one of"));
    admin().queryParam("from", "yesterday").get("/access-events").then().statusCode(400);
    io.restassured.RestAssured.given()
        .baseUri(Suite.get().baseUri())
        .get("/admin/api/projects")
        .then()
        .statusCode(401);
    io.restassured.RestAssured.given()
        .baseUri(Suite.get().baseUri())
        .get("/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/admin/api/projects/{key}/bindings"))
        .body(containsString("title: Gangway"));
  }

  @Test
  void usersAndMembersLoadedInOneBulkRequestGetTheirAccess() {
    Api.Directory d = Api.newDirectory("generic");
    String domain = unique("bulk") + ".example";
    String company = company(domain);
    String project = project();
    bind(project, "customers", "company", company);
    String group = createGroup(d, Api.uniqueName("Bulk bound"));
    bind(project, "collaborators", "group", group);
    // 60 users (more than one shared commit), every third in the bound company, then one PATCH
    // adding all of them to the bound group
    StringBuilder ops = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      String userName = "bulk" + i + "@" + (i % 3 == 0 ? domain : "elsewhere.example");
      ops.append(i == 0 ? "" : ",")
          .append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u")
          .append(i)
          .append(
              "\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"")
          .append(userName)
          .append("\"}}");
    }
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 60; i++)
      members.append(i == 0 ? "" : ",").append("{\"value\":\"bulkId:u").append(i).append("\"}");
    ops.append(",{\"method\":\"PATCH\",\"path\":\"/Groups/")
        .append(group)
        .append(
            "\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[")
        .append(members)
        .append("]}]}}");
    JsonPath r =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                    + ops
                    + "]}")
            .post("/Bulk")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> statuses = r.getList("Operations.status");
    assertThat(statuses).hasSize(61);
    assertThat(statuses.subList(0, 60)).containsOnly("201");
    assertThat(statuses.get(60)).isEqualTo("200");
    for (int i = 0; i < 60; i++) {
      String location = r.getString("Operations[" + i + "].location");
      String id = location.substring(location.lastIndexOf('/') + 1);
      List<String> roles = rolesIn(id, project);
      if (i % 3 == 0)
        assertThat(roles).as("user %d", i).containsExactlyInAnyOrder("customers", "collaborators");
      else assertThat(roles).as("user %d", i).containsExactly("collaborators");
    }
  }
}
