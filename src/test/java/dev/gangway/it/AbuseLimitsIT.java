package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits that protect Gangway from one client and from its own growth, on a server of its own
 * (MariaDB): the per-directory SCIM rate limit, pruning within the audit retention, a rotated log,
 * an owner-only data directory and no listening port but HTTP. And the same files and ports on the
 * embedded database.
 */
class AbuseLimitsIT {
  private static final String ADMIN = "gwa_limits_" + UUID.randomUUID();

  /** 0.00005 days = 4.32 s: records older than that may be pruned. */
  private static final double RETENTION_DAYS = 0.00005;

  private static final long RETENTION_MS = Math.round(RETENTION_DAYS * 86_400_000);
  private static final int LOG_MAX = 20_000;
  private static TestDatabase db;
  private static GangwayServer server;

  @BeforeAll
  static void start() {
    db = TestDatabase.create(TestDatabase.Kind.MARIADB);
    Map<String, String> env = new HashMap<>(db.environment());
    env.put("GANGWAY_ADMIN_TOKEN", ADMIN);
    env.put("GANGWAY_SCIM_RATE_LIMIT", "4/6");
    env.put("GANGWAY_AUDIT_RETENTION_DAYS", String.valueOf(RETENTION_DAYS));
    env.put("GANGWAY_LOG_MAX_BYTES", String.valueOf(LOG_MAX));
    env.put("GANGWAY_LOG_FILES", "2");
    server = GangwayServer.start(Suite.dataDir("limits"), env);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (db != null) db.close();
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return given()
        .baseUri(server.baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + ADMIN)
        .contentType("application/json");
  }

  private static io.restassured.specification.RequestSpecification scim(String token) {
    return given()
        .baseUri(server.baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + token)
        .contentType(Api.SCIM_JSON);
  }

  private static String[] directory() {
    var j =
        admin()
            .body(
                "{\"name\":\"lim-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"idp\":\"okta\"}")
            .post("/directories")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new String[] {j.getString("id"), j.getString("token")};
  }

