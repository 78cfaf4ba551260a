package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.scim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SCIM traffic (the sync status's counts, last request and write, recent errors) is gathered in
 * each node's memory and added to the database as increments every few seconds and when a node
 * stops: a SCIM read writes nothing, and several nodes add up.
 */
class TrafficIT {
  private static final String[] STATS = {
    "SELECT_COMMANDS",
    "UPDATE_COMMANDS",
    "OTHER_COMMANDS",
    "ROWS_INSERTED",
    "ROWS_UPDATED",
    "ROWS_DELETED"
  };

  @Test
  void trafficReachesTheDatabaseWithinAFlushIntervalWithoutAStatusRead() throws Exception {
    Assumptions.assumeTrue(
        Suite.get().database().kind() == TestDatabase.Kind.MARIADB, "needs direct database access");
    Api.Directory d = Api.newDirectory("okta");
    Api.createUser(d, Api.uniqueUserName());
    scim(d).get("/Users/none").then().statusCode(404);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Map<String, Object> rows = rows(d.id());
    while (!rows.get("requests").equals(2L) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      rows = rows(d.id());
    }
    assertThat(rows)
        .containsEntry("requests", 2L)
        .containsEntry("errors", 1L)
        .containsEntry("recentErrors", 1L);
    assertThat(rows.get("lastWriteAt")).isNotNull();
  }

  @Test
  void aDirectoryKeepsItsFiftyMostRecentErrorsAndCountsThemAll() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    for (int i = 0; i < 30; i++) scim(d).get("/Users/missing-" + i).then().statusCode(404);
    admin()
        .get("/directories/" + d.id() + "/status")
        .then()
        .statusCode(200)
        .body("requests.errors24h", equalTo(30));
    for (int i = 30; i < 60; i++) scim(d).get("/Users/missing-" + i).then().statusCode(404);
    admin()
        .get("/directories/" + d.id() + "/status")
        .then()
        .statusCode(200)
        .body("requests.last24h", equalTo(60))
        .body("requests.errors24h", equalTo(60))
        .body("recentErrors.size()", equalTo(10))
        .body("recentErrors[0].path", equalTo("/scim/v2/Users/missing-59"))
        .body("recentErrors[9].path", equalTo("/scim/v2/Users/missing-50"));
    if (Suite.get().database().kind() == TestDatabase.Kind.MARIADB) {
      assertThat(rows(d.id())).containsEntry("recentErrors", 50L).containsEntry("errors", 60L);
    }
  }

  @Test
  void readsWriteNothingAndTwoNodesAddUpWhenTheSecondStops() throws Exception {
    TestDatabase db = Suite.get().database();
    Assumptions.assumeTrue(
        db.kind() == TestDatabase.Kind.MARIADB, "needs MariaDB's per-account statistics");
    String account =
        "gangway_it_node_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    boolean counted = enableAccountStatistics();
    Map<String, String> env = new HashMap<>(db.environmentWithOwnAccount(account));
    env.put("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN);
    env.put("GANGWAY_AUDIT_KEY", Suite.AUDIT_KEY);
    env.put("GANGWAY_TRAFFIC_FLUSH_INTERVAL", "1h"); // only a stop or a status read flushes node B

    Api.Directory d = Api.newDirectory("entra");
    String userName = Api.uniqueUserName();
    String id = Api.createUser(d, userName); // through node A, the shared server
    JsonPath before =
        admin()
            .get("/directories/" + d.id() + "/status")
            .then()
            .statusCode(200)
            .body("requests.last24h", equalTo(1))
            .extract()
            .jsonPath();
    Instant writtenAt = Instant.parse(before.getString("lastWriteAt"));

    int reads = 0;
    int missing = 0;
    GangwayServer nodeB = GangwayServer.start(Suite.dataDir("traffic-node-b"), env);
    try {
      awaitHealthy(nodeB);
      Map<String, Object> rowsBefore = rows(d.id());
      Map<String, Long> statsBefore = counted ? accountStatistics(account) : Map.of();
      for (int i = 0; i < 20; i++) {
        scimOn(nodeB, d)
            .queryParam("filter", "userName eq \"" + userName + "\"")
            .queryParam("startIndex", 1)
            .queryParam("count", 100)
            .get("/Users")
            .then()
            .statusCode(200)
            .body("totalResults", equalTo(1));
        scimOn(nodeB, d).get("/Users/" + id).then().statusCode(200);
        reads += 2;
      }
      for (int i = 0; i < 3; i++) {
        scimOn(nodeB, d).get("/Users/" + UUID.randomUUID()).then().statusCode(404);
        missing++;
      }
      if (counted) {
        Map<String, Long> delta = delta(statsBefore, accountStatistics(account));
        System.out.println("[traffic] node B, " + (reads + missing) + " SCIM reads: " + delta);
        assertThat(delta)
            .as("statements of node B's account during SCIM reads")
            .containsEntry("UPDATE_COMMANDS", 0L)
            .containsEntry("OTHER_COMMANDS", 0L)
            .containsEntry("ROWS_INSERTED", 0L)
            .containsEntry("ROWS_UPDATED", 0L)
            .containsEntry("ROWS_DELETED", 0L);
        assertThat(delta.get("SELECT_COMMANDS"))
            .as("the reads did reach the database")
            .isPositive();
      }
      assertThat(rows(d.id()))
          .as("the directory's traffic rows while node B only answered reads")
          .isEqualTo(rowsBefore);
      admin()
          .get("/directories/" + d.id() + "/status")
          .then()
          .statusCode(200)
          .body("requests.last24h", equalTo(1))
          .body("requests.errors24h", equalTo(0));
    } finally {
      nodeB.close(); // a graceful stop: node B writes what it counted
    }

    JsonPath after =
        admin()
            .get("/directories/" + d.id() + "/status")
            .then()
            .statusCode(200)
            .body("requests.last24h", equalTo(1 + reads + missing))
            .body("requests.errors24h", equalTo(missing))
            .body("recentErrors[0].status", equalTo(404))
            .body("recentErrors[0].method", equalTo("GET"))
            .extract()
            .jsonPath();
    assertThat(Instant.parse(after.getString("lastRequestAt"))).isAfter(writtenAt);
    assertThat(Instant.parse(after.getString("lastWriteAt")))
        .as("reads on node B keep node A's last write")
        .isEqualTo(writtenAt);
  }

  private static RequestSpecification scimOn(GangwayServer node, Api.Directory d) {
    return given()
        .config(RestAssuredConfig.config())
        .baseUri(node.baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + d.token())
        .accept(Api.SCIM_JSON);
  }

  /** Right after its ready line, Payara may still be finishing the deployment on a busy machine. */
  private static void awaitHealthy(GangwayServer node) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (given().baseUri(node.baseUri()).get("/health").statusCode() == 200) return;
      Thread.sleep(250);
    }
    throw new AssertionError("node B is not healthy:\n" + node.log());
  }

  /** MariaDB's per-account statistics (userstat) tell node B's statements from everyone else's. */
  private static boolean enableAccountStatistics() {
    try (Connection c = TestDatabase.adminConnection();
        Statement s = c.createStatement()) {
      s.execute("SET GLOBAL userstat = 1");
      return true;
    } catch (SQLException e) {
      System.out.println(
          "[traffic] no per-account statistics (" + e.getMessage() + "): only rows are compared");
      return false;
    }
  }

  private static Map<String, Long> accountStatistics(String account) throws SQLException {
    try (Connection c = TestDatabase.adminConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT "
                    + String.join(", ", STATS)
                    + " FROM information_schema.USER_STATISTICS WHERE USER = ?")) {
      p.setString(1, account);
      Map<String, Long> out = new LinkedHashMap<>();
      try (ResultSet r = p.executeQuery()) {
        boolean any = r.next();
        for (String k : STATS) out.put(k, any ? r.getLong(k) : 0L);
      }
      return out;
    }
  }

  private static Map<String, Long> delta(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String k : STATS) out.put(k, b.get(k) - a.get(k));
    return out;
  }

  /** What the database holds of a directory's traffic. */
  private static Map<String, Object> rows(long directory) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (Connection c = Suite.get().database().connect()) {
      out.put(
          "requests",
          one(
              c,
              "SELECT COALESCE(SUM(requests), 0) FROM directory_traffic WHERE directory_id = ?",
              directory));
      out.put(
          "errors",
          one(
              c,
              "SELECT COALESCE(SUM(errors), 0) FROM directory_traffic WHERE directory_id = ?",
              directory));
      out.put(
          "lastRequestAt",
          one(
              c,
              "SELECT MAX(last_request_at) FROM directory_activity WHERE directory_id = ?",
              directory));
      out.put(
          "lastWriteAt",
          one(
              c,
              "SELECT MAX(last_write_at) FROM directory_activity WHERE directory_id = ?",
              directory));
      out.put(
          "recentErrors",
          one(c, "SELECT COUNT(*) FROM directory_error WHERE directory_id = ?", directory));
    }
    return out;
  }

  private static Object one(Connection c, String sql, long directory) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, directory);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        Object v = r.getObject(1);
        return v instanceof Number n ? (Object) n.longValue() : v == null ? null : v.toString();
      }
    }
  }
}
