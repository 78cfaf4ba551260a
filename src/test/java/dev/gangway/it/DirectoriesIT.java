package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.scim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Directories: created by an admin, each with a token shown once; tokens scope all SCIM calls. */
class DirectoriesIT {

  @Test
  void creatingADirectoryShowsItsTokenOnceAndTheTokenWorksForScim() {
    Api.Directory d = Api.newDirectory("okta");
    admin()
        .get("/directories/" + d.id())
        .then()
        .statusCode(200)
        .body("name", equalTo(d.name()))
        .body("idp", equalTo("okta"))
        .body("token", nullValue());
    admin()
        .get("/directories")
        .then()
        .statusCode(200)
        .body("name", hasItem(d.name()))
        .body("token", everyItem(nullValue()));
    scim(d).get("/Users").then().statusCode(200).body("totalResults", equalTo(0));
  }

  @Test
  void rotatingTheTokenRetiresTheOldOne() {
    Api.Directory d = Api.newDirectory("entra");
    String fresh =
        admin()
            .post("/directories/" + d.id() + "/rotate-token")
            .then()
            .statusCode(200)
            .body("token", startsWith("gwd_"))
            .extract()
            .path("token");
    scim(d.token())
        .get("/Users")
        .then()
        .statusCode(401)
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
        .body("status", equalTo("401"));
    scim(fresh).get("/Users").then().statusCode(200);
  }

  @Test
  void aDisabledDirectoryIsRefusedUntilEnabledAgain() {
    Api.Directory d = Api.newDirectory("generic");
    admin()
        .post("/directories/" + d.id() + "/disable")
        .then()
        .statusCode(200)
        .body("status", equalTo("disabled"));
    scim(d).get("/Users").then().statusCode(401);
    admin()
        .post("/directories/" + d.id() + "/enable")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    scim(d).get("/Users").then().statusCode(200);
  }

  @Test
  void scimNeedsADirectoryTokenAndTheAdminTokenIsNotOne() {
    given()
        .baseUri(Suite.get().baseUri())
        .get("/scim/v2/Users")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body(Matchers.containsString("urn:ietf:params:scim:api:messages:2.0:Error"));
    scim(Suite.ADMIN_TOKEN).get("/Users").then().statusCode(401);
    scim("gwd_not-a-real-token").get("/Users").then().statusCode(401);
  }

  @Test
  void theAdminApiNeedsTheAdminTokenAndADirectoryTokenIsNotOne() {
    Api.Directory d = Api.newDirectory("okta");
    given()
        .baseUri(Suite.get().baseUri())
        .get("/admin/api/directories")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401));
    given()
        .baseUri(Suite.get().baseUri())
        .header("Authorization", "Bearer " + d.token())
        .get("/admin/api/directories")
        .then()
        .statusCode(401);
  }

  @Test
  void badDirectoryRequestsAreProblemsAndChangeNothing() {
    admin()
        .body("{\"idp\":\"okta\"}")
        .post("/directories")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("title", equalTo("Invalid request"));
    admin()
        .body("{\"name\":\"x\",\"idp\":\"ldap\"}")
        .post("/directories")
        .then()
        .statusCode(400)
        .body("detail", Matchers.containsString("okta, entra, generic"));
    admin().body("{\"name\":").post("/directories").then().statusCode(400);
    admin()
        .body("{\"name\":\"x\",\"idp\":\"okta\",\"colour\":\"red\"}")
        .post("/directories")
        .then()
        .statusCode(400)
        .body("detail", equalTo("unknown field 'colour'"));
    admin().get("/directories").then().body("name", not(hasItem("x")));

    Api.Directory d = Api.newDirectory("okta");
    admin()
        .body("{\"name\":\"" + d.name() + "\",\"idp\":\"entra\"}")
        .post("/directories")
        .then()
        .statusCode(409);
    admin()
        .get("/directories/999999999")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    admin().get("/directories/not-a-number").then().statusCode(404);
  }
}
