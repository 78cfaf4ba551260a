package dev.gangway.it;

import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements a request costs, counted by MariaDB itself for the server's own database account
 * ({@code information_schema.USER_STATISTICS} and {@code TABLE_STATISTICS}, with {@code userstat}
 * on): other clients of the same MariaDB do not disturb the count. N requests one at a time,
 * divided by N, with a little slack for the server's own background work.
 */
class StatementBudgetIT {
  private static final int N = 40;

  /** Background work of the server (timers, flushes) that may fall into a window of N requests. */
  private static final int SLACK = 15;

  /**
   * The tables a SCIM request's own work writes (traffic counters and audit seals are background
   * work).
   */
  private static final Set<String> DATA_TABLES =
      Set.of(
          "directory",
          "scim_user",
          "user_value",
          "scim_group",
          "group_member",
          "company_member",
          "mapping_issue",
          "access_grant",
          "access_event");

  private static Boolean userstatBefore;

  @BeforeAll
  static void countPerAccount() throws SQLException {
    Assumptions.assumeTrue(
        Suite.get().database().kind() == TestDatabase.Kind.MARIADB,
        "statement counts are MariaDB's own counters");
    try (Connection c = TestDatabase.connectAsAdmin();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT @@GLOBAL.userstat")) {
        r.next();
        userstatBefore = r.getBoolean(1);
      }
      if (!userstatBefore) {
        try {
          s.execute("SET GLOBAL userstat = ON");
        } catch (SQLException e) {
          userstatBefore = null;
          Assumptions.abort(
              "per-account statement counts need userstat, and the test account may not turn it on"
                  + " (SET GLOBAL needs SUPER): "
                  + e.getMessage());
        }
      }
    }
  }

  @AfterAll
  static void restore() throws SQLException {
    if (Boolean.FALSE.equals(userstatBefore)) {
      try (Connection c = TestDatabase.connectAsAdmin();
          Statement s = c.createStatement()) {
        s.execute("SET GLOBAL userstat = OFF");
      }
    }
  }

  /** What the server's account did between two readings. */
  private record Reading(long selects, long dataRowsChanged, Map<String, Long> changedByTable) {
    Reading minus(Reading before) {
      Map<String, Long> changed = new TreeMap<>();
      changedByTable.forEach(
          (t, n) -> {
            long d = n - before.changedByTable.getOrDefault(t, 0L);
            if (d != 0) changed.put(t, d);
          });
      return new Reading(
          selects - before.selects, dataRowsChanged - before.dataRowsChanged, changed);
    }
  }

  private static Reading read() throws SQLException {
    TestDatabase db = Suite.get().database();
    try (Connection c = TestDatabase.connectAsAdmin();
        Statement s = c.createStatement()) {
      long selects = 0;
      try (ResultSet r =
          s.executeQuery(
              "SELECT SELECT_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER = '"
                  + db.user()
                  + "'")) {
        if (r.next()) selects = r.getLong(1);
      }
      Map<String, Long> changed = new TreeMap<>();
      long data = 0;
      try (ResultSet r =
          s.executeQuery(
              "SELECT TABLE_NAME, ROWS_CHANGED FROM information_schema.TABLE_STATISTICS"
                  + " WHERE TABLE_SCHEMA = '"
                  + db.user()
                  + "'")) {
        while (r.next()) {
          changed.put(r.getString(1), r.getLong(2));
          if (DATA_TABLES.contains(r.getString(1))) data += r.getLong(2);
        }
      }
      return new Reading(selects, data, changed);
    }
  }

  private interface Request {
    void run(int i);
  }

  private static Reading count(Request request) throws SQLException {
    request.run(N); // once before counting: caches and lazy set-up are not what is measured
    Reading before = read();
    for (int i = 0; i < N; i++) request.run(i);
    Reading r = read().minus(before);
    System.out.printf(
        "[statements] %d requests: %d SELECTs (%.2f each), rows changed %s%n",
        N, r.selects(), r.selects() / (double) N, r.changedByTable());
    return r;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void lookupsAndReadsCostAtMostThreeStatementsAndWriteNothing() throws SQLException {
    Api.Directory d = Api.newDirectory("okta");
    List<String[]> users = new ArrayList<>();
    for (int i = 0; i <= N; i++) {
      String userName = Api.uniqueUserName();
      String externalId = "ext-" + UUID.randomUUID();
      String id =
          scim(d)
              .body(
                  "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                      + userName
                      + "\",\"externalId\":\""
                      + externalId
                      + "\",\"emails\":[{\"value\":\""
                      + userName
                      + "\",\"type\":\"work\"}]}")
              .post("/Users")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      users.add(new String[] {id, userName, externalId});
    }
    String group = Api.createGroup(d, Api.uniqueName("Readers"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + users.get(0)[0]
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);

    // Okta's lookup: the directory's token (1), the page (2), the user's values and groups (3);
    // the page of one tells the total, so there is no count query
    Reading byUserName =
        count(
            i ->
                scim(d)
                    .urlEncodingEnabled(false)
                    .get(
                        "/Users?filter="
                            + encode("userName eq \"" + users.get(i)[1] + "\"")
                            + "&startIndex=1&count=100")
                    .then()
                    .statusCode(200)
                    .body("totalResults", equalTo(1))
                    .body("Resources[0].id", equalTo(users.get(i)[0])));
    Reading byExternalId =
        count(
            i ->
                scim(d)
                    .urlEncodingEnabled(false)
                    .get("/Users?filter=" + encode("externalId eq \"" + users.get(i)[2] + "\""))
                    .then()
                    .statusCode(200)
                    .body("totalResults", equalTo(1)));
    Reading byId =
        count(
            i ->
                scim(d)
                    .get("/Users/" + users.get(i)[0])
                    .then()
                    .statusCode(200)
                    .body("userName", equalTo(users.get(i)[1])));

    for (Reading r : List.of(byUserName, byExternalId, byId)) {
      assertThat(r.selects()).as("SELECTs for %d reads", N).isLessThanOrEqualTo(3L * N + SLACK);
      assertThat(r.dataRowsChanged())
          .as("rows written by %d reads: %s", N, r.changedByTable())
          .isZero();
    }
  }

  @Test
  void aCreateReadsNoMoreThanItsRulesAndAMemberAddLocksTheGroupInItsRead() throws SQLException {
    Api.Directory d = Api.newDirectory("okta");
    String prefix = "budget." + UUID.randomUUID().toString().substring(0, 8);
    // a plain create reads: the token, the mapping rules, the owners of its email domain, its
    // company placement (none); no userName check before the insert (the unique key decides),
    // no re-read of what it just wrote, no access paths of a user that cannot have any
    Reading creates =
        count(
            i ->
                scim(d)
                    .body(Api.user(prefix + "." + i + "@example.com"))
                    .post("/Users")
                    .then()
                    .statusCode(201));
    assertThat(creates.selects())
        .as("SELECTs for %d creates", N)
        .isLessThanOrEqualTo(5L * N + SLACK);

    List<String> members = new ArrayList<>();
    for (int i = 0; i <= N; i++)
      members.add(Api.createUser(d, prefix + ".member." + i + "@example.com"));
    String group = Api.createGroup(d, Api.uniqueName("Budget"));
    // a member add reads: the token, the group (locked by that read), whether group-name rules
    // and bindings care; the user check, the insert and the "already a member?" check are one
    // INSERT … SELECT
    Reading adds =
        count(
            i ->
                scim(d)
                    .body(
                        patch(
                            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                + members.get(i)
                                + "\"}]}"))
                    .patch("/Groups/" + group)
                    .then()
                    .statusCode(204));
    assertThat(adds.selects())
        .as("SELECTs for %d member adds", N)
        .isLessThanOrEqualTo(5L * N + SLACK);
    assertThat(adds.changedByTable().get("group_member")).as("member rows").isEqualTo((long) N);
    List<String> listed =
        scim(d).get("/Groups/" + group).then().statusCode(200).extract().path("members.value");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(members);
  }
}
