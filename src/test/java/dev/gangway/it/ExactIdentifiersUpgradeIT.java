package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gangway.directory.SecretToken;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB database created before V10 (PAD SPACE collation: trailing spaces compared away)
 * upgrades to exact comparison: its users and groups are found by their exact identifiers only, its
 * foreign keys are back, and a value differing only in trailing space is no longer a duplicate for
 * the database.
 */
class ExactIdentifiersUpgradeIT {
  private static final String USER = "00000000-0000-4000-8000-000000000001";
  private static final String GROUP = "00000000-0000-4000-8000-000000000002";

  @Test
  void identifiersStoredBeforeTheUpgradeCompareExactlyAfterIt() throws Exception {
    Assumptions.assumeTrue(
        TestDatabase.configuredKind() == TestDatabase.Kind.MARIADB, "needs direct database access");
    TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB);
    try {
      Map<String, String> env = new HashMap<>(db.environment());
      Flyway.configure()
          .dataSource(
              env.get("GANGWAY_DB_URL"), env.get("GANGWAY_DB_USER"), env.get("GANGWAY_DB_PASSWORD"))
          .locations("classpath:db/migration")
          .target("9")
          .placeholders(
              Map.of("table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"))
          .load()
          .migrate();
      String token = "gwd_upgrade_" + UUID.randomUUID();
      int foreignKeysBefore;
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO directory (id, name, idp, token_hash, status, created_at,"
                    + " token_issued_at, version) VALUES (1, 'legacy', 'okta', ?, 'ACTIVE', ?, ?, 0)")) {
          p.setString(1, SecretToken.Hash.of(token).hex());
          p.setTimestamp(2, now);
          p.setTimestamp(3, now);
          p.executeUpdate();
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO scim_user (id, directory_id, version, user_name, user_name_key,"
                    + " external_id, active, created_at, modified_at) VALUES (?, 1, 1, 'Ann@x.example', 'ann@x.example', 'ext-1', TRUE, ?, ?)")) {
          p.setString(1, USER);
          p.setTimestamp(2, now);
          p.setTimestamp(3, now);
          p.executeUpdate();
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO scim_group (id, directory_id, version, display_name,"
                    + " display_name_key, external_id, created_at, modified_at) VALUES (?, 1, 1, 'Admins', 'admins', 'g-1', ?, ?)")) {
          p.setString(1, GROUP);
          p.setTimestamp(2, now);
          p.setTimestamp(3, now);
          p.executeUpdate();
        }
        s.executeUpdate(
            "INSERT INTO group_member (group_id, member_id, member_type, directory_id, added_at)"
                + " VALUES ('"
                + GROUP
                + "', '"
                + USER
                + "', 'USER', 1, NOW(6))");
        // what PAD SPACE did: the padded key is the same key
        try (ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM scim_user WHERE user_name_key = 'ann@x.example '")) {
          r.next();
          assertThat(r.getInt(1)).isEqualTo(1);
        }
        foreignKeysBefore = foreignKeys(s);
      }

      env.put("GANGWAY_ADMIN_TOKEN", "gwa_upgrade_" + UUID.randomUUID());
      env.put("GANGWAY_AUDIT_KEY", "gwk_upgrade_" + UUID.randomUUID());
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("exact-upgrade"), env)) {
        Supplier<RequestSpecification> fresh =
            () ->
                given()
                    .baseUri(server.baseUri())
                    .basePath("/scim/v2")
                    .header("Authorization", "Bearer " + token)
                    .contentType(Api.SCIM_JSON);
        fresh
            .get()
            .get("/Users/" + USER)
            .then()
            .statusCode(200)
            .body("userName", equalTo("Ann@x.example"));
        fresh.get().get("/Users/" + USER + "%20").then().statusCode(404);
        fresh.get().get("/Groups/" + GROUP + "%20").then().statusCode(404);
        fresh
            .get()
            .queryParam("filter", "userName eq \"ann@x.example \"")
            .get("/Users")
            .then()
            .body("totalResults", equalTo(0));
        fresh
            .get()
            .queryParam("filter", "userName eq \"ANN@X.EXAMPLE\"")
            .get("/Users")
            .then()
            .body("totalResults", equalTo(1));
        fresh
            .get()
            .queryParam("filter", "externalId eq \"ext-1 \"")
            .get("/Users")
            .then()
            .body("totalResults", equalTo(0));
        fresh
            .get()
            .queryParam("filter", "externalId eq \"ext-1\"")
            .get("/Users")
            .then()
            .body("totalResults", equalTo(1));
        fresh
            .get()
            .queryParam("filter", "displayName eq \"Admins \"")
            .get("/Groups")
            .then()
            .body("totalResults", equalTo(0));
        fresh
            .get()
            .queryParam("filter", "displayName eq \"admins\"")
            .get("/Groups")
            .then()
            .body("totalResults", equalTo(1));
        fresh
            .get()
            .queryParam("filter", "id eq \"" + GROUP + "\" and members eq \"" + USER + " \"")
            .get("/Groups")
            .then()
            .body("totalResults", equalTo(0));
        fresh
            .get()
            .queryParam("filter", "id eq \"" + GROUP + "\" and members eq \"" + USER + "\"")
            .get("/Groups")
            .then()
            .body("totalResults", equalTo(1));
        // through the API a padded identifier is refused, not a conflict
        fresh
            .get()
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"ann@x.example \"}")
            .post("/Users")
            .then()
            .statusCode(400)
            .body("scimType", equalTo("invalidValue"));

        try (Connection c = db.connect();
            Statement s = c.createStatement()) {
          try (ResultSet r =
              s.executeQuery(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                      + " AND table_name <> 'flyway_schema_history' AND table_collation <> 'utf8mb4_nopad_bin'")) {
            r.next();
            assertThat(r.getInt(1)).as("tables not converted").isZero();
          }
          assertThat(foreignKeys(s)).isEqualTo(foreignKeysBefore);
          try (ResultSet r =
              s.executeQuery(
                  "SELECT COUNT(*) FROM scim_user WHERE user_name_key = 'ann@x.example '")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
          }
          // the unique key no longer takes trailing space away
          s.executeUpdate(
              "INSERT INTO scim_user (id, directory_id, version, user_name, user_name_key, active, created_at,"
                  + " modified_at) VALUES ('00000000-0000-4000-8000-000000000003', 1, 1, 'ann@x.example ', 'ann@x.example ', TRUE,"
                  + " NOW(6), NOW(6))");
          // and a member row still needs its group
          try {
            s.executeUpdate(
                "INSERT INTO group_member (group_id, member_id, member_type, directory_id, added_at)"
                    + " VALUES ('00000000-0000-4000-8000-00000000dead', '"
                    + USER
                    + "', 'USER', 1, NOW(6))");
            throw new AssertionError("the foreign key of group_member is gone");
          } catch (SQLException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("foreign key");
          }
        }
      }
    } finally {
      db.close();
    }
  }

  private static int foreignKeys(Statement s) throws SQLException {
    try (ResultSet r =
        s.executeQuery(
            "SELECT COUNT(*) FROM information_schema.referential_constraints"
                + " WHERE constraint_schema = DATABASE()")) {
      r.next();
      return r.getInt(1);
    }
  }
}
