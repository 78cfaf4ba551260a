package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What admins and auditors see: sync status, the audit log, compliance exports. */
class AuditAndExportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<CSVRecord> csv(String body) throws Exception {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(body))
        .getRecords();
  }

  @Test
  void statusCountsABurstAndShowsAnInjectedError() {
    Api.Directory d = Api.newDirectory("okta");
    admin()
        .get("/directories/" + d.id() + "/status")
        .then()
        .statusCode(200)
        .body("health", equalTo("idle"))
        .body("counts.users", equalTo(0));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) ids.add(Api.createUser(d, Api.uniqueUserName()));
    scim(d)
        .body(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
        .patch("/Users/" + ids.get(0))
        .then()
        .statusCode(200);
    String group = Api.createGroup(d, Api.uniqueName("Status"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + ids.get(1)
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    admin()
        .get("/directories/" + d.id() + "/status")
        .then()
        .statusCode(200)
        .body("health", equalTo("healthy"))
        .body("counts.users", equalTo(12))
        .body("counts.activeUsers", equalTo(11))
        .body("counts.groups", equalTo(1))
        .body("counts.memberships", equalTo(1))
        .body("requests.last24h", equalTo(15))
        .body("requests.errors24h", equalTo(0))
        .body("lastWriteAt", startsWith("20"));

    scim(d).body("{\"userName\":").post("/Users").then().statusCode(400);
    admin()
        .get("/directories/" + d.id() + "/status")
        .then()
        .body("health", equalTo("degraded"))
        .body("requests.errors24h", equalTo(1))
        .body("recentErrors[0].method", equalTo("POST"))
        .body("recentErrors[0].path", equalTo("/scim/v2/Users"))
        .body("recentErrors[0].status", equalTo(400))
        .body("recentErrors[0].scimType", equalTo("invalidSyntax"));
    admin().get("/directories/999999/status").then().statusCode(404);
  }

  @Test
  void everyChangeIsAuditedAndTheChainVerifies() {
    Api.Directory d = Api.newDirectory("entra");
    String id = Api.createUser(d, Api.uniqueUserName());
    scim(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"Chief\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    scim(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    admin()
        .queryParam("targetType", "user")
        .queryParam("targetId", id)
        .get("/audit")
        .then()
        .statusCode(200)
        .body("action", Matchers.contains("user.created", "user.updated", "user.deactivated"))
        .body("[1].detail.changes.title", Matchers.contains(null, "Chief"))
        .body("[2].actor", equalTo("directory " + d.id()))
        .body("[2].cause", startsWith("PATCH /scim/v2/Users/" + id));
    admin()
        .queryParam("actor", "admin")
        .queryParam("targetType", "directory")
        .queryParam("targetId", String.valueOf(d.id()))
        .get("/audit")
        .then()
        .body("action", hasItem("directory.created"));
    admin()
        .get("/audit/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("entries", greaterThan(3));
  }

  @Test
  void tamperingWithOneAuditRowIsNamedByVerify() throws Exception {
    Assumptions.assumeTrue(
        Suite.get().database().kind() == TestDatabase.Kind.MARIADB, "needs direct database access");
    Api.Directory d = Api.newDirectory("okta");
    String id = Api.createUser(d, Api.uniqueUserName());
    long seq =
        admin()
            .queryParam("targetId", id)
            .get("/audit")
            .then()
            .extract()
            .jsonPath()
            .getLong("[0].seq");
    try (Connection c = Suite.get().database().connect()) {
      String original;
      try (PreparedStatement s =
          c.prepareStatement("SELECT detail FROM audit_record WHERE seq = ?")) {
        s.setLong(1, seq);
        ResultSet r = s.executeQuery();
        r.next();
        original = r.getString(1);
      }
      try (PreparedStatement s =
          c.prepareStatement("UPDATE audit_record SET detail = ? WHERE seq = ?")) {
        s.setString(1, original.replace("\"directory\"", "\"dir\""));
        s.setLong(2, seq);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) seq))
            .body("reason", Matchers.containsString("hash"));
      } finally {
        try (PreparedStatement s =
            c.prepareStatement("UPDATE audit_record SET detail = ? WHERE seq = ?")) {
          s.setString(1, original);
          s.setLong(2, seq);
          s.executeUpdate();
        }
      }
    }
    admin().get("/audit/verify").then().body("valid", equalTo(true));
  }

  /**
   * The suite's server keeps audit records forever (no GANGWAY_AUDIT_RETENTION_DAYS): pruning is
   * refused and removes nothing. Pruning within a retention: {@code AbuseLimitsIT}.
   */
  @Test
  void pruningOldRecordsKeepsTheChainVerifiable() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String old = Api.createUser(d, Api.uniqueUserName());
    Thread.sleep(20);
    Instant cut = Instant.now();
    admin()
        .body("{\"olderThan\":\"" + cut + "\"}")
        .post("/audit/prune")
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"));
    admin()
        .queryParam("targetId", old)
        .get("/audit")
        .then()
        .body("action", hasItem("user.created"));
    admin().get("/audit/verify").then().body("valid", equalTo(true));
    admin().body("{\"olderThan\":\"yesterday\"}").post("/audit/prune").then().statusCode(400);
  }

  @Test
  void exportsStreamCsvSafelyAndJsonLines() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String domain = "exp-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    String key = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Exp\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = "EXP-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Exports\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    admin()
        .body("{\"role\":\"customers\",\"company\":\"" + key + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);
    String evil = "=HYPERLINK(\"x\")@" + domain;
    String id =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + evil.replace("\"", "\\\"")
                    + "\",\"emails\":[{\"value\":\"eve@"
                    + domain
                    + "\"}]}")
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String body =
        admin()
            .queryParam("project", project)
            .get("/exports/access")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .header("Content-Disposition", startsWith("attachment"))
            .extract()
            .asString();
    assertThat(body).startsWith("user_id,user_name,directory_id,project,role,via_type,via,since");
    List<CSVRecord> rows = csv(body);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("user_id")).isEqualTo(id);
    assertThat(rows.get(0).get("user_name")).isEqualTo("'" + evil);
    assertThat(rows.get(0).get("via")).isEqualTo(key);

    String lines =
        admin()
            .queryParam("project", project)
            .queryParam("format", "jsonl")
            .get("/exports/access")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode row = JSON.readTree(lines.strip());
    assertThat(row.get("user_name").asText()).isEqualTo(evil);
    assertThat(row.get("role").asText()).isEqualTo("customers");
    admin().queryParam("format", "xml").get("/exports/access").then().statusCode(400);
    admin().queryParam("at", "tomorrow").get("/exports/access").then().statusCode(400);
  }

  @Test
  void accessAsOfAPastInstantMatchesWhatTheAccessApiSaidThen() throws Exception {
    Api.Directory d = Api.newDirectory("entra");
    String project = "ASOF-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"As of\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    String group = Api.createGroup(d, Api.uniqueName("As Of"));
    admin()
        .body("{\"role\":\"agents\",\"group\":\"" + group + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);
    String a = Api.createUser(d, Api.uniqueUserName());
    String b = Api.createUser(d, Api.uniqueUserName());
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + a
                    + "\"},{\"value\":\""
                    + b
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    Set<String> apiThen =
        new HashSet<>(
            admin()
                .get("/projects/" + project + "/access")
                .then()
                .extract()
                .jsonPath()
                .getList("entries.userId"));
    Thread.sleep(20);
    Instant then = Instant.now();
    Thread.sleep(20);
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);

    Set<String> exportedThen = new HashSet<>();
    csv(admin()
            .queryParam("project", project)
            .queryParam("at", then.toString())
            .get("/exports/access")
            .then()
            .statusCode(200)
            .extract()
            .asString())
        .forEach(r -> exportedThen.add(r.get("user_id")));
    assertThat(exportedThen).isEqualTo(apiThen).containsExactlyInAnyOrder(a, b);
    Set<String> exportedNow = new HashSet<>();
    csv(admin().queryParam("project", project).get("/exports/access").then().extract().asString())
        .forEach(r -> exportedNow.add(r.get("user_id")));
    assertThat(exportedNow).containsExactly(b);

    List<CSVRecord> changes =
        csv(
            admin()
                .queryParam("from", then.toString())
                .get("/exports/access-changes")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(changes)
        .anySatisfy(
            r -> {
              assertThat(r.get("kind")).isEqualTo("revoked");
              assertThat(r.get("user_id")).isEqualTo(a);
              assertThat(r.get("cause")).startsWith("PATCH /scim/v2/Groups/" + group);
            });
  }

  @Test
  void usersAndDeprovisioningEvidenceAreExported() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String domain = "dep-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    String key = "dep-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Dep\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Deprovisioning\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    admin()
        .body("{\"role\":\"customers\",\"company\":\"" + key + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);
    String id = Api.createUser(d, "leaver@" + domain);
    scim(d)
        .body(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200);

    CSVRecord user =
        csv(admin().get("/exports/users").then().statusCode(200).extract().asString()).stream()
            .filter(r -> r.get("user_id").equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(user.get("company")).isEqualTo(key);
    assertThat(user.get("active")).isEqualTo("false");
    assertThat(user.get("deactivated_at")).isNotEmpty();
    CSVRecord evidence =
        csv(admin().get("/exports/deprovisioning").then().statusCode(200).extract().asString())
            .stream()
            .filter(r -> r.get("user_id").equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(evidence.get("action")).isEqualTo("user.deactivated");
    assertThat(evidence.get("user_name")).isEqualTo("leaver@" + domain);
    assertThat(Instant.parse(evidence.get("access_revoked_at")))
        .isAfterOrEqualTo(Instant.parse(evidence.get("requested_at")));
    assertThat(evidence.get("paths_revoked")).isEqualTo("1");
    assertThat(evidence.get("paths_still_granted")).isEqualTo("0");
  }
}
