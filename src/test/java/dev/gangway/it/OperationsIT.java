package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** What an operator watches: /health and /metrics, and the structured log of SCIM writes. */
class OperationsIT {

  @Test
  void healthSaysTheDatabaseIsReachableAndMigrated() {
    given()
        .baseUri(Suite.get().baseUri())
        .get("/health")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("database"))
        .body("checks.find { it.name == 'database' }.data.failedMigrations", equalTo("0"));
  }

  @Test
  void metricsCountScimRequestsAndAccessUpdates() {
    Api.Directory d = Api.newDirectory("okta");
    Api.createUser(d, Api.uniqueUserName());
    Api.scim(d).get("/Users/none").then().statusCode(404);
    given()
        .baseUri(Suite.get().baseUri())
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "gangway_scim_requests_total{endpoint=\"Users\",method=\"POST\",mp_scope=\"application\",status=\"201\"}"))
        .body(containsString("status=\"404\""))
        .body(containsString("gangway_scim_request_duration_ms"));
  }

  @Test
  void everyScimWriteIsLoggedAsOneStructuredLineWithoutPersonalData() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = "logged." + Api.uniqueUserName();
    String id = Api.createUser(d, userName);
    String log = Suite.get().server().log();
    Assertions.assertThat(log)
        .contains(
            "{\"event\":\"scim_request\",\"directory\":"
                + d.id()
                + ",\"method\":\"POST\",\"path\":\"/scim/v2/Users\",\"status\":201,\"durationMs\":")
        .doesNotContain(userName)
        .doesNotContain(d.token());
    Assertions.assertThat(id).isNotBlank();
  }
}
