package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gangway scaled out: two Gangway nodes, each on a different node of a three-node MariaDB Galera
 * cluster (started on loopback ports by {@code src/test/galera/galera-cluster.sh}), take the writes
 * of 16 concurrent IdP-like writers. Each writer creates users in a company bound to a project
 * through one Gangway node, finds each at once and adds it to a bound group through the other, and
 * adds an email to one user all writers share. Whatever the cluster's certification conflicts, no
 * answer is a 5xx, nothing is lost and nothing is made twice, effective access equals what
 * membership and bindings imply, and the audit log verifies on both nodes.
 */
class GaleraIT {
  private static final int WRITERS = 16;
  private static final int ROUNDS = 5;
  private static final String ADMIN_TOKEN = "gwa_galera_" + UUID.randomUUID();
  private static final String SCIM_JSON = "application/scim+json";
  private static final RestAssuredConfig CONFIG =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .defaultContentCharset("UTF-8")
                  .encodeContentTypeAs(SCIM_JSON, ContentType.JSON));

  private static Path clusterDir;
  private static int[] sqlPorts;
  private static final List<GangwayServer> nodes = new ArrayList<>();

  @BeforeAll
  static void startClusterAndTwoNodes() throws Exception {
    RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    RestAssured.registerParser("application/problem+json", Parser.JSON);
    clusterDir =
        GangwayServer.project("target/galera-" + UUID.randomUUID().toString().substring(0, 8));
    sqlPorts = startCluster(clusterDir, freeBase());
    String db = "gangway_galera_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String password = UUID.randomUUID().toString();
    try (Connection c = admin(sqlPorts[0]);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      s.execute("CREATE USER '" + db + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
      s.execute("GRANT ALL ON " + db + ".* TO '" + db + "'@'127.0.0.1'");
    }
    // one node first: it runs the migrations (see README, "Running several nodes"); then the other
    for (int i = 0; i < 2; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("GANGWAY_DB_URL", "jdbc:mariadb://127.0.0.1:" + sqlPorts[i] + "/" + db);
      env.put("GANGWAY_DB_USER", db);
      env.put("GANGWAY_DB_PASSWORD", password);
      env.put("GANGWAY_ADMIN_TOKEN", ADMIN_TOKEN);
      env.put("GANGWAY_AUDIT_KEY", Suite.AUDIT_KEY); // every node seals and verifies with one key
      GangwayServer node = GangwayServer.start(Suite.dataDir("galera-node" + (i + 1)), env);
      System.out.println(
          "[galera] Gangway node "
              + (i + 1)
              + " on cluster node "
              + (i + 1)
              + " ready in "
              + node.startup().toMillis()
              + " ms at "
              + node.baseUri());
      nodes.add(node);
    }
    schema = db;
  }

  private static String schema;

  @AfterAll
  static void stopAll() throws Exception {
    nodes.forEach(GangwayServer::close);
    if (clusterDir != null) run(List.of("bash", script(), "stop", clusterDir.toString()), 120);
  }

  @Test
  void sixteenIdpWritersOnTwoNodesLoseNothingAndNeverSeeA5xx() throws Exception {
    GangwayServer a = nodes.get(0);
    GangwayServer b = nodes.get(1);

    // set-up through node A: a directory, a company bound to a project, a group bound to it too
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String domain = "acme-" + suffix + ".example";
    String companyKey = "acme-" + suffix;
    String projectKey = "galera-" + suffix;
    var directory =
        admin(a)
            .body("{\"name\":\"okta-" + suffix + "\",\"idp\":\"okta\"}")
            .post("/directories")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String token = directory.getString("token");
    admin(a)
        .body("{\"key\":\"" + companyKey + "\",\"name\":\"Acme\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    admin(a)
        .body("{\"key\":\"" + projectKey + "\",\"name\":\"Galera\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    String group =
        scim(a, token)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                    + "\"displayName\":\"Galera Team "
                    + suffix
                    + "\"}")
            .post("/Groups")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    admin(a)
        .body("{\"role\":\"customers\",\"company\":\"" + companyKey + "\"}")
        .post("/projects/" + projectKey + "/bindings")
        .then()
        .statusCode(201);
    admin(a)
        .body("{\"role\":\"collaborators\",\"group\":\"" + group + "\"}")
        .post("/projects/" + projectKey + "/bindings")
        .then()
        .statusCode(201);
    // a webhook subscription: every grant is delivered, in commit order across the cluster's nodes
    Receiver receiver = new Receiver();
    admin(a)
        .body("{\"url\":\"" + receiver.url() + "\",\"project\":\"" + projectKey + "\"}")
        .post("/webhooks")
        .then()
        .statusCode(201);
    String shared =
        scim(a, token)
            .body(user("shared." + suffix + "@elsewhere.example"))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // 16 writers, half entering through each node; each one's follow-ups go through the other node
    Map<String, String> created = new ConcurrentHashMap<>(); // userName -> id
    Set<String> emails = ConcurrentHashMap.newKeySet();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    long started = System.nanoTime();
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        GangwayServer own = nodes.get(w % 2);
        GangwayServer other = nodes.get((w + 1) % 2);
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < ROUNDS; r++) {
                    String userName = "w" + writer + "r" + r + "." + suffix + "@" + domain;
                    Response create = scim(own, token).body(user(userName)).post("/Users");
                    if (!expect(create, 201, "create", failures, statuses)) continue;
                    String id = create.path("id");
                    created.put(userName, id);
                    // a user created through one node is found at once through the other
                    Response found =
                        scim(other, token)
                            .queryParam("filter", "userName eq \"" + userName + "\"")
                            .get("/Users");
                    if (expect(found, 200, "lookup", failures, statuses)
                        && !Integer.valueOf(1).equals(found.path("totalResults"))) {
                      failures.add(
                          "lookup through the other node found "
                              + found.path("totalResults")
                              + " for "
                              + userName);
                    }
                    expect(
                        scim(other, token)
                            .body(
                                patch(
                                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                        + id
                                        + "\"}]}"))
                            .patch("/Groups/" + group),
                        204,
                        "member add",
                        failures,
                        statuses);
                    String email = "alias.w" + writer + "r" + r + "@elsewhere.example";
                    if (expect(
                        scim(own, token)
                            .body(
                                patch(
                                    "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\""
                                        + email
                                        + "\",\"type\":\"other\"}]}"))
                            .patch("/Users/" + shared),
                        200,
                        "patch",
                        failures,
                        statuses)) {
                      emails.add(email);
                    }
                  }
                }));
      }
      for (Future<?> f : writers) f.get(10, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int writes = WRITERS * ROUNDS * 3;
    long fiveXx =
        statuses.entrySet().stream()
            .filter(e -> e.getKey() >= 500)
            .mapToLong(Map.Entry::getValue)
            .sum();
    long retries = nodes.stream().mapToLong(n -> metric(n, "gangway_transaction_retries")).sum();
    long exhausted =
        nodes.stream().mapToLong(n -> metric(n, "gangway_transaction_retries_exhausted")).sum();
    System.out.printf(
        "[galera] %d writes (and %d lookups) by %d writers over 2 nodes in %.1f s: %.1f writes/s;"
            + " statuses %s; %d answered 5xx; %d transaction retries, %d gave up%n",
        writes,
        WRITERS * ROUNDS,
        WRITERS,
        seconds,
        writes / seconds,
        new TreeMap<>(statuses),
        fiveXx,
        retries,
        exhausted);

    assertThat(failures).isEmpty();
    assertThat(fiveXx).isZero();
    assertThat(exhausted).isZero();

    // nothing lost, nothing extra: every create once, every member, every email; read through node
    // B
    Map<String, String> listed = new HashMap<>();
    var page =
        scim(b, token)
            .queryParam("count", 200)
            .get("/Users")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getInt("totalResults")).isEqualTo(WRITERS * ROUNDS + 1);
    List<Map<String, Object>> resources = page.getList("Resources");
    for (Map<String, Object> u : resources)
      listed.put((String) u.get("userName"), (String) u.get("id"));
    Map<String, String> expectedUsers = new HashMap<>(created);
    expectedUsers.put("shared." + suffix + "@elsewhere.example", shared);
    assertThat(listed).isEqualTo(expectedUsers);

    List<String> members =
        scim(b, token)
            .get("/Groups/" + group)
            .then()
            .statusCode(200)
            .extract()
            .path("members.value");
    assertThat(members).containsExactlyInAnyOrderElementsOf(created.values());

    var sharedDoc =
        scim(a, token).get("/Users/" + shared).then().statusCode(200).extract().jsonPath();
    assertThat(sharedDoc.getList("emails.value", String.class))
        .containsAll(emails)
        .hasSize(WRITERS * ROUNDS + 1);
    assertThat(sharedDoc.getString("meta.version"))
        .isEqualTo("W/\"" + (WRITERS * ROUNDS + 1) + "\"");

    // effective access equals a recomputation from what is stored: group members get the group's
    // role, company members the company's; nobody else has any
    List<String> companyMembers =
        admin(b)
            .queryParam("limit", 1000)
            .get("/companies/" + companyKey)
            .then()
            .statusCode(200)
            .extract()
            .path("members.userId");
    Map<String, Set<String>> expected = new TreeMap<>();
    members.forEach(m -> expected.computeIfAbsent(m, k -> new TreeSet<>()).add("collaborators"));
    companyMembers.forEach(m -> expected.computeIfAbsent(m, k -> new TreeSet<>()).add("customers"));
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(created.values());
    Map<String, Set<String>> actual = new TreeMap<>();
    var access =
        admin(b)
            .queryParam("limit", 1000)
            .get("/projects/" + projectKey + "/access")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> entries = access.getList("entries");
    for (Map<String, Object> e : entries) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> roles = (List<Map<String, Object>>) e.get("roles");
      Set<String> names = new TreeSet<>();
      roles.forEach(r -> names.add((String) r.get("role")));
      actual.put((String) e.get("userId"), names);
    }
    assertThat(actual).isEqualTo(expected);

    // each user was created (company grant) through one node, then added to the group (group grant)
    // through the other: the receiver sees both, in that order
    Map<String, List<String>> grants = new HashMap<>();
    Instant until = Instant.now().plusSeconds(90);
    do {
      Thread.sleep(250);
      grants.clear();
      Set<String> seen = new HashSet<>();
      for (Receiver.Request q : receiver.requests()) {
        if (!seen.add(q.header("webhook-id"))) continue;
        var event = io.restassured.path.json.JsonPath.from(q.body());
        if ("dev.gangway.access.granted".equals(event.getString("type"))) {
          grants
              .computeIfAbsent(event.getString("data.user.id"), k -> new ArrayList<>())
              .add(event.getString("data.role"));
        }
      }
    } while (grants.values().stream().mapToInt(List::size).sum() < 2 * created.size()
        && Instant.now().isBefore(until));
    receiver.close();
    for (String id : created.values()) {
      assertThat(grants.get(id))
          .as("grants of user %s, in arrival order", id)
          .containsExactly("customers", "collaborators");
    }

    // the audit log verifies, read through either node
    for (GangwayServer n : nodes) {
      admin(n).get("/audit/verify").then().statusCode(200).body("valid", Matchers.equalTo(true));
    }
  }

  @Test
  void everyTableMeetsGalerasRequirements() throws Exception {
    // Galera replicates InnoDB row changes only, and certifies them by primary key
    List<String> offending = new ArrayList<>();
    try (Connection c = admin(sqlPorts[2]);
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT t.table_name, t.engine,"
                  + " (SELECT COUNT(*) FROM information_schema.table_constraints k WHERE k.table_schema = t.table_schema"
                  + "   AND k.table_name = t.table_name AND k.constraint_type = 'PRIMARY KEY') AS pk"
                  + " FROM information_schema.tables t WHERE t.table_schema = '"
                  + schema
                  + "' AND t.table_type = 'BASE TABLE'")) {
        int tables = 0;
        while (r.next()) {
          tables++;
          if (!"InnoDB".equalsIgnoreCase(r.getString(2)) || r.getInt(3) != 1) {
            offending.add(
                r.getString(1)
                    + " ("
                    + r.getString(2)
                    + ", primary key: "
                    + (r.getInt(3) == 1)
                    + ")");
          }
        }
        assertThat(tables).as("tables replicated to cluster node 3").isGreaterThan(10);
      }
      try (ResultSet r =
          s.executeQuery("SELECT @@binlog_format, @@innodb_autoinc_lock_mode, @@wsrep_on")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("ROW");
        assertThat(r.getInt(2)).isEqualTo(2);
        assertThat(r.getBoolean(3)).isTrue();
      }
    }
    assertThat(offending).as("tables without a primary key or not InnoDB").isEmpty();
  }

  private static boolean expect(
      Response r, int status, String what, List<String> failures, Map<Integer, Integer> statuses) {
    statuses.merge(r.statusCode(), 1, Integer::sum);
    if (r.statusCode() == status) return true;
    failures.add(what + " answered " + r.statusCode() + ": " + r.asString());
    return false;
  }

  private static long metric(GangwayServer node, String name) {
    String text =
        given().baseUri(node.baseUri()).get("/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.eE+]+)$").matcher(text);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static RequestSpecification admin(GangwayServer node) {
    return given()
        .config(CONFIG)
        .baseUri(node.baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .contentType(ContentType.JSON);
  }

  private static RequestSpecification scim(GangwayServer node, String token) {
    return given()
        .config(CONFIG)
        .baseUri(node.baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + token)
        .contentType(SCIM_JSON)
        .accept(SCIM_JSON);
  }

  private static String user(String userName) {
    return Api.user(userName);
  }

  private static String patch(String operation) {
    return Api.patch(operation);
  }

  // --- the cluster ---

  private static String script() {
    return GangwayServer.project("src/test/galera/galera-cluster.sh").toString();
  }

  private static int[] startCluster(Path dir, int base) throws Exception {
    String out = run(List.of("bash", script(), "start", dir.toString(), String.valueOf(base)), 300);
    String[] last = out.strip().lines().reduce((x, y) -> y).orElse("").trim().split(" ");
    return new int[] {
      Integer.parseInt(last[0]), Integer.parseInt(last[1]), Integer.parseInt(last[2])
    };
  }

  private static String run(List<String> command, int timeoutSeconds) throws Exception {
    Path out = Files.createTempFile("galera-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(false)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            command + " did not finish within " + timeoutSeconds + " s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0)
        throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "): " + text);
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** A base port whose twelve cluster ports (base+10..base+33) are free now. */
  private static int freeBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20000 + 100 * ThreadLocalRandom.current().nextInt(0, 400);
      boolean free = true;
      for (int n = 1; n <= 3 && free; n++) {
        for (int k = 0; k < 4 && free; k++) free = isFree(base + 10 * n + k);
      }
      if (free) return base;
    }
    throw new IllegalStateException("no free ports for the Galera cluster");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Connection admin(int port) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/",
        "galera_admin",
        System.getenv().getOrDefault("GALERA_ADMIN_PASSWORD", "galera-admin"));
  }
}
