package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People, not a shared secret (issue 14), against a real OpenID Connect provider: node's {@code
 * oidc-provider} on a loopback port ({@code src/test/browser/oidc-provider.mjs}) and a Gangway of
 * its own configured for it, with the break-glass token turned off. Headless Chromium signs in once
 * per role ({@code oidc.test.mjs}); the admin creates a personal API token there, with which this
 * class creates the other roles' tokens and walks every admin API operation the server lists in its
 * OpenAPI document — so endpoints added later are covered without editing this test.
 */
class OidcSignInIT {
  private static final String CLIENT_ID = "gangway-it";
  private static final String CLIENT_SECRET = "it-secret-" + UUID.randomUUID();
  private static final String STATIC_TOKEN = "gwa_oidc_it_" + UUID.randomUUID();

  /** GET operations a viewer may call: status and access, no audit log, no exports. */
  private static final Set<String> VIEWER_READS =
      Set.of(
          "/directories",
          "/directories/{id}",
          "/directories/{id}/status",
          "/projects",
          "/projects/{key}",
          "/projects/{key}/access",
          "/projects/{key}/bindings",
          "/projects/{key}/bindings/{id}",
          "/users",
          "/users/{id}/access",
          "/companies",
          "/companies/{key}",
          "/groups",
          "/licence-pools",
          "/access-events",
          "/session");

  /**
   * Non-GET operations open to weaker roles: verifying a copied seal (auditor), signing out
   * (everyone).
   */
  private static final Map<String, String> WRITES_BELOW_ADMIN =
      Map.of("POST /audit/verify", "auditor", "DELETE /session", "viewer");

  private static TestDatabase database;
  private static GangwayServer server;
  private static Process provider;
  private static String issuer;
  private static int browserExit = -1;
  private static String browserOutput = "";
  private static String adminToken;

  @BeforeAll
  static void startProviderGangwayAndSignInWithChromium() throws Exception {
    String chromium = BrowserTests.chromium();
    Path browserTests = BrowserTests.folder("oidc-provider", "playwright-core");
    int providerPort = freePort();
    issuer = "http://127.0.0.1:" + providerPort;
    database = TestDatabase.create(TestDatabase.configuredKind());
    Map<String, String> env = new HashMap<>(database.environment());
    env.put("GANGWAY_ADMIN_TOKEN", STATIC_TOKEN);
    env.put("GANGWAY_ADMIN_BREAK_GLASS", "false");
    env.put("GANGWAY_AUDIT_KEY", "gwk_oidc_it_" + UUID.randomUUID());
    env.put("GANGWAY_OIDC_ISSUER", issuer);
    env.put("GANGWAY_OIDC_CLIENT_ID", CLIENT_ID);
    env.put("GANGWAY_OIDC_CLIENT_SECRET", CLIENT_SECRET);
    env.put("GANGWAY_OIDC_SCOPES", "openid email profile groups");
    env.put("GANGWAY_OIDC_ROLES_CLAIM", "groups");
    env.put(
        "GANGWAY_OIDC_ROLES",
        "gangway-admins=admin,gangway-auditors=auditor,gangway-viewers=viewer");
    server = GangwayServer.start(Suite.dataDir("oidc"), env);

    Path providerLog = Files.createTempFile("gangway-oidc-provider-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder("node", "oidc-provider.mjs")
            .directory(browserTests.toFile())
            .redirectErrorStream(true)
            .redirectOutput(providerLog.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "OIDC_PORT",
                String.valueOf(providerPort),
                "CLIENT_ID",
                CLIENT_ID,
                "CLIENT_SECRET",
                CLIENT_SECRET,
                "REDIRECT_URI",
                server.baseUri() + "/admin/auth/callback",
                "POST_LOGOUT_REDIRECT_URI",
                server.baseUri() + "/admin/"));
    provider = pb.start();
    Instant until = Instant.now().plusSeconds(30);
    while (!Files.readString(providerLog).contains("OIDC provider ready")) {
      if (!provider.isAlive() || Instant.now().isAfter(until))
        fail("the OpenID provider did not start:\n" + Files.readString(providerLog));
      Thread.sleep(100);
    }

    Path resultFile = Files.createTempFile("gangway-oidc-result-", ".json");
    Path screenshots = GangwayServer.project("target/screenshots");
    Files.createDirectories(screenshots);
    BrowserTests.Result browser =
        BrowserTests.run(
            List.of("node", "oidc.test.mjs"),
            browserTests,
            Map.of(
                "GANGWAY_URL",
                server.baseUri(),
                "OIDC_ISSUER",
                issuer,
                "RESULT_FILE",
                resultFile.toString(),
                "CHROMIUM",
                chromium,
                "SCREENSHOT_DIR",
                screenshots.toString()),
            Duration.ofMinutes(4),
            "oidc");
    browserExit = browser.exitCode();
    browserOutput = browser.output();
    String result = Files.readString(resultFile);
    Files.deleteIfExists(resultFile);
    if (!result.isBlank()) adminToken = JsonPath.from(result).getString("adminToken");
  }

