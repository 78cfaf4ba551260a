package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin API calls the dashboard needs to do an admin's whole job safely: rename a directory,
 * move a mapping rule, find a group by name, and see what removing a binding or retiring a company
 * would revoke before doing it (the previews change nothing).
 */
class AdminTasksIT {
  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void problem(io.restassured.response.Response r, int status, String detailPart) {
    r.then()
        .statusCode(status)
        .contentType(containsString("application/problem+json"))
        .body("status", equalTo(status))
        .body("detail", containsString(detailPart));
  }

  @Test
  void aDirectoryIsRenamedAndItsTokenKeepsWorking() {
    Api.Directory d = Api.newDirectory("okta");
    String name = unique("renamed");
    admin()
        .body("{\"name\":\"" + name + "\"}")
        .patch("/directories/" + d.id())
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("token", equalTo(null));
    admin().get("/directories/" + d.id()).then().body("name", equalTo(name));
    scim(d).get("/Users").then().statusCode(200);

    Api.Directory other = Api.newDirectory("entra");
    problem(
        admin().body("{\"name\":\"" + other.name() + "\"}").patch("/directories/" + d.id()),
        409,
        other.name());
    problem(admin().body("{\"name\":\"has space\"}").patch("/directories/" + d.id()), 400, "name");
    problem(admin().body("{}").patch("/directories/" + d.id()), 400, "name");
    problem(admin().body("{\"name\":\"x\"}").patch("/directories/999999999"), 404, "999999999");
    admin().get("/directories/" + d.id()).then().body("name", equalTo(name));
    admin()
        .queryParam("targetType", "directory")
        .queryParam("targetId", String.valueOf(d.id()))
        .get("/audit")
        .then()
        .statusCode(200)
        .body("action", hasItem("directory.renamed"));
  }

  @Test
  void removingABindingIsPreviewedWithWhoLosesWhichRoleAndNothingChanges() {
    Api.Directory d = Api.newDirectory("okta");
    String domain = unique("preview") + ".example";
    String company = unique("co");
    admin()
        .body(
            "{\"key\":\""
                + company
                + "\",\"name\":\"Preview Co\",\"domains\":[\""
                + domain
                + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = unique("PRV");
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Preview\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    String onlyCompany = "ann@" + domain;
    String alsoGroup = "ben@" + domain;
    createUser(d, onlyCompany);
    String benId = createUser(d, alsoGroup);
    String groupId =
        scim(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[{"value":"%s"}]}"""
                    .formatted(unique("Customers Preview"), benId))
            .post("/Groups")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    long companyBinding =
        admin()
            .body("{\"role\":\"customers\",\"company\":\"" + company + "\"}")
            .post("/projects/" + project + "/bindings")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    admin()
        .body("{\"role\":\"customers\",\"group\":\"" + groupId + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);

    JsonPath preview =
        admin()
            .get("/projects/" + project + "/bindings/" + companyBinding + "/removal-preview")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(preview.getLong("binding.id")).isEqualTo(companyBinding);
    assertThat(preview.getLong("revokes.total")).isEqualTo(1);
    assertThat(preview.getList("revokes.losses.userName")).containsExactly(onlyCompany);
    assertThat(preview.getList("revokes.losses.role")).containsExactly("customers");
    assertThat(preview.getList("revokes.losses.project")).containsExactly(project);
    // a preview removes nothing
    admin().get("/projects/" + project + "/bindings/" + companyBinding).then().statusCode(200);
    assertThat(
            admin()
                .get("/projects/" + project + "/access")
                .then()
                .extract()
                .jsonPath()
                .getList("entries.userName"))
        .contains(onlyCompany, alsoGroup);

    JsonPath retire =
        admin()
            .get("/companies/" + company + "/retire-preview")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(retire.getLong("members")).isEqualTo(2);
    assertThat(retire.getLong("bindings")).isEqualTo(1);
    assertThat(retire.getList("revokes.losses.userName")).containsExactly(onlyCompany);
    admin().get("/companies/" + company).then().body("status", equalTo("active"));

    problem(
        admin().get("/projects/" + project + "/bindings/999999999/removal-preview"),
        404,
        "999999999");
    problem(
        admin()
            .get(
                "/projects/"
                    + project
                    + "/bindings/"
                    + companyBinding
                    + "/removal-preview?limit=-1"),
        400,
        "limit");
    problem(admin().get("/companies/" + unique("nobody") + "/retire-preview"), 404, "nobody");

    admin().delete("/projects/" + project + "/bindings/" + companyBinding).then().statusCode(204);
    List<String> after =
        admin()
            .get("/projects/" + project + "/access")
            .then()
            .extract()
            .jsonPath()
            .getList("entries.userName");
    assertThat(after).containsExactly(alsoGroup);
  }

  @Test
  void groupsAreFoundByTheStartOfTheirNameAcrossDirectories() {
    Api.Directory okta = Api.newDirectory("okta");
    Api.Directory entra = Api.newDirectory("entra");
    String stem = "Agents " + UUID.randomUUID().toString().substring(0, 8);
    String a = Api.createGroup(okta, stem + " Okta");
    String b = Api.createGroup(entra, stem + " Entra");
    Api.createGroup(okta, "Other " + stem);

    JsonPath found =
        admin()
            .queryParam("search", stem.toLowerCase())
            .get("/groups")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(found.getList("items.id")).containsExactlyInAnyOrder(a, b);
    assertThat(found.getList("items.directory"))
        .containsExactlyInAnyOrder(okta.name(), entra.name());
    admin()
        .queryParam("search", stem)
        .queryParam("directory", entra.id())
        .get("/groups")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(b)));
    admin().queryParam("search", a).get("/groups").then().body("items.id", equalTo(List.of(a)));
    admin().queryParam("search", "100%_" + stem).get("/groups").then().body("items", empty());
    problem(admin().get("/groups"), 400, "search");
    problem(
        admin().queryParam("search", "x").queryParam("directory", 999999999).get("/groups"),
        404,
        "999999999");
  }

  @Test
  void aMappingRuleMovesInTheOrderAndItsUsersArePlacedAgain() {
    String first = unique("first");
    String second = unique("second");
    for (String key : List.of(first, second)) {
      admin()
          .body("{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"domains\":[]}")
          .post("/companies")
          .then()
          .statusCode(201);
    }
    String org = unique("Org");
    long a =
        admin()
            .body(
                "{\"priority\":10,\"when\":{\"attribute\":\"organization\",\"equals\":\""
                    + org
                    + "\"},\"company\":\""
                    + first
                    + "\"}")
            .post("/mapping-rules")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long b =
        admin()
            .body(
                "{\"priority\":20,\"when\":{\"attribute\":\"organization\",\"equals\":\""
                    + org
                    + "\"},\"company\":\""
                    + second
                    + "\"}")
            .post("/mapping-rules")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    admin()
        .body("{\"priority\":5}")
        .patch("/mapping-rules/" + b)
        .then()
        .statusCode(200)
        .body("priority", equalTo(5))
        .body("reevaluation.id", not(equalTo(null)));
    List<Long> order =
        admin().get("/mapping-rules").then().extract().jsonPath().getList("id", Long.class);
    assertThat(order.indexOf(b)).isLessThan(order.indexOf(a));
    problem(admin().body("{\"priority\":-1}").patch("/mapping-rules/" + a), 400, "priority");
    problem(admin().body("{}").patch("/mapping-rules/" + a), 400, "priority");
    problem(admin().body("{\"priority\":1}").patch("/mapping-rules/999999999"), 404, "999999999");
    admin().get("/mapping-rules/" + a).then().body("priority", equalTo(10));
  }
}
