package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static dev.gangway.it.Api.uniqueUserName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.14 (versioning: ETag, If-Match, If-None-Match), §3.12 (errors) and §4
 * (ServiceProviderConfig), one test per statement.
 */
class Rfc7644ProtocolIT {

  @Test
  @DisplayName("§3.14 every single-resource answer carries an ETag equal to meta.version")
  void etagOnEveryResourceAnswer() {
    Api.Directory d = Api.newDirectory("generic");
    var created =
        scim(d)
            .body(Api.user(uniqueUserName()))
            .post("/Users")
            .then()
            .statusCode(201)
            .header("ETag", equalTo("W/\"1\""))
            .extract();
    String id = created.path("id");
    scim(d)
        .get("/Users/" + id)
        .then()
        .header("ETag", equalTo("W/\"1\""))
        .body("meta.version", equalTo("W/\"1\""));
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"2\""))
        .body("meta.version", equalTo("W/\"2\""));
    scim(d)
        .body(Api.user(uniqueUserName()))
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"3\""));
    String g = createGroup(d, uniqueName("Crew"));
    scim(d).get("/Groups/" + g).then().header("ETag", startsWith("W/\""));
    scim(d)
        .queryParam("attributes", "displayName")
        .get("/Groups/" + g)
        .then()
        .header("ETag", notNullValue());
  }

  @Test
  @DisplayName(
      "§3.14 If-None-Match with the current version: 304 Not Modified; with an old one: 200")
  void ifNoneMatch() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d).header("If-None-Match", "W/\"1\"").get("/Users/" + id).then().statusCode(304);
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    scim(d)
        .header("If-None-Match", "W/\"1\"")
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"2\""));
  }

  @Test
  @DisplayName("§3.14 If-Match with a stale version: 412 on PUT, PATCH and DELETE; nothing changes")
  void ifMatchStale() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"v2\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    scim(d)
        .header("If-Match", "W/\"1\"")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"lost\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(412)
        .body("status", equalTo("412"));
    scim(d)
        .header("If-Match", "W/\"1\"")
        .body(Api.user(uniqueUserName()))
        .put("/Users/" + id)
        .then()
        .statusCode(412);
    scim(d).header("If-Match", "W/\"1\"").delete("/Users/" + id).then().statusCode(412);
    String g = createGroup(d, uniqueName("Crew"));
    scim(d)
        .header("If-Match", "W/\"7\"")
        .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(412);
    scim(d).get("/Users/" + id).then().statusCode(200).body("title", equalTo("v2"));
  }

  @Test
  @DisplayName("§3.14 If-Match with the current version (or *) lets the write through")
  void ifMatchCurrent() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .header("If-Match", "W/\"1\"")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"v2\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    scim(d).header("If-Match", "*").delete("/Users/" + id).then().statusCode(204);
  }

  @Test
  @DisplayName("§3.12 errors: SCIM error schema, status as a string, detail; 404 for an unknown id")
  void notFound() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .get("/Users/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
        .body("status", equalTo("404"))
        .body("detail", notNullValue());
    scim(d)
        .get("/Groups/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .body("status", equalTo("404"));
  }

  @Test
  @DisplayName("§3.12 a body that is not JSON is 400 invalidSyntax")
  void invalidSyntax() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .body("{\"userName\": ")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"));
  }

  @Test
  @DisplayName("§2 a request without the directory's bearer token is 401 with a SCIM error body")
  void unauthenticated() {
    given()
        .baseUri(Suite.get().baseUri())
        .basePath("/scim/v2")
        .get("/Users")
        .then()
        .statusCode(401)
        .body("status", equalTo("401"));
  }

  @Test
  @DisplayName(
      "§4 ServiceProviderConfig tells what is supported, with a documentation URI, without a token")
  void serviceProviderConfig() {
    given()
        .baseUri(Suite.get().baseUri())
        .basePath("/scim/v2")
        .get("/ServiceProviderConfig")
        .then()
        .statusCode(200)
        .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
        .body("documentationUri", startsWith("https://"))
        .body("patch.supported", equalTo(true))
        .body("filter.supported", equalTo(true))
        .body("filter.maxResults", equalTo(200))
        .body("sort.supported", equalTo(true))
        .body("etag.supported", equalTo(true))
        .body("changePassword.supported", equalTo(false))
        .body("bulk.supported", equalTo(true))
        .body("bulk.maxOperations", notNullValue())
        .body("bulk.maxPayloadSize", notNullValue())
        .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"))
        .body("meta.resourceType", equalTo("ServiceProviderConfig"));
  }

  @Test
  @DisplayName("§4 a filter on a discovery endpoint is 403")
  void discoveryTakesNoFilter() {
    given()
        .baseUri(Suite.get().baseUri())
        .basePath("/scim/v2")
        .queryParam("filter", "id eq \"User\"")
        .get("/ResourceTypes")
        .then()
        .statusCode(403);
  }
}
