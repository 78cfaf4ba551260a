package dev.gangway.it;

import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueUserName;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Okta's request sequences, as its SCIM 2.0 reference and its spec test (Runscope) document them:
 * user lookups with startIndex/count, create, 409 on a duplicate, PUT profile updates, path-less
 * PATCH deactivation and reactivation, import paging, and the group push flow.
 */
class OktaDialectIT {

  @Test
  void specTestSequence() {
    Api.Directory d = Api.newDirectory("okta");
    Api.createUser(d, uniqueUserName()); // "create at least one user before running the suite"
    String anId =
        scim(d)
            .queryParam("count", 1)
            .queryParam("startIndex", 1)
            .get("/Users")
            .then()
            .statusCode(200)
            .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
            .body("itemsPerPage", instanceOf(Integer.class))
            .body("startIndex", instanceOf(Integer.class))
            .body("totalResults", instanceOf(Integer.class))
            .body("Resources", hasSize(1))
            .body("Resources[0].name.familyName", notNullValue())
            .body("Resources[0].emails[0].value", notNullValue())
            .extract()
            .path("Resources[0].id");
    scim(d)
        .get("/Users/" + anId)
        .then()
        .statusCode(200)
        .body("id", equalTo(anId))
        .body("active", equalTo(true));
    scim(d)
        .queryParam("filter", "userName eq \"abcdefgh@example.com\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0));
    scim(d)
        .get("/Users/010101001010101011001010101011")
        .then()
        .statusCode(404)
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
        .body("detail", notNullValue());

    String random = "Runscope" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    scim(d)
        .queryParam("filter", "userName eq \"" + random + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0));
    String body =
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"Runscope","familyName":"Hfluaklab"},
         "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Runscope Hfluaklab","active":true}"""
            .formatted(random, random);
    String id =
        scim(d)
            .body(body)
            .post("/Users")
            .then()
            .statusCode(201)
            .body("active", equalTo(true))
            .body("userName", equalTo(random))
            .body("name.familyName", equalTo("Hfluaklab"))
            .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:User"))
            .extract()
            .path("id");
    scim(d).get("/Users/" + id).then().statusCode(200).body("userName", equalTo(random));
    scim(d).body(body).post("/Users").then().statusCode(409);
    scim(d)
        .queryParam("filter", "userName eq \"" + random.toUpperCase(Locale.ROOT) + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
    scim(d)
        .queryParam("filter", random.toUpperCase(Locale.ROOT))
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"));
  }

  @Test
  void assignmentUpdateDeactivateAndReactivate() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = "test.user." + UUID.randomUUID().toString().substring(0, 8) + "@okta.local";
    scim(d)
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .queryParam("startIndex", 1)
        .queryParam("count", 100)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0))
        .body("Resources", hasSize(0));
    var created =
        scim(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"Test","familyName":"User"},
         "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Test User","locale":"en-US",
         "externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}"""
                    .formatted(userName, userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .body("meta.resourceType", equalTo("User"))
            .body("$", not(Matchers.hasKey("password")))
            .extract();
    String id = created.path("id");

    // Okta GETs the user, then PUTs it back whole with the change (id, meta and groups included).
    String current = scim(d).get("/Users/" + id).then().statusCode(200).extract().asString();
    String updated = current.replace("\"givenName\":\"Test\"", "\"givenName\":\"Tested\"");
    scim(d)
        .body(updated)
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .body("name.givenName", equalTo("Tested"))
        .body("userName", equalTo(userName))
        .body("externalId", equalTo("00ujl29u0le5T6Aj10h7"));

    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
    // reassignment finds the deactivated user by filter, then reactivates it
    scim(d)
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .queryParam("startIndex", 1)
        .queryParam("count", 100)
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].active", equalTo(false));
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(true));
  }

  @Test
  void importPagesOfOneHundredCoverEveryUserOnce() {
    Api.Directory d = Api.newDirectory("okta");
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 205; i++)
      created.add(Api.createUser(d, "import" + i + "." + uniqueUserName()));
    List<String> seen = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    for (int start = 1; start <= total; start += 100) {
      var page =
          scim(d)
              .queryParam("startIndex", start)
              .queryParam("count", 100)
              .get("/Users")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      total = page.getInt("totalResults");
      seen.addAll(page.getList("Resources.id"));
    }
    Assertions.assertThat(seen).hasSize(205).doesNotHaveDuplicates();
    Assertions.assertThat(new HashSet<>(seen)).isEqualTo(created);
  }

  @Test
  void groupPush() {
    Api.Directory d = Api.newDirectory("okta");
    String u1 = Api.createUser(d, uniqueUserName());
    String u2 = Api.createUser(d, uniqueUserName());
    String name = Api.uniqueName("Test SCIMv2");
    String group =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                    + name
                    + "\",\"members\":[]}")
            .post("/Groups")
            .then()
            .statusCode(201)
            .body("meta.resourceType", equalTo("Group"))
            .body("displayName", equalTo(name))
            .extract()
            .path("id");
    scim(d).get("/Groups/" + group).then().statusCode(200);
    scim(d)
        .queryParam("filter", "displayName eq \"" + name + "\"")
        .get("/Groups")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(group));

    String rename =
        "{\"op\":\"replace\",\"value\":{\"id\":\""
            + group
            + "\",\"displayName\":\""
            + name
            + "\"}}";
    scim(d)
        .body(
            Api.patch(
                rename,
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + u1
                    + "\",\"display\":\"u1\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .body(
            Api.patch(
                rename,
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + u2
                    + "\",\"display\":\"u2\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d).get("/Groups/" + group).then().body("members.value", containsInAnyOrder(u2));

    scim(d)
        .body(
            Api.patch(
                "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + u1
                    + "\"},{\"value\":\""
                    + u2
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d).get("/Groups/" + group).then().body("members.value", containsInAnyOrder(u1, u2));

    String renamed = name + " (renamed)";
    scim(d)
        .body(
            Api.patch(
                "{\"op\":\"replace\",\"value\":{\"id\":\""
                    + group
                    + "\",\"displayName\":\""
                    + renamed
                    + "\"}}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .queryParam("startIndex", 1)
        .queryParam("count", 100)
        .get("/Groups")
        .then()
        .body("Resources.displayName", hasItem(renamed));
    scim(d).delete("/Groups/" + group).then().statusCode(204);
    scim(d).get("/Groups/" + group).then().statusCode(404);
  }

  @Test
  void discoveryEndpointsAnswerAndRefuseWrites() {
    Api.Directory d = Api.newDirectory("okta");
    scim(d)
        .get("/ServiceProviderConfig")
        .then()
        .statusCode(200)
        .body("patch.supported", equalTo(true))
        .body("filter.supported", equalTo(true))
        .body("filter.maxResults", equalTo(200))
        .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
    scim(d).body("test").post("/ServiceProviderConfig").then().statusCode(405);
    scim(d).get("/ResourceTypes").then().statusCode(200).body("Resources.name", hasItem("User"));
    scim(d)
        .get("/Schemas")
        .then()
        .statusCode(200)
        .body("Resources.id", hasItem("urn:ietf:params:scim:schemas:core:2.0:Group"));
  }
}
