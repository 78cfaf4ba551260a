package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Starting, stopping and restarting Gangway as an operator does. */
class LifecycleIT {

  @Test
  void zeroSetupStartGeneratesAnAdminTokenAndKeepsDataAcrossARestart() throws Exception {
    Path data = Suite.dataDir("zero-setup");
    String adminToken;
    String directoryToken;
    String userId;
    try (GangwayServer first = GangwayServer.start(data, Map.of())) {
      Path tokenFile = data.resolve("admin-token");
      assertThat(tokenFile).exists();
      adminToken = Files.readString(tokenFile).strip();
      assertThat(first.log())
          .contains("Admin token: stored in " + tokenFile)
          .doesNotContain(adminToken)
          .contains("embedded database");
      directoryToken =
          given()
              .baseUri(first.baseUri())
              .header("Authorization", "Bearer " + adminToken)
              .contentType("application/json")
              .body("{\"name\":\"okta\",\"idp\":\"okta\"}")
              .post("/admin/api/directories")
              .then()
              .statusCode(201)
              .extract()
              .path("token");
      userId =
          given()
              .baseUri(first.baseUri())
              .header("Authorization", "Bearer " + directoryToken)
              .contentType(Api.SCIM_JSON)
              .body(Api.user("kept@example.com"))
              .post("/scim/v2/Users")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      assertThat(first.log()).doesNotContain(directoryToken);
      Path keyFile = data.resolve("audit-key");
      assertThat(keyFile).exists();
      assertThat(first.log())
          .contains("Audit key: stored in " + keyFile)
          .doesNotContain(Files.readString(keyFile).strip());
    }
    try (GangwayServer second = GangwayServer.start(data, Map.of())) {
      assertThat(Files.readString(data.resolve("admin-token")).strip()).isEqualTo(adminToken);
      given()
          .baseUri(second.baseUri())
          .header("Authorization", "Bearer " + directoryToken)
          .get("/scim/v2/Users/" + userId)
          .then()
          .statusCode(200)
          .body("userName", equalTo("kept@example.com"));
      given()
          .baseUri(second.baseUri())
          .header("Authorization", "Bearer " + adminToken)
          .get("/admin/api/directories")
          .then()
          .statusCode(200)
          .body("name[0]", equalTo("okta"));
      given()
          .baseUri(second.baseUri())
          .header("Authorization", "Bearer " + adminToken)
          .get("/admin/api/audit/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(true)); // same key after a restart
    }
  }

  @Test
  void anUnreachableDatabaseEndsTheProcessWithAPlainMessage() {
    GangwayServer.Started s =
        GangwayServer.launch(
            Suite.dataDir("no-db"),
            Map.of(
                "GANGWAY_DB_URL",
                "jdbc:mariadb://127.0.0.1:9/gangway?connectTimeout=2000",
                "GANGWAY_DB_USER",
                "gangway",
                "GANGWAY_DB_PASSWORD",
                "secret"));
    assertThat(s.ready()).isFalse();
    assertThat(s.exitCode()).isNotNull().isNotZero();
    String log = GangwayServer.tail(s.log());
    assertThat(log).contains("Gangway did not start").doesNotContain("secret");
  }

  @Test
  void aSecondNodeOnTheSameDatabaseServesTheSameData() {
    Suite suite = Suite.get();
    Assumptions.assumeTrue(
        suite.database().kind() == TestDatabase.Kind.MARIADB,
        "two processes cannot share one embedded database");
    Api.Directory d = Api.newDirectory("okta");
    String id = Api.createUser(d, Api.uniqueUserName());
    Map<String, String> env = new HashMap<>(suite.database().environment());
    env.put("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN);
    env.put("GANGWAY_AUDIT_KEY", Suite.AUDIT_KEY); // every node seals with the same key
    Path data = Suite.dataDir("second-node");
    try (GangwayServer second = GangwayServer.start(data, env)) {
      given()
          .baseUri(second.baseUri())
          .header("Authorization", "Bearer " + d.token())
          .get("/scim/v2/Users/" + id)
          .then()
          .statusCode(200)
          .body("id", equalTo(id));
      given()
          .baseUri(second.baseUri())
          .header("Authorization", "Bearer " + d.token())
          .contentType(Api.SCIM_JSON)
          .body(Api.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Node 2\"}"))
          .patch("/scim/v2/Users/" + id)
          .then()
          .statusCode(200);
    }
    Api.scim(d).get("/Users/" + id).then().body("title", equalTo("Node 2"));
  }
}