  @Test
  void aDirectoryOverItsRateLimitGets429WithRetryAfterAndOthersAreNotSlowed() throws Exception {
    String[] busy = directory();
    String[] calm = directory();
    int limited = 0;
    Response refusal = null;
    for (int i = 0; i < 30; i++) {
      Response r = scim(busy[1]).get("/Users?count=1");
      if (r.statusCode() == 429) {
        limited++;
        refusal = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }
    assertThat(limited)
        .as("30 requests at once against 4/s with bursts of 6")
        .isGreaterThanOrEqualTo(10);
    assertThat(Integer.parseInt(refusal.header("Retry-After"))).isBetween(1, 2);
    assertThat(refusal.contentType()).startsWith(Api.SCIM_JSON);
    assertThat(refusal.jsonPath().getList("schemas"))
        .containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(refusal.jsonPath().getString("status")).isEqualTo("429");
    // the other directory has its own bucket: its burst passes at once
    for (int i = 0; i < 6; i++) scim(calm[1]).get("/Users?count=1").then().statusCode(200);
    // and the busy one gets through again once it waited as told
    Thread.sleep(1000L * Integer.parseInt(refusal.header("Retry-After")));
    scim(busy[1]).get("/Users?count=1").then().statusCode(200);

    admin()
        .get("/directories/" + busy[0] + "/status")
        .then()
        .statusCode(200)
        .body("requests.rateLimited24h", equalTo(limited))
        .body("recentErrors.size()", equalTo(0));
    admin()
        .get("/directories/" + calm[0] + "/status")
        .then()
        .body("requests.rateLimited24h", equalTo(0));
    given()
        .baseUri(server.baseUri())
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(
            Matchers.containsString(
                "gangway_scim_rate_limited_total{directory=\"" + busy[0] + "\""))
        .body(Matchers.containsString("status=\"429\""));
  }

  @Test
  void pruningRemovesOnlyWhatIsOlderThanTheRetentionIsAuditedAndVerifies() throws Exception {
    String[] d = directory();
    String old =
        scim(d[1])
            .body(Api.user(Api.uniqueUserName()))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Thread.sleep(RETENTION_MS + 1500);
    Instant cut = Instant.now().minusMillis(RETENTION_MS + 500);
    String recent =
        scim(d[1])
            .body(Api.user(Api.uniqueUserName()))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // younger than the retention allows: refused, whatever the cut-off
    for (String t :
        new String[] {
          Instant.now().toString(),
          "9999-01-01T00:00:00Z",
          Instant.now().minusMillis(RETENTION_MS / 2).toString()
        }) {
      Response r = admin().body("{\"olderThan\":\"" + t + "\"}").post("/audit/prune");
      HostileAdminInputIT.assertProblem(r, 400, "prune before " + t);
      assertThat(r.jsonPath().getString("detail")).contains("retention");
    }
    admin()
        .queryParam("targetId", old)
        .get("/audit")
        .then()
        .body("action", hasItem("user.created"));

    var pruned =
        admin()
            .body("{\"olderThan\":\"" + cut + "\"}")
            .post("/audit/prune")
            .then()
            .statusCode(200)
            .body("removed", greaterThan(0))
            .extract()
            .jsonPath();
    long anchor = pruned.getLong("anchorBlock");
    String anchorHash = pruned.getString("anchorHash");
    assertThat(anchor).isPositive();
    admin().queryParam("targetId", old).get("/audit").then().body("size()", equalTo(0));
    admin()
        .queryParam("targetId", recent)
        .get("/audit")
        .then()
        .body("action", hasItem("user.created"));
    admin().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    // the pruning is audited, naming the anchor the kept chain starts from
    var record =
        admin()
            .queryParam("targetType", "audit")
            .get("/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(record.getList("action")).contains("audit.pruned");
    assertThat(record.getList("detail.anchorHash")).contains(anchorHash);
    assertThat(record.getList("actor")).contains("admin");
    // the anchor is a seal that still checks
    admin()
        .body("{\"block\":" + anchor + ",\"hash\":\"" + anchorHash + "\"}")
        .post("/audit/verify")
        .then()
        .statusCode(200)
        .body("result", equalTo("matches"));
    // a request that finds nothing old enough still leaves a record
    admin()
        .body("{\"olderThan\":\"2000-01-01T00:00:00Z\"}")
        .post("/audit/prune")
        .then()
        .statusCode(200)
        .body("removed", equalTo(0))
        .body("anchorBlock", equalTo((int) anchor));
    admin()
        .queryParam("targetType", "audit")
        .get("/audit")
        .then()
        .body("action", hasItem("audit.prune_requested"));
    admin().get("/audit/verify").then().body("valid", equalTo(true));
  }

  @Test
  void theLogRotatesAtItsSizeAndKeepsItsCount() throws Exception {
    String[] d = directory();
    for (int i = 0; i < 300; i++) { // one log line each (404, or 429 past the rate limit)
      scim(d[1]).get("/Users/" + UUID.randomUUID()).then().statusCode(Matchers.oneOf(404, 429));
    }
    Path logs = server.dataDir().resolve("logs");
    String base = "server-" + server.port() + ".log";
    List<Path> files;
    try (Stream<Path> s = Files.list(logs)) {
      files = s.filter(p -> p.getFileName().toString().startsWith(base)).sorted().toList();
    }
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder(base, base + ".1", base + ".2");
    for (Path f : files) assertThat(Files.size(f)).as(f.toString()).isLessThan(LOG_MAX + 4096);
  }

  @Test
  void onlyTheHttpPortListensAndTheDataDirectoryIsOwnerOnly() throws Exception {
    admin().post("/backups").then().statusCode(409); // MariaDB: backups are the database's tools
    assertThat(listeningPorts(server.javaPid())).containsExactly(server.port());
    assertOwnerOnly(server.dataDir());
  }

  @Test
  void onTheEmbeddedDatabaseTooAndItsBackups() throws Exception {
    try (GangwayServer embedded =
        GangwayServer.start(
            Suite.dataDir("limits-embedded"), Map.of("GANGWAY_ADMIN_TOKEN", ADMIN))) {
      given()
          .baseUri(embedded.baseUri())
          .basePath("/admin/api")
          .header("Authorization", "Bearer " + ADMIN)
          .post("/backups")
          .then()
          .statusCode(201);
      assertThat(listeningPorts(embedded.javaPid())).containsExactly(embedded.port());
      Path data = embedded.dataDir();
      try (Stream<Path> s = Files.walk(data)) {
        List<String> names = s.map(p -> p.getFileName().toString()).toList();
        assertThat(names).anyMatch(n -> n.endsWith(".mv.db")).contains("audit-key", "backups");
      }
      assertOwnerOnly(data);
    }
  }

  private static void assertOwnerOnly(Path dir) throws IOException {
    List<String> open = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(
              p ->
                  !p.getFileName()
                      .toString()
                      .startsWith("launcher-")) // the test's own capture of stdout
          .forEach(
              p -> {
                try {
                  Set<PosixFilePermission> perms =
                      Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                  for (PosixFilePermission x : perms) {
                    if (x.name().startsWith("GROUP") || x.name().startsWith("OTHERS")) {
                      open.add(p + " " + PosixFilePermissions.toString(perms));
                      break;
                    }
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    assertThat(open).as("files and folders others can read").isEmpty();
  }

  /** The TCP ports the process listens on: its socket inodes matched against /proc/net/tcp(6). */
  static Set<Integer> listeningPorts(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:["))
                inodes.add(target.substring(8, target.length() - 1));
            } catch (IOException e) {
              // closed meanwhile
            }
          });
    }
    Set<Integer> ports = new TreeSet<>();
    for (String table : new String[] {"tcp", "tcp6"}) {
      Path p = Path.of("/proc/" + pid + "/net/" + table);
      if (!Files.exists(p)) continue;
      List<String> lines = Files.readAllLines(p); // once: the table changes between two reads
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}
