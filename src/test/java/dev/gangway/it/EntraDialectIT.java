package dev.gangway.it;

import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scimPlainJson;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Entra ID's request sequences, as its SCIM provisioning tutorial, its "known issues"
 * page and its validator document them — both the default (non-RFC) PATCH dialect and the one of
 * the aadOptscim062020 flag. Entra sends application/json.
 */
class EntraDialectIT {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static String createEntraUser(Api.Directory d, String userName, String externalId) {
    scimPlainJson(d)
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0))
        .body("Resources", hasSize(0));
    return scimPlainJson(d)
        .body(
            """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
         "externalId":"%s","userName":"%s","active":true,"displayName":"Test User",
         "emails":[{"primary":true,"type":"work","value":"%s"}],
         "meta":{"resourceType":"User"},"name":{"familyName":"familyName","givenName":"givenName"},"roles":[],
         "%s":{"employeeNumber":"E-17","department":"Ops"}}"""
                .formatted(ENTERPRISE, externalId, userName, userName, ENTERPRISE))
        .post("/Users")
        .then()
        .statusCode(201)
        .body("userName", equalTo(userName))
        .extract()
        .path("id");
  }

  @Test
  void testConnectionFindsNothingForARandomUserName() {
    Api.Directory d = Api.newDirectory("entra");
    scimPlainJson(d)
        .queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0))
        .body("Resources", hasSize(0))
        .body("startIndex", equalTo(1));
    scimPlainJson(d)
        .queryParam("excludedAttributes", "members")
        .queryParam("filter", "displayName eq \"" + UUID.randomUUID() + "\"")
        .get("/Groups")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0));
  }

  @Test
  void userLifecycleInTheDefaultDialect() {
    Api.Directory d = Api.newDirectory("entra");
    String userName = "Test_User_" + UUID.randomUUID() + "@testuser.com";
    String externalId = UUID.randomUUID().toString();
    String id = createEntraUser(d, userName, externalId);
    String manager =
        createEntraUser(
            d, "Manager_" + UUID.randomUUID() + "@testuser.com", UUID.randomUUID().toString());

    scimPlainJson(d)
        .queryParam("filter", "externalId eq " + externalId)
        .get("/Users")
        .then() // unquoted, as Entra did
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
    scimPlainJson(d)
        .queryParam("filter", "emails[type eq \"work\"].value eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1));

    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Pvlo\"}",
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"updated."
                    + userName
                    + "\"}",
                "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"Gtfd\"}",
                "{\"op\":\"Replace\",\"path\":\""
                    + ENTERPRISE
                    + ":department\",\"value\":\"Sales\"}",
                "{\"op\":\"Add\",\"path\":\"nickName\",\"value\":\"Babs\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Pvlo"))
        .body("emails[0].value", equalTo("updated." + userName))
        .body("name.givenName", equalTo("Gtfd"))
        .body("nickName", equalTo("Babs"))
        .body("'" + ENTERPRISE + "'.department", equalTo("Sales"))
        .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("E-17"));

    // manager: set as a raw id, checked by filter, changed, then cleared with ""
    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Add\",\"path\":\""
                    + ENTERPRISE
                    + ":manager\",\"value\":\""
                    + manager
                    + "\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("'" + ENTERPRISE + "'.manager.value", equalTo(manager));
    scimPlainJson(d)
        .queryParam("filter", "id eq " + id + " and manager eq " + manager)
        .queryParam("attributes", "id")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
    scimPlainJson(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("'" + ENTERPRISE + "'", not(hasKey("manager")));
    scimPlainJson(d)
        .queryParam("filter", "id eq " + id + " and manager eq " + manager)
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0));

    // disable with the string "False" (default dialect), then restore
    scimPlainJson(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
    scimPlainJson(d).get("/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    scimPlainJson(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(true));

    scimPlainJson(d).delete("/Users/" + id).then().statusCode(204);
    scimPlainJson(d).get("/Users/" + id).then().statusCode(404).body("status", equalTo("404"));
  }

  @Test
  void pathlessReplaceWithDottedAndUrnKeys() {
    Api.Directory d = Api.newDirectory("entra");
    String userName = "flag_" + UUID.randomUUID() + "@testuser.com";
    String id = createEntraUser(d, userName, UUID.randomUUID().toString());
    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"TestMhvaes@test.microsoft.com\"}",
                "{\"op\":\"replace\",\"value\":{\"displayName\":\"Bjfe\",\"name.givenName\":\"Kkom\",\"name.familyName\":\"Unua\","
                    + "\""
                    + ENTERPRISE
                    + ":employeeNumber\":\"E-99\",\"active\":false}}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Bjfe"))
        .body("name.givenName", equalTo("Kkom"))
        .body("name.familyName", equalTo("Unua"))
        .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("E-99"))
        .body("emails[0].value", equalTo("TestMhvaes@test.microsoft.com"))
        .body("active", equalTo(false));
    // null and "" clear optional attributes (validator's null-update test)
    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"\"}",
                "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":null}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", nullValue())
        .body("name.familyName", nullValue());
  }

  @Test
  void groupLifecycleWithMicrosoftSchemaAndValueListRemoval() {
    Api.Directory d = Api.newDirectory("entra");
    String u1 =
        createEntraUser(
            d, "g1_" + UUID.randomUUID() + "@testuser.com", UUID.randomUUID().toString());
    String u2 =
        createEntraUser(
            d, "g2_" + UUID.randomUUID() + "@testuser.com", UUID.randomUUID().toString());
    String u3 =
        createEntraUser(
            d, "g3_" + UUID.randomUUID() + "@testuser.com", UUID.randomUUID().toString());
    String name = "displayName " + UUID.randomUUID();
    scimPlainJson(d)
        .queryParam("excludedAttributes", "members")
        .queryParam("filter", "displayName eq \"" + name + "\"")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(0));
    String group =
        scimPlainJson(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
         "externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}"""
                    .formatted(UUID.randomUUID(), name))
            .post("/Groups")
            .then()
            .statusCode(201)
            .body("displayName", equalTo(name))
            .body("members", hasSize(0))
            .extract()
            .path("id");
    scimPlainJson(d)
        .queryParam("excludedAttributes", "members")
        .get("/Groups/" + group)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("members")));

    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\""
                    + u1
                    + "\"},{\"$ref\":null,\"value\":\""
                    + u2
                    + "\"},{\"$ref\":null,\"value\":\""
                    + u3
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    // default dialect: "Remove members" with a value list removes only those members
    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\""
                    + u2
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scimPlainJson(d)
        .get("/Groups/" + group)
        .then()
        .body("members.value", containsInAnyOrder(u1, u3));
    // flag dialect: a value filter
    scimPlainJson(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u3 + "\\\"]\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scimPlainJson(d)
        .queryParam("filter", "id eq \"" + group + "\" and members eq \"" + u1 + "\"")
        .queryParam("excludedAttributes", "members")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(1));
    scimPlainJson(d)
        .queryParam("filter", "id eq \"" + group + "\" and members eq \"" + u3 + "\"")
        .queryParam("excludedAttributes", "members")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(0));

    scimPlainJson(d)
        .body(
            patch(
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\""
                    + name
                    + "updatedDisplayName\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scimPlainJson(d)
        .get("/Groups/" + group)
        .then()
        .body("displayName", equalTo(name + "updatedDisplayName"))
        .body("members.value", containsInAnyOrder(u1));
    scimPlainJson(d).delete("/Groups/" + group).then().statusCode(204);
  }

  @Test
  void paginationReportsEachPagesStartIndex() {
    Api.Directory d = Api.newDirectory("entra");
    for (int i = 0; i < 11; i++) Api.createUser(d, "pg" + i + "." + Api.uniqueUserName());
    for (int page = 0; page < 3; page++) {
      scimPlainJson(d)
          .queryParam("startIndex", page * 5 + 1)
          .queryParam("count", 5)
          .get("/Users")
          .then()
          .statusCode(200)
          .body("startIndex", equalTo(page * 5 + 1))
          .body("totalResults", equalTo(11))
          .body("Resources", hasSize(page < 2 ? 5 : 1));
    }
  }
}
