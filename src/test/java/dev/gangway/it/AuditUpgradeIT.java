package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.gangway.audit.Seals;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A database whose audit log was chained the old way (schema V6) upgrades, still verifies, and gets
 * sealed.
 */
class AuditUpgradeIT {
  private static final String KEY = "gwk_upgrade_" + UUID.randomUUID();
  private static final String ADMIN = "gwa_upgrade_" + UUID.randomUUID();

  @Test
  void recordsChainedBeforeSealingStillVerifyAfterTheUpgradeAndAreSealed() throws Exception {
    Assumptions.assumeTrue(
        TestDatabase.configuredKind() == TestDatabase.Kind.MARIADB, "needs direct database access");
    TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB);
    try {
      Map<String, String> env = db.environment();
      Flyway.configure()
          .dataSource(
              env.get("GANGWAY_DB_URL"), env.get("GANGWAY_DB_USER"), env.get("GANGWAY_DB_PASSWORD"))
          .locations("classpath:db/migration")
          .target("6")
          .placeholders(
              Map.of("table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"))
          .load()
          .migrate();
      String prev = Seals.ZERO;
      Instant at = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
      try (Connection c = db.connect();
          PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO audit_record"
                      + " (seq, at, actor, action, target_type, target_id, detail, cause, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        for (long seq = 1; seq <= 5; seq++) {
          String target = "LEGACY-" + seq;
          String hash =
              Seals.legacyHash(
                  seq,
                  at,
                  "admin",
                  "project.created",
                  "project",
                  target,
                  "{\"name\":\"Old\"}",
                  "POST /admin/api/projects by admin",
                  prev);
          s.setLong(1, seq);
          s.setTimestamp(2, Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime()));
          s.setString(3, "admin");
          s.setString(4, "project.created");
          s.setString(5, "project");
          s.setString(6, target);
          s.setString(7, "{\"name\":\"Old\"}");
          s.setString(8, "POST /admin/api/projects by admin");
          s.setString(9, prev);
          s.setString(10, hash);
          s.executeUpdate();
          prev = hash;
        }
        try (PreparedStatement h =
            c.prepareStatement("UPDATE audit_head SET last_seq = 5, last_hash = ? WHERE id = 1")) {
          h.setString(1, prev);
          h.executeUpdate();
        }
      }
      Map<String, String> serverEnv = new HashMap<>(env);
      serverEnv.put("GANGWAY_ADMIN_TOKEN", ADMIN);
      serverEnv.put("GANGWAY_AUDIT_KEY", KEY);
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("audit-upgrade"), serverEnv)) {
        RequestSpecification admin =
            given()
                .baseUri(server.baseUri())
                .basePath("/admin/api")
                .header("Authorization", "Bearer " + ADMIN)
                .contentType("application/json");
        given()
            .spec(admin)
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(true))
            .body("entries", equalTo(5))
            .body("unsealed", equalTo(0));
        List<Integer> blocks =
            given()
                .spec(admin)
                .queryParam("targetType", "project")
                .get("/audit")
                .then()
                .extract()
                .path("block");
        assertThat(blocks).hasSize(5).doesNotContainNull();
        given()
            .spec(admin)
            .body("{\"name\":\"after-upgrade\",\"idp\":\"okta\"}")
            .post("/directories")
            .then()
            .statusCode(201);
        given()
            .spec(admin)
            .get("/audit/verify")
            .then()
            .body("valid", equalTo(true))
            .body("entries", greaterThanOrEqualTo(6));
        assertThat(server.log())
            .contains("Audit key: taken from configuration")
            .contains("Audit block 1 sealed")
            .doesNotContain(KEY);

        try (Connection c = db.connect();
            PreparedStatement s =
                c.prepareStatement("UPDATE audit_record SET target_id = ? WHERE seq = 3")) {
          s.setString(1, "LEGACY-X");
          s.executeUpdate();
          given()
              .spec(admin)
              .get("/audit/verify")
              .then()
              .body("valid", equalTo(false))
              .body("brokenAt", equalTo(3))
              .body("reason", containsString("hash"));
        }
      }
    } finally {
      db.close();
    }
  }
}