  @AfterAll
  static void stop() {
    if (provider != null) provider.destroy();
    if (server != null) server.close();
    if (database != null) database.close();
  }

  @Test
  void eachRoleSignsInThroughTheIdpInChromiumAndSeesWhatItMayUse() {
    assertThat(browserExit).as("browser test exit code; its output:\n" + browserOutput).isZero();
    assertThat(browserOutput)
        .contains(" passed, 0 failed")
        .contains("ok   viewer: sign-out ends the session");
  }

  @Test
  void everyWriteIsRefusedToAuditorsAndViewersWithNothingChangedAndReadsFollowTheRole() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Fixture f = fixture(tag);
    JsonPath auditorToken = token("auditor-" + tag, "auditor", "1h");
    JsonPath viewerToken = token("viewer-" + tag, "viewer", "1h");
    String auditor = auditorToken.getString("token");
    String viewer = viewerToken.getString("token");
    long victim = token("victim-" + tag, "viewer", "1h").getLong("id");
    f.values.put("/tokens/{id}", "/tokens/" + victim);

    Map<String, List<String>> operations = adminOperations();
    assertThat(operations.keySet())
        .as("the OpenAPI document lists the admin API")
        .contains("/directories", "/tokens", "/session", "/exports/access");
    String before = snapshot(f);
    List<String> wrong = new ArrayList<>();
    int writes = 0;
    for (var op : operations.entrySet()) {
      for (String method : op.getValue()) {
        String call = method + " " + op.getKey();
        String path = f.fill(op.getKey());
        for (String role : List.of("auditor", "viewer")) {
          String token = role.equals("auditor") ? auditor : viewer;
          boolean allowed =
              method.equals("GET")
                  ? role.equals("auditor") || VIEWER_READS.contains(op.getKey())
                  : WRITES_BELOW_ADMIN.containsKey(call)
                      && (role.equals("auditor") || WRITES_BELOW_ADMIN.get(call).equals("viewer"));
          if (!method.equals("GET") && !allowed) writes++;
          if (call.equals("DELETE /session"))
            continue; // signing out with a token changes nothing; checked below
          RequestSpecification request = as(token);
          if (!method.equals("GET") && !method.equals("DELETE")) request.body(f.body(call));
          Response r = request.request(method, path);
          if (allowed) {
            if (r.statusCode() == 401 || r.statusCode() == 403)
              wrong.add(role + " " + call + " -> " + r.statusCode());
          } else if (r.statusCode() != 403
              || !String.valueOf(r.contentType()).startsWith("application/problem+json")
              || r.jsonPath().getInt("status") != 403) {
            wrong.add(role + " " + call + " -> " + r.statusCode() + " " + r.contentType());
          }
        }
      }
    }
    assertThat(wrong).as("calls answered against the role rule").isEmpty();
    assertThat(writes).as("writes tried per role (every non-GET operation)").isGreaterThan(2 * 20);
    assertThat(snapshot(f)).as("nothing changed by the refused writes").isEqualTo(before);
    // The refusals are audited against the token that tried (rate-limited); no change carries its
    // name.
    for (JsonPath who : List.of(auditorToken, viewerToken)) {
      String actor = "token " + who.getString("name") + " (" + who.getLong("id") + ")";
      List<String> actions =
          as(adminToken)
              .queryParam("actor", actor)
              .queryParam("limit", 1000)
              .get("/audit")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("action");
      assertThat(actions)
          .as("what the audit log records of " + actor)
          .isNotEmpty()
          .containsOnly("admin.refused");
    }
    // An admin may use all of it: the same token creates and signs out.
    as(adminToken)
        .body("{\"key\":\"ok-" + tag + "\",\"name\":\"Allowed\",\"domains\":[]}")
        .post("/companies")
        .then()
        .statusCode(201);
    as(viewer).delete("/session").then().statusCode(200);
  }

  @Test
  void aPersonalTokenExpiresAndARevokedOneIsRefusedAtOnce() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    as(adminToken)
        .body("{\"name\":\"x\",\"role\":\"root\",\"expiresIn\":\"1h\"}")
        .post("/tokens")
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"));
    as(adminToken)
        .body("{\"name\":\"x\",\"role\":\"viewer\",\"expiresIn\":\"400d\"}")
        .post("/tokens")
        .then()
        .statusCode(400);
    as(adminToken)
        .body("{\"name\":\"x\",\"role\":\"viewer\",\"expiresIn\":\"soon\"}")
        .post("/tokens")
        .then()
        .statusCode(400)
        .body("detail", containsString("duration"));

    String shortLived = token("short-" + tag, "viewer", "3s").getString("token");
    as(shortLived).get("/directories").then().statusCode(200);
    Thread.sleep(4_000);
    as(shortLived)
        .get("/directories")
        .then()
        .statusCode(401)
        .contentType(containsString("application/problem+json"));

    JsonPath revoked = token("revoked-" + tag, "auditor", "1d");
    String secret = revoked.getString("token");
    long id = revoked.getLong("id");
    as(secret).get("/audit/verify").then().statusCode(200);
    as(adminToken).delete("/tokens/" + id).then().statusCode(204);
    as(secret).get("/directories").then().statusCode(401);
    as(adminToken).delete("/tokens/" + id).then().statusCode(204);
    as(adminToken).delete("/tokens/999999999").then().statusCode(404);

    JsonPath list = as(adminToken).get("/tokens").then().statusCode(200).extract().jsonPath();
    assertThat(list.getList("token")).as("no secret in the list").allMatch(t -> t == null);
    assertThat(list.getString("find { it.id == " + id + " }.status")).isEqualTo("revoked");
    assertThat(list.getString("find { it.id == " + id + " }.lastUsedAt")).isNotNull();
    assertThat(list.getString("find { it.name == 'short-" + tag + "' }.status"))
        .isEqualTo("expired");
    List<String> audited =
        as(adminToken)
            .queryParam("targetType", "admin_token")
            .queryParam("targetId", String.valueOf(id))
            .get("/audit")
            .then()
            .extract()
            .jsonPath()
            .getList("action");
    assertThat(audited).containsExactly("token.created", "token.revoked");
  }

  @Test
  void theBreakGlassTokenIsRefusedWhenTurnedOff() {
    given()
        .baseUri(server.baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + STATIC_TOKEN)
        .get("/directories")
        .then()
        .statusCode(401)
        .contentType(containsString("application/problem+json"));
    given()
        .baseUri(server.baseUri())
        .get("/admin/auth/config")
        .then()
        .statusCode(200)
        .body("breakGlass", equalTo(false))
        .body("oidc", equalTo(true));
  }

  @Test
  void theAuditLogNamesThePersonAndTheTokenAndRecordsFailedSignIns() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JsonPath log =
        as(adminToken)
            .queryParam("actor", "person ann.admin@example.com")
            .queryParam("limit", 1000)
            .get("/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(log.getList("action", String.class))
        .contains("admin.signed_in", "token.created", "admin.signed_out", "company.created");
    assertThat(log.getString("find { it.action == 'token.created' }.cause"))
        .contains("subject ann.admin");

    JsonPath me =
        as(adminToken)
            .get("/session")
            .then()
            .statusCode(200)
            .body("method", equalTo("token"))
            .body("role", equalTo("admin"))
            .extract()
            .jsonPath();
    String key = "by-token-" + tag;
    as(adminToken)
        .body("{\"key\":\"" + key + "\",\"name\":\"By token\",\"domains\":[]}")
        .post("/companies")
        .then()
        .statusCode(201);
    as(adminToken)
        .queryParam("targetType", "company")
        .queryParam("targetId", key)
        .get("/audit")
        .then()
        .statusCode(200)
        .body("[0].actor", equalTo(me.getString("actor")))
        .body("[0].actor", startsWith("token matrix-"))
        .body("[0].cause", containsString("personal API token " + me.getLong("tokenId")));

    as(adminToken)
        .queryParam("targetType", "sign-in")
        .get("/audit")
        .then()
        .statusCode(200)
        .body("action", hasItem("admin.sign_in_failed"))
        .body("detail.code", hasItem("no-role"));
  }

  @Test
  void theBreakGlassTokenStillWorksByDefaultAndItsUseIsAudited() {
    RequestSpecification breakGlass = Api.admin();
    breakGlass
        .get("/session")
        .then()
        .statusCode(200)
        .body("method", equalTo("break-glass"))
        .body("role", equalTo("admin"));
    List<String> uses =
        Api.admin()
            .queryParam("actor", "admin")
            .queryParam("targetType", "admin")
            .queryParam("targetId", "break-glass")
            .queryParam("limit", 1000)
            .get("/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("action");
    assertThat(uses).contains("admin.break_glass_used");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static RequestSpecification as(String token) {
    if (token == null)
      fail("no admin personal token: the browser test did not create one:\n" + browserOutput);
    return given()
        .baseUri(server.baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .accept("application/json, application/problem+json, */*");
  }

  private static JsonPath token(String name, String role, String expiresIn) {
    return as(adminToken)
        .body(
            "{\"name\":\""
                + name
                + "\",\"role\":\""
                + role
                + "\",\"expiresIn\":\""
                + expiresIn
                + "\"}")
        .post("/tokens")
        .then()
        .statusCode(201)
        .body("token", startsWith("gwp_"))
        .header("Cache-Control", "no-store")
        .extract()
        .jsonPath();
  }

  /**
   * Every admin API path the server documents, with its methods (GET, POST, PUT, PATCH, DELETE).
   */
  private static Map<String, List<String>> adminOperations() {
    Map<String, Map<String, Object>> paths =
        given()
            .baseUri(server.baseUri())
            .accept("application/json")
            .get("/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    Map<String, List<String>> ops = new LinkedHashMap<>();
    for (var e : new TreeMap<>(paths).entrySet()) {
      if (!e.getKey().startsWith("/admin/api/")) continue;
      List<String> methods = new ArrayList<>();
      for (String m : new TreeSet<>(e.getValue().keySet())) {
        String upper = m.toUpperCase(Locale.ROOT);
        if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(upper)) methods.add(upper);
      }
      ops.put(e.getKey().substring("/admin/api".length()), methods);
    }
    return ops;
  }

  /** Real data for every path parameter, so that a write let through would change something. */
  private record Fixture(Map<String, String> values, Map<String, String> bodies) {
    String fill(String template) {
      String path = template;
      for (var e : values.entrySet()) path = path.replace(e.getKey(), e.getValue());
      return path.replaceAll("\\{[^}]+}", "1");
    }

    String body(String call) {
      return bodies.getOrDefault(call, "{}");
    }
  }

  private static Fixture fixture(String tag) {
    String dirName = "mx-" + tag;
    JsonPath dir =
        as(adminToken)
            .body("{\"name\":\"" + dirName + "\",\"idp\":\"okta\"}")
            .post("/directories")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String userName = "mx." + tag + "@mx-" + tag + ".example";
    String userId =
        given()
            .baseUri(server.baseUri())
            .basePath("/scim/v2")
            .header("Authorization", "Bearer " + dir.getString("token"))
            .contentType("application/scim+json")
            .body(Api.user(userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String company = "mx-" + tag;
    as(adminToken)
        .body(
            "{\"key\":\""
                + company
                + "\",\"name\":\"Matrix "
                + tag
                + "\",\"domains\":[\"mx-"
                + tag
                + ".example\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = "MX" + tag.toUpperCase(Locale.ROOT);
    as(adminToken)
        .body("{\"key\":\"" + project + "\",\"name\":\"Matrix\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    long binding =
        as(adminToken)
            .body("{\"role\":\"customers\",\"company\":\"" + company + "\"}")
            .post("/projects/" + project + "/bindings")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long rule =
        as(adminToken)
            .body(
                "{\"priority\":10,\"when\":{\"attribute\":\"organization\",\"equals\":\"Matrix "
                    + tag
                    + "\"},\"company\":\""
                    + company
                    + "\"}")
            .post("/mapping-rules")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    String pool = "mx-pool-" + tag;
    as(adminToken)
        .body("{\"name\":\"specialists\",\"licencePool\":\"" + pool + "\"}")
        .post("/projects/" + project + "/roles")
        .then()
        .statusCode(201);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("/directories/{id}", "/directories/" + dir.getLong("id"));
    values.put("/users/{id}", "/users/" + userId);
    values.put("/companies/{key}", "/companies/" + company);
    values.put("/projects/{key}/bindings/{id}", "/projects/" + project + "/bindings/" + binding);
    values.put("/projects/{key}", "/projects/" + project);
    values.put("/mapping-rules/{id}", "/mapping-rules/" + rule);
    values.put("/licence-pools/{key}", "/licence-pools/" + pool);
    Map<String, String> bodies = new HashMap<>();
    bodies.put("POST /directories", "{\"name\":\"evil-" + tag + "\",\"idp\":\"okta\"}");
    bodies.put("PATCH /directories/{id}", "{\"name\":\"evil-" + tag + "\"}");
    bodies.put(
        "POST /companies", "{\"key\":\"evil-" + tag + "\",\"name\":\"Evil\",\"domains\":[]}");
    bodies.put("PATCH /companies/{key}", "{\"name\":\"Evil\"}");
    bodies.put(
        "POST /projects",
        "{\"key\":\"EVIL" + tag.toUpperCase(Locale.ROOT) + "\",\"name\":\"Evil\"}");
    bodies.put("POST /projects/{key}/roles", "{\"name\":\"evil\"}");
    bodies.put(
        "POST /projects/{key}/bindings", "{\"role\":\"agents\",\"company\":\"" + company + "\"}");
    bodies.put("PUT /licence-pools/{key}", "{\"seats\":0}");
    bodies.put(
        "POST /mapping-rules",
        "{\"priority\":1,\"when\":{\"attribute\":\"organization\",\"equals\":\"Evil\"},\"company\":\""
            + company
            + "\"}");
    bodies.put("POST /mapping-rules/preview", bodies.get("POST /mapping-rules"));
    bodies.put("PATCH /mapping-rules/{id}", "{\"priority\":99}");
    bodies.put("POST /tokens", "{\"name\":\"evil\",\"role\":\"admin\",\"expiresIn\":\"1d\"}");
    bodies.put("POST /audit/prune", "{\"olderThan\":\"" + Instant.now() + "\"}");
    return new Fixture(values, bodies);
  }

  /** What an admin sees of everything the refused writes aim at (token use times aside). */
  private static String snapshot(Fixture f) {
    StringBuilder s = new StringBuilder();
    for (String path :
        List.of(
            "/directories",
            "/directories/{id}",
            "/companies",
            "/companies/{key}",
            "/projects",
            "/projects/{key}",
            "/projects/{key}/bindings",
            "/mapping-rules",
            "/licence-pools")) {
      s.append(path)
          .append(' ')
          .append(as(adminToken).get(f.fill(path)).then().statusCode(200).extract().asString())
          .append('\n');
    }
    s.append("/tokens ")
        .append(
            as(adminToken)
                .get("/tokens")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("collect { [it.id, it.name, it.role, it.expiresAt, it.revokedAt] }"));
    return s.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
