package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * What a crash, a stop and a restore do to acknowledged writes, on the embedded default and on
 * MariaDB: each test runs servers of its own, started with the README's start script.
 */
class CrashSafetyIT {
  private static final String ADMIN = "gwa_crash_" + UUID.randomUUID();
  private static final Duration LOAD = Duration.ofSeconds(6);

  @Test
  void killNineUnderWriteLoadLosesNoAcknowledgedWriteOnTheEmbeddedDatabase() {
    killNineUnderWriteLoad(Suite.dataDir("crash-embedded"), Map.of());
  }

  @Test
  void killNineUnderWriteLoadLosesNoAcknowledgedWriteOnMariaDb() {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      killNineUnderWriteLoad(Suite.dataDir("crash-mariadb"), db.environment());
    }
  }

  private void killNineUnderWriteLoad(Path data, Map<String, String> dbEnv) {
    Map<String, String> env = env(dbEnv);
    Interrupted run = underLoad(data, env, GangwayServer::kill);
    assertThat(run.load().ackedUsers)
        .as("users acknowledged before the kill")
        .hasSizeGreaterThan(10);
    restartAndReadBack(data, env, run);
  }

  @Test
  void aCorruptEmbeddedDatabaseStopsTheStartWithWhatToDo() throws IOException {
    Path data = Suite.dataDir("corrupt");
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(data.resolve("gangway.mv.db"), noise);
    GangwayServer.Started s = GangwayServer.launch(data, env(Map.of()));
    assertThat(s.ready()).isFalse();
    assertThat(s.exitCode()).isNotNull().isNotZero();
    String out = Files.readString(s.log());
    assertThat(out)
        .contains("Gangway did not start")
        .contains("gangway.mv.db cannot be read")
        .contains("unzip the backup into")
        .contains("org.h2.tools.Recover")
        .doesNotContain("Gangway is ready on");
    assertThat(Files.readAllBytes(data.resolve("gangway.mv.db")))
        .as("the file is left as it was")
        .isEqualTo(noise);
  }

  @Test
  void sigtermUnderLoadFinishesWhatIsInFlightAndLosesNothing() {
    Path data = Suite.dataDir("graceful");
    Map<String, String> env = env(Map.of());
    record Stopped(int exit, Duration took, String log) {}
    AtomicReference<Stopped> stopped = new AtomicReference<>();
    Interrupted run =
        underLoad(
            data,
            env,
            server -> {
              Instant begin = Instant.now();
              int exit = server.stop(Duration.ofSeconds(45));
              stopped.set(new Stopped(exit, Duration.between(begin, Instant.now()), server.log()));
            });
    WriteLoad load = run.load();
    assertThat(load.odd).as("5xx other than a clean 503, or answers cut off").isEmpty();
    assertThat(load.ackedUsers).hasSizeGreaterThan(10);
    assertThat(stopped.get().exit())
        .as("exit code of the start script after SIGTERM")
        .isEqualTo(143);
    assertThat(stopped.get().took()).as("time to stop").isLessThan(Duration.ofSeconds(30));
    assertThat(stopped.get().log()).contains("Gangway is stopping").contains("Requests drained");
    System.out.printf(
        "[graceful stop] %d users acknowledged, %d refused while stopping, stopped in %d ms%n",
        load.ackedUsers.size(), load.refused.size(), stopped.get().took().toMillis());
    restartAndReadBack(data, env, run);
  }

  @Test
  void anOnlineBackupOfTheEmbeddedDatabaseRestoresIntoAServerWhoseAuditVerifies()
      throws IOException {
    Path data = Suite.dataDir("backup");
    Map<String, String> env = env(Map.of());
    Fixture f;
    Set<String> beforeBackup;
    Path backup;
    try (GangwayServer server = GangwayServer.start(data, env)) {
      f = Fixture.create(server);
      try (WriteLoad load = new WriteLoad(server.baseUri(), f.token(), f.groupId(), 2)) {
        sleep(Duration.ofSeconds(2));
        beforeBackup = new HashSet<>(load.ackedUsers.keySet());
        backup =
            Path.of(
                admin(server)
                    .post("/backups")
                    .then()
                    .statusCode(201)
                    .extract()
                    .<String>path("file"));
      }
    }
    assertThat(beforeBackup).isNotEmpty();
    assertThat(backup).exists().startsWith(data.resolve("backups"));

    Path restored = Suite.dataDir("restored");
    try (Stream<Path> files = Files.list(data)) { // the secrets kept beside the database
      for (Path p :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("gangway."))
              .toList()) {
        Files.copy(p, restored.resolve(p.getFileName()));
      }
    }
    unzip(backup, restored);
    try (GangwayServer server = GangwayServer.start(restored, env)) {
      for (String id : beforeBackup)
        scim(server, f.token()).get("/Users/" + id).then().statusCode(200);
      admin(server).get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
      admin(server).get("/audit?targetType=backup").then().statusCode(200);
    }
  }

  @Test
  void onMariaDbABackupIsMariadbDumpAndItsRestoreVerifies() throws Exception {
    try (TestDatabase source = TestDatabase.create(TestDatabase.Kind.MARIADB);
        TestDatabase target = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      Map<String, String> env = env(source.environment());
      Fixture f;
      String userId;
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("dump"), env)) {
        f = Fixture.create(server);
        userId =
            scim(server, f.token())
                .body(Api.user(Api.uniqueUserName()))
                .post("/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin(server)
            .post("/backups")
            .then()
            .statusCode(409)
            .contentType("application/problem+json")
            .body("detail", Matchers.containsString("mariadb-dump"));
      }
      Path dump = Suite.dataDir("dump-file").resolve("gangway.sql");
      String[] hostPort = TestDatabase.mariadbHost().split(":");
      run(
          new ProcessBuilder(
                  "mariadb-dump",
                  "--single-transaction",
                  "--no-tablespaces",
                  "-h",
                  hostPort[0],
                  "-P",
                  hostPort[1],
                  "-u",
                  source.name(),
                  "-p" + source.password(),
                  source.name())
              .redirectOutput(dump.toFile()));
      run(
          new ProcessBuilder(
                  "mariadb",
                  "-h",
                  hostPort[0],
                  "-P",
                  hostPort[1],
                  "-u",
                  target.name(),
                  "-p" + target.password(),
                  target.name())
              .redirectInput(dump.toFile()));
      try (GangwayServer server =
          GangwayServer.start(Suite.dataDir("dump-restored"), env(target.environment()))) {
        scim(server, f.token()).get("/Users/" + userId).then().statusCode(200);
        admin(server).get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
      }
    }
  }

  // --- helpers ---

  private record Fixture(String token, String groupId) {
    static Fixture create(GangwayServer server) {
      String token =
          admin(server)
              .body(
                  "{\"name\":\"crash-"
                      + UUID.randomUUID().toString().substring(0, 8)
                      + "\",\"idp\":\"okta\"}")
              .post("/directories")
              .then()
              .statusCode(201)
              .extract()
              .path("token");
      String group =
          scim(server, token)
              .body(
                  "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                      + "\"displayName\":\"crash group\"}")
              .post("/Groups")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      return new Fixture(token, group);
    }
  }

  /** What 8 IdP-like writers had acknowledged when {@code end} ended their server. */
  private record Interrupted(Fixture fixture, WriteLoad load) {}

  private static Interrupted underLoad(
      Path data, Map<String, String> env, Consumer<GangwayServer> end) {
    try (GangwayServer server = GangwayServer.start(data, env)) {
      Fixture f = Fixture.create(server);
      WriteLoad load = new WriteLoad(server.baseUri(), f.token(), f.groupId(), 8);
      sleep(LOAD);
      end.accept(server);
      load.close();
      return new Interrupted(f, load);
    }
  }

  /** Starts the server again on the same data and reads back everything it had acknowledged. */
  private static void restartAndReadBack(Path data, Map<String, String> env, Interrupted run) {
    try (GangwayServer second = GangwayServer.start(data, env)) {
      assertEverythingAcknowledgedIsThere(second, run.fixture(), run.load());
      admin(second).get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }
  }

  private static void assertEverythingAcknowledgedIsThere(
      GangwayServer server, Fixture f, WriteLoad load) {
    for (Map.Entry<String, String> u : load.ackedUsers.entrySet()) {
      scim(server, f.token())
          .get("/Users/" + u.getKey())
          .then()
          .statusCode(200)
          .body("userName", equalTo(u.getValue()));
    }
    List<String> members =
        scim(server, f.token())
            .get("/Groups/" + f.groupId())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("members.value", String.class);
    assertThat(members == null ? List.<String>of() : members).containsAll(load.ackedMembers);
    System.out.printf(
        "[crash safety] %d acknowledged users and %d acknowledged member adds read back%n",
        load.ackedUsers.size(), load.ackedMembers.size());
  }

  private static Map<String, String> env(Map<String, String> db) {
    Map<String, String> env = new HashMap<>(db);
    env.put("GANGWAY_ADMIN_TOKEN", ADMIN);
    env.put("GANGWAY_AUDIT_KEY", Suite.AUDIT_KEY); // a restored database is verified with its key
    return env;
  }

  private static RequestSpecification admin(GangwayServer s) {
    return given()
        .baseUri(s.baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + ADMIN)
        .contentType(ContentType.JSON);
  }

  private static RequestSpecification scim(GangwayServer s, String token) {
    return given()
        .baseUri(s.baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + token)
        .contentType(Api.SCIM_JSON)
        .accept(Api.SCIM_JSON);
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path out = into.resolve(e.getName()).normalize();
        if (!out.startsWith(into))
          throw new IOException("entry outside the folder: " + e.getName());
        Files.copy(in, out);
      }
    }
  }

  private static void run(ProcessBuilder pb) throws IOException, InterruptedException {
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    int code = pb.start().waitFor();
    assertThat(code).as(String.join(" ", pb.command().subList(0, 2))).isZero();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
