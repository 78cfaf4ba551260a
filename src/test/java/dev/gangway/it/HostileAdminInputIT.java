package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The admin API under hostile or sloppy input: wrongly typed fields, malformed, truncated and
 * oversized bodies, trailing data, unknown paths and methods, missing or wrong tokens. Every answer
 * is a 4xx problem+json without a stack trace, HTML or a Java class name, and changes nothing. Also
 * what unauthenticated traffic can do to /metrics and the log: nothing lasting.
 */
class HostileAdminInputIT {
  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "(java|jakarta|dev\\.gangway|com\\.fasterxml|org\\.)\\.[a-z]"
              + "|Exception|\\bat [a-z]+\\.|<html|<HTML|`");

  /** The request bodies of every admin API write, each with one field of the wrong JSON type. */
  private static List<String[]> wronglyTyped(String project, String company) {
    List<String[]> c = new ArrayList<>();
    c.add(new String[] {"/directories", "{\"name\":42,\"idp\":\"okta\"}", "name"});
    c.add(new String[] {"/directories", "{\"name\":\"d\",\"idp\":true}", "idp"});
    c.add(new String[] {"/directories", "{\"name\":[\"d\"],\"idp\":\"okta\"}", "name"});
    c.add(
        new String[] {
          "/companies", "{\"key\":7,\"name\":\"C\",\"domains\":[\"c.example\"]}", "key"
        });
    c.add(
        new String[] {
          "/companies", "{\"key\":\"k\",\"name\":\"C\",\"domains\":\"c.example\"}", "domains"
        });
    c.add(
        new String[] {
          "/companies", "{\"key\":\"k\",\"name\":\"C\",\"domains\":[1]}", "domains[0]"
        });
    c.add(new String[] {"/projects", "{\"key\":1.5,\"name\":\"P\"}", "key"});
    c.add(new String[] {"/projects", "{\"key\":\"P\",\"name\":{}}", "name"});
    c.add(new String[] {"/projects/" + project + "/roles", "{\"name\":false}", "name"});
    c.add(
        new String[] {
          "/projects/" + project + "/bindings", "{\"role\":\"r\",\"company\":9}", "company"
        });
    c.add(
        new String[] {
          "/mapping-rules",
          "{\"priority\":\"1\",\"when\":{\"attribute\":\"department\",\"equals\":\"x\"},\"company\":\""
              + company
              + "\"}",
          "priority"
        });
    c.add(
        new String[] {
          "/mapping-rules",
          "{\"priority\":1.5,\"when\":{\"attribute\":\"department\",\"equals\":\"x\"},\"company\":\""
              + company
              + "\"}",
          "priority"
        });
    c.add(
        new String[] {
          "/mapping-rules",
          "{\"priority\":1,\"when\":{\"attribute\":\"department\",\"equals\":3},\"company\":\""
              + company
              + "\"}",
          "when.equals"
        });
    c.add(
        new String[] {
          "/mapping-rules",
          "{\"priority\":1,\"when\":\"department\",\"company\":\"" + company + "\"}",
          "when"
        });
    c.add(new String[] {"/audit/prune", "{\"olderThan\":20200101}", "olderThan"});
    c.add(
        new String[] {
          "/audit/verify", "{\"block\":\"1\",\"hash\":\"" + "0".repeat(64) + "\"}", "block"
        });
    c.add(
        new String[] {
          "/audit/verify", "{\"block\":1,\"hash\":[\"" + "0".repeat(64) + "\"]}", "hash"
        });
    return c;
  }

  @Test
  void wronglyTypedFieldsAre400NamingTheFieldAndChangeNothing() {
    String company = "hc-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(
            "{\"key\":\""
                + company
                + "\",\"name\":\"H\",\"domains\":[\""
                + company
                + ".example\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = "HP-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Hostile\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    String before = totals();
    for (String[] c : wronglyTyped(project, company)) {
      Response r = admin().body(c[1]).post(c[0]);
      assertProblem(r, 400, c[0] + " " + c[1]);
      assertThat(r.jsonPath().getString("detail")).as(c[1]).contains("'" + c[2] + "'");
    }
    Response patch =
        admin()
            .body("{\"name\":5,\"domains\":[\"" + company + ".example\"]}")
            .patch("/companies/" + company);
    assertProblem(patch, 400, "PATCH company with a numeric name");
    assertThat(patch.jsonPath().getString("detail")).contains("'name'");
    admin().get("/companies/" + company).then().statusCode(200).body("name", equalTo("H"));
    assertProblem(
        admin().body("{\"seats\":\"5\"}").put("/licence-pools/" + project + "-pool"),
        400,
        "pool seats as a string");
    assertProblem(
        admin().body("{\"seats\":5.5}").put("/licence-pools/" + project + "-pool"),
        400,
        "pool seats as a fraction");
    assertThat(totals()).isEqualTo(before);
    admin().get("/directories").then().body("name", Matchers.not(Matchers.hasItem("42")));
  }

  @Test
  void malformedTruncatedOversizedAndMisaddressedRequestsAreProblemJson() {
    String before = totals();
    String valid = "{\"name\":\"never-" + UUID.randomUUID() + "\",\"idp\":\"okta\"}";
    List<String> bodies =
        new ArrayList<>(
            List.of(
                "",
                "null",
                "[]",
                "42",
                "\"x\"",
                "{",
                "{\"name\":",
                "{\"name\":\"a\",}",
                "{'name':'a'}",
                valid + "x",
                valid + " {}",
                valid + valid,
                "{\"name\":\"\\ud800\",\"idp\":\"okta\",\"x\":1}",
                "{\"unknown\":1}",
                "{\"name\":\"a\",\"idp\":\"okta\",\"name\":\"b\",\"extra\":[1,2]}"));
    for (int i = 1; i < valid.length() - 1; i += 7) bodies.add(valid.substring(0, i)); // truncated
    bodies.add("[".repeat(5000) + "]".repeat(5000)); // deep
    bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
    for (String body : bodies) {
      Response r = admin().body(body).post("/directories");
      assertProblem(
          r, -1, "POST /directories " + (body.length() > 60 ? body.substring(0, 60) + "…" : body));
    }
    // bytes that are not UTF-8
    assertProblem(
        admin()
            .contentType("application/json")
            .body(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})
            .post("/directories"),
        -1,
        "invalid UTF-8");
    // huge: refused with 413, by length and when chunked (no Content-Length)
    String huge = "{\"name\":\"" + "a".repeat(2_000_000) + "\",\"idp\":\"okta\"}";
    assertProblem(admin().body(huge).post("/directories"), 413, "2 MB body");
    assertProblem(
        admin().body(new ByteArrayInputStream(huge.getBytes())).post("/directories"),
        413,
        "2 MB chunked body");
    // wrong media type, unknown paths and methods
    assertProblem(
        admin().contentType(ContentType.TEXT).body(valid).post("/directories"), 415, "text/plain");
    assertProblem(admin().get("/no-such-thing"), 404, "unknown path");
    assertProblem(admin().get("/directories/1/no-such-thing"), 404, "unknown sub path");
    assertProblem(admin().get("/directories/%20"), 404, "blank id");
    assertProblem(admin().get("/directories/" + "9".repeat(40)), 404, "huge id");
    assertProblem(admin().delete("/directories"), 405, "DELETE on a collection");
    assertProblem(admin().queryParam("limit", "abc").get("/audit"), -1, "limit=abc");
    assertProblem(admin().queryParam("limit", "-1").get("/audit"), 400, "limit=-1");
    assertThat(totals()).isEqualTo(before);
  }

  @Test
  void refusedAdminAuthenticationsAreAuditedOncePerSourceAMinuteWithoutTheToken() throws Exception {
    String wrong = "gwa_wrong_" + UUID.randomUUID();
    long after = lastSeq();
    for (int i = 0; i < 25; i++) {
      Response r =
          given()
              .baseUri(Suite.get().baseUri())
              .basePath("/admin/api")
              .header("Authorization", "Bearer " + wrong)
              .get("/directories");
      assertProblem(r, 401, "wrong admin token");
      assertProblem(
          given().baseUri(Suite.get().baseUri()).basePath("/admin/api").get("/audit"),
          401,
          "no token");
    }
    var records =
        admin()
            .queryParam("targetType", "source")
            .queryParam("limit", 1000)
            .get("/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> actions = records.getList("action");
    assertThat(actions).contains("admin.auth_failed");
    // 50 refusals from one source within a minute: one record (at most two, if the minute turned
    // meanwhile)
    List<String> sources = records.getList("targetId");
    assertThat(sources.stream().filter(s -> s.equals("127.0.0.1")).count()).isBetween(1L, 2L);
    assertThat(records.prettify()).doesNotContain(wrong).doesNotContain(Suite.ADMIN_TOKEN);
    assertThat(Suite.get().server().log()).doesNotContain(wrong);
    // when the minute ends, the refusals after the first are written as one record with their count
    long deadline = System.currentTimeMillis() + 80_000;
    int total = 0;
    List<Integer> failures = List.of();
    while (total < 50 && System.currentTimeMillis() < deadline) {
      Thread.sleep(2000);
      failures =
          admin()
              .queryParam("after", after)
              .queryParam("targetType", "source")
              .queryParam("targetId", "127.0.0.1")
              .queryParam("limit", 1000)
              .get("/audit")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("detail.failures", Integer.class);
      total = failures.stream().mapToInt(Integer::intValue).sum();
    }
    assertThat(total).as("refusals counted in the records " + failures).isEqualTo(50);
    assertThat(failures)
        .as("one record at once, one with the count when the minute ended (twice if it turned)")
        .hasSizeBetween(2, 4)
        .anyMatch(n -> n > 1);
  }

  @Test
  void exportsOfPersonalDataAreAudited() {
    long after = lastSeq();
    admin().queryParam("format", "jsonl").get("/exports/users").then().statusCode(200);
    admin()
        .get("/audit?after=" + after + "&targetType=export")
        .then()
        .statusCode(200)
        .body("action", Matchers.hasItem("export.downloaded"))
        .body("targetId", Matchers.hasItem("users"))
        .body("actor", Matchers.hasItem("admin"));
  }

  @Test
  void withRetentionOffPruningIsRefusedAndRemovesNothing() {
    Api.Directory d = Api.newDirectory("okta");
    String id = Api.createUser(d, Api.uniqueUserName());
    assertProblem(
        admin().body("{\"olderThan\":\"9999-01-01T00:00:00Z\"}").post("/audit/prune"),
        409,
        "prune, retention off");
    assertProblem(
        admin().body("{\"olderThan\":\"2000-01-01T00:00:00Z\"}").post("/audit/prune"),
        409,
        "prune, retention off");
    admin()
        .queryParam("targetId", id)
        .get("/audit")
        .then()
        .body("action", Matchers.hasItem("user.created"));
    admin().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  @Test
  void pathsWithMalformedPercentEncodingLeaveNoStackTraceInTheLog() throws Exception {
    int logLength = Suite.get().server().log().length();
    for (String path :
        List.of(
            "/scim/v2/Users/%zz",
            "/scim/v2/%", "/admin/api/directories/%g0", "/%zz%", "/scim/v2/Users/a%2")) {
      for (int i = 0; i < 16; i++) {
        // raw: an HTTP client would not send such a path; the container refuses it before Gangway
        // runs
        try (Socket socket = new Socket("127.0.0.1", URI.create(Suite.get().baseUri()).getPort())) {
          socket
              .getOutputStream()
              .write(
                  ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
          String answer =
              new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
          assertThat(answer)
              .as(path)
              .startsWith("HTTP/1.1 ")
              .doesNotStartWith("HTTP/1.1 5")
              .doesNotContain("Exception");
        }
      }
    }
    String added = Suite.get().server().log().substring(logLength);
    assertThat(added)
        .as("log lines added by 80 malformed paths")
        .doesNotContain("URLDecoder")
        .doesNotContain("\tat ");
    assertThat(added.lines().filter(l -> !l.contains("Audit block")).count())
        .isLessThanOrEqualTo(3);
  }

  @Test
  void unauthenticatedRequestsToRandomPathsGrowNeitherMetricsNorTheLog() {
    Random random = new Random(9);
    String[] methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
    for (int round = 0; round < 2; round++) {
      int series = metricSeries();
      int logLength = Suite.get().server().log().length();
      List<String> marks = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String mark = "rnd" + UUID.randomUUID().toString().replace("-", "");
        marks.add(mark);
        String path =
            switch (i % 4) {
              case 0 -> "/scim/v2/" + mark;
              case 1 -> "/scim/v2/Users/" + mark + "/x;y=" + mark;
              case 2 -> "/scim/" + mark;
              default -> "/scim/v2/" + mark + "/.search";
            };
        given()
            .baseUri(Suite.get().baseUri())
            .header("Authorization", i % 2 == 0 ? "Bearer gws_" + mark : "Basic " + mark)
            .body("{\"password\":\"" + mark + "\"}")
            .request(methods[random.nextInt(methods.length)], path)
            .then()
            .statusCode(Matchers.allOf(Matchers.greaterThanOrEqualTo(400), Matchers.lessThan(500)));
      }
      if (round == 0) continue; // the first round may add the shared "unmatched" series
      assertThat(metricSeries())
          .as("metric series after 60 random unauthenticated requests")
          .isEqualTo(series);
      String metrics = given().baseUri(Suite.get().baseUri()).get("/metrics").asString();
      System.out.println(
          "[figures] gangway_scim series: "
              + series
              + " before and after 60 random unauthenticated"
              + " requests; /metrics "
              + metrics.length()
              + " bytes; log grew by "
              + (Suite.get().server().log().length() - logLength)
              + " characters");
      String log = Suite.get().server().log();
      String added = log.substring(Math.min(logLength, log.length()));
      for (String mark : marks) {
        assertThat(metrics).doesNotContain(mark);
        assertThat(log).doesNotContain(mark);
      }
      // one summary line a minute at most (plus the odd line of background work such as sealing)
      assertThat(added.lines().filter(l -> !l.contains("Audit block")).count())
          .as("log lines added by 60 refused requests:\n" + added)
          .isLessThanOrEqualTo(3);
    }
  }

  @Test
  void logsHoldNeitherTokensNorBodies() {
    Api.Directory d = Api.newDirectory("okta");
    String password = "Pw-" + UUID.randomUUID();
    String user = Api.uniqueUserName();
    Api.scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + user
                + "\",\"password\":\""
                + password
                + "\"}")
        .post("/Users")
        .then()
        .statusCode(201);
    Api.scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":7,\"password\":\""
                + password
                + "\"}")
        .post("/Users")
        .then()
        .statusCode(400);
    admin()
        .body("{\"name\":\"" + password + "\",\"idp\":3}")
        .post("/directories")
        .then()
        .statusCode(400);
    String log = Suite.get().server().log();
    assertThat(log)
        .doesNotContain(password)
        .doesNotContain(d.token())
        .doesNotContain(Suite.ADMIN_TOKEN)
        .doesNotContain(user);
  }

  private static long lastSeq() {
    List<Integer> seqs =
        admin().queryParam("limit", 1000).get("/audit").then().extract().jsonPath().getList("seq");
    long last = 0;
    while (!seqs.isEmpty()) {
      last = seqs.get(seqs.size() - 1);
      seqs =
          admin()
              .queryParam("after", last)
              .queryParam("limit", 1000)
              .get("/audit")
              .then()
              .extract()
              .jsonPath()
              .getList("seq");
    }
    return last;
  }

  private static int metricSeries() {
    String text =
        given()
            .baseUri(Suite.get().baseUri())
            .get("/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return (int) text.lines().filter(l -> l.startsWith("gangway_scim")).count();
  }

  /** Directories, companies and projects: what a refused write could have created. */
  private static String totals() {
    return admin()
            .get("/directories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id")
            .size()
        + "/"
        + admin()
            .get("/companies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("key")
            .size()
        + "/"
        + admin()
            .get("/projects")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("key")
            .size();
  }

  /**
   * A 4xx (the given status, or any 4xx for -1) problem+json without anything of the implementation
   * in it.
   */
  static void assertProblem(Response r, int status, String what) {
    if (status > 0) assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(status);
    else assertThat(r.statusCode()).as(what + ": " + r.asString()).isBetween(400, 499);
    assertThat(r.contentType()).as(what).startsWith("application/problem+json");
    String body = r.asString();
    Matcher m = JAVA_NAME.matcher(body);
    assertThat(m.find()).as(what + ": implementation detail in " + body).isFalse();
    assertThat(r.jsonPath().getInt("status")).as(what).isEqualTo(r.statusCode());
    assertThat(r.jsonPath().getString("title")).as(what).isNotBlank();
  }
}
