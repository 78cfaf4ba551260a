package dev.gangway.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: the scale-out benchmark of issue 8 ({@code mvn -Pbenchmark verify}, see
 * docs/benchmarks.md). In one run on one MariaDB it measures, and prints as ratios of the first:
 *
 * <ol>
 *   <li>the raw commit rate: single-row INSERT transactions/s from {@code bench.threads} JDBC
 *       connections (autocommit) — what the database can take, the baseline;
 *   <li>{@code POST /Users} at {@code bench.threads} connections;
 *   <li>an Okta-shaped create (name, email, externalId, locale, {@code groups: []}) without and
 *       with a password;
 *   <li>{@code userName eq} lookups at {@code bench.threads} connections in a directory of {@code
 *       bench.lookup.small} and one of {@code bench.lookup.large} users;
 *   <li>statements and commits per request, from MariaDB's {@code SHOW GLOBAL STATUS} counters, one
 *       request at a time, {@code bench.statements} requests per kind;
 *   <li>{@code /Bulk} seeding on one connection: users, then groups with their members;
 *   <li>the IdP mix: {@code bench.mix.writers} writers, each looping "create a user in a company
 *       bound to a project, add it to a bound group, add an email to one shared user", on one node
 *       and then on two nodes sharing the database; afterwards it checks that nothing was lost and
 *       that effective access equals a recomputation from memberships and placements.
 * </ol>
 *
 * Every option is a system property ({@code -Dbench.seconds=30}); {@code bench.parts} picks parts
 * by name (commit, ceilings, create, okta, lookup, statements, bulk, mix), default all.
 *
 * <p>"ceilings" measures what bounds the two throughput ratios on this machine whatever Gangway's
 * own code costs: the same HTTP client against a static file served by the same Payara (HTTP
 * alone), and the SQL a create and a lookup send, replayed from {@code bench.threads} JDBC
 * connections with no server in between (the database alone).
 */
public final class ScaleBenchmark {
  private static final int THREADS = Integer.getInteger("bench.threads", 8);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int WARMUP_SECONDS = Math.max(2, SECONDS / 5);
  private static final int JIT_WARMUP_SECONDS = 20;
  private static final int STATEMENT_REQUESTS = Integer.getInteger("bench.statements", 50);
  private static final int LOOKUP_SMALL = Integer.getInteger("bench.lookup.small", 1_000);
  private static final int LOOKUP_LARGE = Integer.getInteger("bench.lookup.large", 100_000);
  private static final int SEED_USERS = Integer.getInteger("bench.seed.users", 10_000);
  private static final int SEED_GROUPS = Integer.getInteger("bench.seed.groups", 200);
  private static final int SEED_MEMBERSHIPS = Integer.getInteger("bench.seed.memberships", 30_000);
  private static final int MIX_WRITERS = Integer.getInteger("bench.mix.writers", 16);
  private static final int MIX_SECONDS = Integer.getInteger("bench.mix.seconds", 30);
  private static final String SERVER_JAVA_OPTS =
      System.getProperty("bench.server.javaOpts", "-Xmx512m");

  /**
   * With a webhook subscription (every event type) to a loopback receiver, as issue 10 asks;
   * -Dbench.webhook=false: none.
   */
  private static final boolean WEBHOOK =
      Boolean.parseBoolean(System.getProperty("bench.webhook", "true"));

  private static final Set<String> PARTS =
      Set.of(System.getProperty("bench.parts", "all").toLowerCase(Locale.ROOT).split(","));
  private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** HTTP/1.1 only: one TCP connection per concurrent request, as IdPs and load balancers do. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static final Map<String, String> RESULTS = new LinkedHashMap<>();
  private static double rawCommits = Double.NaN;

  private ScaleBenchmark() {}

  private static boolean part(String name) {
    return PARTS.contains("all") || PARTS.contains(name);
  }

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "[bench] threads=%d seconds=%d (warm-up %d) statements=%d lookup=%d/%d seed=%d users, %d groups,"
            + " %d memberships, mix=%d writers x %d s, server JAVA_OPTS=%s%n",
        THREADS,
        SECONDS,
        WARMUP_SECONDS,
        STATEMENT_REQUESTS,
        LOOKUP_SMALL,
        LOOKUP_LARGE,
        SEED_USERS,
        SEED_GROUPS,
        SEED_MEMBERSHIPS,
        MIX_WRITERS,
        MIX_SECONDS,
        SERVER_JAVA_OPTS);
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      Map<String, String> env = new HashMap<>(db.environment());
      env.put("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN);
      env.put(
          "GANGWAY_AUDIT_KEY", Suite.AUDIT_KEY); // both nodes of the two-node mix seal with one key
      env.put("JAVA_OPTS", SERVER_JAVA_OPTS);
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("scale-bench"), env)) {
        String base = server.baseUri();
        System.out.printf(
            "[bench] Gangway ready in %d ms at %s%n", server.startup().toMillis(), base);
        Receiver receiver = WEBHOOK ? new Receiver(false) : null;
        if (receiver != null) {
          subscription = subscribe(base, receiver);
          System.out.println("[bench] a webhook subscription is active: " + receiver.url());
        }
        if (part("commit")) rawCommitRate(db);
        if (part("ceilings")) ceilings(db, base);
        if (part("create")) plainCreates(base);
        if (part("okta")) oktaCreates(base);
        if (part("lookup")) lookups(db, base);
        if (part("statements")) statements(db, base, receiver);
        if (part("bulk")) bulkSeeding(base);
        if (part("mix")) idpMix(db, base, env);
        if (receiver != null) {
          Thread.sleep(3_000); // what was committed last is delivered within a poll or two
          RESULTS.put(
              "webhook events received by the subscribed loopback receiver",
              String.format("%,d", receiver.received()));
          receiver.close();
        }
      }
    }
    System.out.println();
    System.out.println("| measure | figure |");
    System.out.println("|---|---|");
    RESULTS.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    Path out = GangwayServer.project("target/benchmark-scale.md");
    Files.createDirectories(out.getParent());
    StringBuilder md = new StringBuilder("| measure | figure |\n|---|---|\n");
    RESULTS.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println("[bench] results also in " + out);
  }

  // --- 1. the database's own rate ---------------------------------------------------------------

  private static void rawCommitRate(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE bench_commit (id BIGINT AUTO_INCREMENT PRIMARY KEY, worker INT NOT NULL, n INT NOT NULL)");
    }
    for (int round = 0; round < 2; round++) { // the first round warms the buffer pool and the log
      int seconds = round == 0 ? WARMUP_SECONDS : SECONDS;
      AtomicLong commits = new AtomicLong();
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int worker = t;
        workers.add(
            started(
                () -> {
                  try (Connection c = db.connect();
                      PreparedStatement p =
                          c.prepareStatement(
                              "INSERT INTO bench_commit (worker, n) VALUES (?, ?)")) {
                    c.setAutoCommit(true);
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                      p.setInt(1, worker);
                      p.setInt(2, n++);
                      p.executeUpdate();
                      commits.incrementAndGet();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      for (Thread w : workers) w.join();
      if (round == 1) rawCommits = commits.get() / (double) seconds;
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE bench_commit");
    }
    System.out.printf(
        "[bench] raw commit rate: %.0f single-row transactions/s from %d JDBC connections%n",
        rawCommits, THREADS);
    RESULTS.put(
        "raw commit rate, " + THREADS + " JDBC threads (the baseline)",
        String.format("%.0f commits/s", rawCommits));
  }

  // --- 1b. ceilings: HTTP alone, the database alone
  // -------------------------------------------------

  private static void ceilings(TestDatabase db, String base) throws Exception {
    // HTTP alone: the same client and connections, a static file the same Payara serves (no
    // JAX-RS, no database). A SCIM request cannot be cheaper than this.
    load(THREADS, WARMUP_SECONDS, (w, n) -> getStatic(base));
    Load http = load(THREADS, SECONDS, (w, n) -> getStatic(base));
    System.out.printf("[bench] ceiling, static file over HTTP: %s%n", http);
    RESULTS.put(
        "ceiling: a static file from the same Payara, " + THREADS + " connections (HTTP alone)",
        String.format("%.0f requests/s%s, %s", http.rate(), ratio(http.rate()), http.errors()));

    // The database alone: the statements a create sends (as MariaDB's general log shows them),
    // and those of a lookup, replayed over JDBC with no server in between.
    Dir d = directory(base, "ceiling");
    String tokenHash;
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT token_hash FROM directory WHERE id = " + d.id())) {
        r.next();
        tokenHash = r.getString(1);
      }
      loadUsers(c, d, LOOKUP_SMALL);
    }
    // The writes go to copies of the tables (CREATE TABLE ... LIKE: same columns and indexes, no
    // foreign keys — if anything a little cheaper), so that the replay leaves no users or
    // unsealable audit records behind in Gangway's own tables.
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String t : List.of("scim_user", "user_value", "audit_record"))
        s.execute("CREATE TABLE replay_" + t + " LIKE " + t);
    }
    AtomicLong replayed = new AtomicLong();
    Load creates =
        jdbcLoad(db, (c, w, n) -> replayCreate(c, d, tokenHash, w, n, replayed.incrementAndGet()));
    Load lookups = jdbcLoad(db, (c, w, n) -> replayLookup(c, d, tokenHash, n));
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String t : List.of("scim_user", "user_value", "audit_record"))
        s.execute("DROP TABLE replay_" + t);
    }
    System.out.printf(
        "[bench] ceiling, a create's SQL replayed over JDBC: %s; a lookup's: %s%n",
        creates, lookups);
    RESULTS.put(
        "ceiling: a create's 10 statements replayed over "
            + THREADS
            + " JDBC connections (the database alone)",
        String.format(
            "%.0f creates/s%s, %s", creates.rate(), ratio(creates.rate()), creates.errors()));
    RESULTS.put(
        "ceiling: a lookup's 3 statements replayed over "
            + THREADS
            + " JDBC connections (the database alone)",
        String.format(
            "%.0f lookups/s%s, %s", lookups.rate(), ratio(lookups.rate()), lookups.errors()));
  }

  private static int getStatic(String base) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/css/dashboard.css")).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private interface JdbcOp {
    void run(Connection c, int worker, int n) throws Exception;
  }

  /** {@link #load} for JDBC: one connection a worker, a warm-up round, then a measured one. */
  private static Load jdbcLoad(TestDatabase db, JdbcOp op) throws Exception {
    Load measured = null;
    for (int round = 0; round < 2; round++) {
      List<Connection> connections = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) connections.add(db.connect());
      try {
        measured =
            load(
                THREADS,
                round == 0 ? WARMUP_SECONDS : SECONDS,
                (w, n) -> {
                  op.run(connections.get(w), w, n);
                  return 200;
                });
      } finally {
        for (Connection c : connections) c.close();
      }
    }
    return measured;
  }

  private static final String CREATE_USER =
      "INSERT INTO replay_scim_user (id, active, company, created_at, deactivated_at,"
          + " directory_id, display_name, external_id, locale, modified_at, nick_name, preferred_language, profile_url,"
          + " timezone, title, user_type, version, cost_center, department, division, employee_number, manager_display,"
          + " manager_id, organization, name_family, name_formatted, name_given, name_prefix, name_suffix, name_middle,"
          + " user_name_key, user_name) VALUES (?, 1, NULL, ?, NULL, ?, NULL, NULL, NULL, ?, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'B', NULL, 'A', NULL, NULL, NULL, ?, ?)";

  /**
   * What MariaDB receives for one plain {@code POST /Users} (its general log, statement by
   * statement).
   */
  private static void replayCreate(
      Connection c, Dir d, String tokenHash, int worker, int n, long seq) throws Exception {
    String id = UUID.randomUUID().toString();
    String userName = "replay." + worker + "." + n + "." + seq + "@x.example";
    Timestamp now = Timestamp.from(Instant.now());
    try (Statement s = c.createStatement()) {
      s.executeQuery(
              "SELECT id, created_at, idp, name, status, token_hash, token_issued_at, version FROM directory"
                  + " WHERE token_hash = '"
                  + tokenHash
                  + "'")
          .close();
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(CREATE_USER)) {
        p.setString(1, id);
        p.setTimestamp(2, now);
        p.setLong(3, d.id());
        p.setTimestamp(4, now);
        p.setString(5, userName);
        p.setString(6, userName);
        p.executeUpdate();
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO replay_user_value (attribute, directory_id, position,"
                  + " is_primary, value_text, value_key, value_type, user_id) VALUES ('emails', ?, 0, 1, ?, ?, 'work', ?)")) {
        p.setLong(1, d.id());
        p.setString(2, userName);
        p.setString(3, userName);
        p.setString(4, id);
        p.executeUpdate();
      }
      s.executeQuery(
              "SELECT t0.id, t0.attribute, t0.company_id, t0.created_at, t0.kind, t0.match_value, t0.priority,"
                  + " t0.version, t1.company_key FROM mapping_rule t0, company t1 WHERE t1.id = t0.company_id AND t1.status = 'ACTIVE'")
          .close();
      s.executeQuery(
              "SELECT t1.domain, t0.company_key, t0.id FROM company t0, company_domain t1 WHERE t1.domain IN"
                  + " ('x.example') AND t0.status = 'ACTIVE' AND t1.company_id = t0.id")
          .close();
      s.executeQuery(
              "SELECT user_id, company_id, directory_id, reason, since FROM company_member WHERE user_id = '"
                  + id
                  + "'")
          .close();
      // (the SELECTs read Gangway's own tables: the same plans, on real data)
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO replay_audit_record (at, actor, action, target_type, target_id,"
                  + " detail, cause, salt, hash) VALUES (?, 'directory', 'user.created', 'user', ?, ?, 'POST /scim/v2/Users', ?, ?)")) {
        p.setTimestamp(1, now);
        p.setString(2, id);
        p.setString(
            3,
            "{\"directory\":"
                + d.id()
                + ",\"changes\":{\"userName\":[null,\""
                + userName
                + "\"]}}");
        p.setString(4, id.substring(0, 32));
        p.setString(5, (id + id).replace("-", "").substring(0, 64));
        p.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** What MariaDB receives for one {@code userName eq} lookup. */
  private static void replayLookup(Connection c, Dir d, String tokenHash, int n) throws Exception {
    String userName =
        ("Lookup."
                + ThreadLocalRandom.current().nextInt(LOOKUP_SMALL)
                + "."
                + d.suffix()
                + "@example.com")
            .toLowerCase(Locale.ROOT);
    try (Statement s = c.createStatement()) {
      s.executeQuery(
              "SELECT id, created_at, idp, name, status, token_hash, token_issued_at, version FROM directory"
                  + " WHERE token_hash = '"
                  + tokenHash
                  + "'")
          .close();
      String id = null;
      try (ResultSet r =
          s.executeQuery(
              "SELECT * FROM scim_user WHERE directory_id = "
                  + d.id()
                  + " AND user_name_key = '"
                  + userName
                  + "' ORDER BY created_at, id LIMIT 0, 100")) {
        if (r.next()) id = r.getString("id");
      }
      if (id == null) throw new IllegalStateException("no user " + userName);
      s.executeQuery(
              "SELECT 0 AS kind, v.user_id, v.position, v.attribute, v.value_text, v.value_type, v.is_primary,"
                  + " v.display, v.detail_json, NULL AS sort_key FROM user_value v WHERE v.user_id IN ('"
                  + id
                  + "') UNION ALL"
                  + " SELECT 1, m.member_id, 0, NULL, g.id, NULL, FALSE, g.display_name, NULL, g.display_name_key FROM group_member m"
                  + " JOIN scim_group g ON g.id = m.group_id WHERE m.member_id IN ('"
                  + id
                  + "') ORDER BY 2, 1, 3, 10")
          .close();
    }
  }

  private static String ratio(double rate) {
    return Double.isNaN(rawCommits) ? "" : String.format(" = **%.2f** of raw", rate / rawCommits);
  }

  // --- 2, 3. creates -----------------------------------------------------------------------------

  private static void plainCreates(String base) throws Exception {
    Dir d = directory(base, "create");
    // The first measured phase: the server's JIT is still cold (C2 compiles over ~10-20 s of load),
    // which made POST /Users look slower than the Okta-shaped creates measured after it.
    Load warm =
        load(
            THREADS,
            Math.max(JIT_WARMUP_SECONDS, WARMUP_SECONDS),
            (w, n) -> createPlain(base, d, "warm", w, n));
    Load load = load(THREADS, SECONDS, (w, n) -> createPlain(base, d, "plain", w, n));
    System.out.printf(
        "[bench] POST /Users at %d connections: %s (warm-up: %s)%n", THREADS, load, warm);
    RESULTS.put(
        "`POST /Users` at " + THREADS + " connections",
        String.format("%.0f creates/s%s, %s", load.rate(), ratio(load.rate()), load.errors()));
  }

  private static int createPlain(String base, Dir d, String tag, int worker, int n)
      throws Exception {
    String userName = tag + "." + worker + "." + n + "." + d.suffix() + "@example.com";
    return post(
        base + "/scim/v2/Users",
        d.token(),
        "{\"schemas\":[\""
            + USER_SCHEMA
            + "\"],\"userName\":\""
            + userName
            + "\",\"emails\":[{\"value\":\""
            + userName
            + "\",\"type\":\"work\",\"primary\":true}]}");
  }

  private static void oktaCreates(String base) throws Exception {
    Dir d = directory(base, "okta");
    load(THREADS, WARMUP_SECONDS, (w, n) -> createOkta(base, d, "warm", w, n, true));
    Load without = load(THREADS, SECONDS, (w, n) -> createOkta(base, d, "nopw", w, n, false));
    Load with = load(THREADS, SECONDS, (w, n) -> createOkta(base, d, "pw", w, n, true));
    System.out.printf(
        "[bench] Okta-shaped create without password: %s; with password: %s; ratio %.2f%n",
        without, with, with.rate() / without.rate());
    RESULTS.put(
        "Okta-shaped create without a password, " + THREADS + " connections",
        String.format(
            "%.0f creates/s%s, %s", without.rate(), ratio(without.rate()), without.errors()));
    RESULTS.put(
        "Okta-shaped create with a password, " + THREADS + " connections",
        String.format(
            "%.0f creates/s%s, %s; with/without = **%.2f**",
            with.rate(), ratio(with.rate()), with.errors(), with.rate() / without.rate()));
  }

  private static int createOkta(String base, Dir d, String tag, int worker, int n, boolean password)
      throws Exception {
    String userName = "okta." + tag + "." + worker + "." + n + "." + d.suffix() + "@example.com";
    return post(
        base + "/scim/v2/Users",
        d.token(),
        "{\"schemas\":[\""
            + USER_SCHEMA
            + "\"],\"userName\":\""
            + userName
            + "\",\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace "
            + n
            + "\"},\"emails\":[{\"primary\":true,\"value\":\""
            + userName
            + "\",\"type\":\"work\"}],\"displayName\":\"Ada Lovelace\",\"locale\":\"en-US\",\"externalId\":\"00u"
            + worker
            + "x"
            + n
            + d.suffix()
            + "\",\"groups\":[],"
            + (password ? "\"password\":\"Tr0ub4dor&3-" + n + "\"," : "")
            + "\"active\":true}");
  }

  // --- 4. lookups
  // ----------------------------------------------------------------------------------

  private static void lookups(TestDatabase db, String base) throws Exception {
    Dir small = directory(base, "lookup-small");
    Dir large = directory(base, "lookup-large");
    List<String> smallNames;
    List<String> largeNames;
    try (Connection c = db.connect()) {
      smallNames = loadUsers(c, small, LOOKUP_SMALL);
      largeNames = loadUsers(c, large, LOOKUP_LARGE);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE TABLE scim_user, user_value, group_member");
      }
    }
    load(THREADS, WARMUP_SECONDS, (w, n) -> lookup(base, small, smallNames));
    load(THREADS, WARMUP_SECONDS, (w, n) -> lookup(base, large, largeNames));
    Load s = load(THREADS, SECONDS, (w, n) -> lookup(base, small, smallNames));
    Load l = load(THREADS, SECONDS, (w, n) -> lookup(base, large, largeNames));
    System.out.printf(
        "[bench] userName lookups, %d users: %s; %d users: %s%n", LOOKUP_SMALL, s, LOOKUP_LARGE, l);
    RESULTS.put(
        String.format("`userName eq` lookups, %,d users, %d connections", LOOKUP_SMALL, THREADS),
        String.format("%.0f lookups/s%s, %s", s.rate(), ratio(s.rate()), s.errors()));
    RESULTS.put(
        String.format("`userName eq` lookups, %,d users, %d connections", LOOKUP_LARGE, THREADS),
        String.format(
            "%.0f lookups/s%s, %s; large/small = %.2f",
            l.rate(), ratio(l.rate()), l.errors(), l.rate() / s.rate()));
  }

  private static int lookup(String base, Dir d, List<String> names) throws Exception {
    String userName = names.get(ThreadLocalRandom.current().nextInt(names.size()));
    String filter =
        URLEncoder.encode(
            "userName eq \"" + userName.toUpperCase(Locale.ROOT) + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base + "/scim/v2/Users?filter=" + filter + "&startIndex=1&count=100"))
                .header("Authorization", "Bearer " + d.token())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 200 && !r.body().contains("\"totalResults\":1"))
      return 599; // a wrong answer counts as an error
    return r.statusCode();
  }

  /** Users straight into the tables (batched JDBC), as ScimBenchmark loads them. */
  private static List<String> loadUsers(Connection c, Dir d, int users) throws Exception {
    long begin = System.nanoTime();
    List<String> names = new ArrayList<>(users);
    Timestamp now = Timestamp.from(Instant.now());
    c.setAutoCommit(false);
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO scim_user (id, directory_id, version, user_name,"
                + " user_name_key, active, created_at, modified_at) VALUES (?, ?, 1, ?, ?, TRUE, ?, ?)")) {
      for (int i = 0; i < users; i++) {
        String userName = "Lookup." + i + "." + d.suffix() + "@example.com";
        p.setString(1, UUID.randomUUID().toString());
        p.setLong(2, d.id());
        p.setString(3, userName);
        p.setString(4, userName.toLowerCase(Locale.ROOT));
        p.setTimestamp(5, now);
        p.setTimestamp(6, now);
        p.addBatch();
        names.add(userName);
        if (i % 5_000 == 4_999) p.executeBatch();
      }
      p.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
    System.out.printf(
        "[bench] %,d users loaded in %d ms%n", users, (System.nanoTime() - begin) / 1_000_000);
    return names;
  }

  // --- 5. statements per request
  // ------------------------------------------------------------------

  private static final String[] COUNTERS = {
    "Questions",
    "Com_select",
    "Com_insert",
    "Com_insert_select",
    "Com_update",
    "Com_delete",
    "Com_commit",
    "Com_rollback",
    "Com_set_option",
    "Innodb_row_lock_waits"
  };

  private static Map<String, Long> counters(Connection c) throws Exception {
    Map<String, Long> values = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS")) {
      while (r.next()) values.put(r.getString(1), parseLong(r.getString(2)));
    }
    return values;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private interface Request {
    void run(int n) throws Exception;
  }

  /** The id of the active webhook subscription (null: none). */
  private static String subscription;

  private static String subscribe(String base, Receiver receiver) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/webhooks"))
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201)
      throw new IllegalStateException("webhook subscription: " + r.statusCode() + " " + r.body());
    return BenchSupport.field(r.body(), "id");
  }

  private static void unsubscribe(String base) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/webhooks/" + subscription))
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2)
      throw new IllegalStateException("webhook delete: " + r.statusCode() + " " + r.body());
    subscription = null;
  }

  /**
   * The statement table, twice when a webhook subscription is active: with it (the request path
   * plus the background work of delivering its events — MariaDB's global counters see both), and
   * with it deleted (the request path alone; the outbox rows a change writes are part of it).
   */
  private static void statements(TestDatabase db, String base, Receiver receiver) throws Exception {
    int n = STATEMENT_REQUESTS;
    World w = world(base, "stmt");
    // users to look up and to add, made before counting
    List<String[]> people = new ArrayList<>(); // id, userName, externalId
    for (int i = 0; i < 2 * n + 10; i++) {
      String userName = "counted." + i + "." + w.dir().suffix() + "@example.com";
      String externalId = "ext-" + i + "-" + w.dir().suffix();
      String body =
          send(
              base + "/scim/v2/Users",
              w.dir().token(),
              "POST",
              "{\"schemas\":[\""
                  + USER_SCHEMA
                  + "\"],\"userName\":\""
                  + userName
                  + "\",\"externalId\":\""
                  + externalId
                  + "\",\"emails\":[{\"value\":\""
                  + userName
                  + "\",\"type\":\"work\"}]}",
              201);
      people.add(new String[] {BenchSupport.field(body, "id"), userName, externalId});
    }
    String withHook =
        receiver == null
            ? null
            : statementTable(db, base, w, people, 0, "with a webhook subscription");
    if (receiver != null) unsubscribe(base);
    String alone =
        statementTable(db, base, w, people, receiver == null ? 0 : n + 5, "the request path");
    if (receiver != null) subscription = subscribe(base, receiver);
    String head =
        "| request | Questions | SELECT | INSERT | UPDATE | DELETE | statements (DML) | COMMIT | SET | row lock waits |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    String md =
        "The request path (no webhook subscription; each access change writes its outbox row in its own"
            + " transaction):\n\n"
            + head
            + alone
            + (withHook == null
                ? ""
                : "\nWith a webhook subscription active (the same requests; the global counters also see"
                    + " the background delivery of their events: dispatch, delivery rows, sends):\n\n"
                    + head
                    + withHook);
    Path out = GangwayServer.project("target/benchmark-statements.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("[bench] statement tables also in " + out);
    RESULTS.put("statements per request", "see the statement tables (" + out.getFileName() + ")");
  }

  /**
   * One table: {@code STATEMENT_REQUESTS} requests of each kind, one at a time, people from {@code
   * offset}.
   */
  private static String statementTable(
      TestDatabase db, String base, World w, List<String[]> people, int offset, String label)
      throws Exception {
    int n = STATEMENT_REQUESTS;
    Map<String, Request> kinds = new LinkedHashMap<>();
    kinds.put(
        "`userName eq` lookup",
        i ->
            expect(
                200,
                get(
                    base,
                    w.dir(),
                    "/Users?filter="
                        + enc("userName eq \"" + people.get(offset + i)[1] + "\"")
                        + "&startIndex=1&count=100")));
    kinds.put(
        "`externalId eq` lookup",
        i ->
            expect(
                200,
                get(
                    base,
                    w.dir(),
                    "/Users?filter="
                        + enc("externalId eq \"" + people.get(offset + i)[2] + "\""))));
    kinds.put(
        "`GET /Users/{id}`",
        i -> expect(200, get(base, w.dir(), "/Users/" + people.get(offset + i)[0])));
    kinds.put(
        "plain create",
        i -> expect(201, createPlain(base, w.dir(), "counted-plain-" + offset, 0, i)));
    kinds.put(
        "create landing in a bound company",
        i ->
            expect(
                201,
                post(
                    base + "/scim/v2/Users",
                    w.dir().token(),
                    "{\"schemas\":[\""
                        + USER_SCHEMA
                        + "\"],\"userName\":\"bound."
                        + offset
                        + "."
                        + i
                        + "@"
                        + w.domain()
                        + "\"}")));
    kinds.put(
        "member add to a bound group",
        i ->
            expect(
                204,
                patch(
                    base + "/scim/v2/Groups/" + w.group(),
                    w.dir().token(),
                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                        + people.get(offset + i)[0]
                        + "\"}]}")));
    System.out.println();
    System.out.printf(
        "[bench] statements per request, %s (MariaDB SHOW GLOBAL STATUS, %d requests each, one at a time)%n",
        label, n);
    System.out.println(
        String.format(
            "%-36s %9s %7s %7s %7s %7s %7s %7s %7s %7s",
            "request",
            "Questions",
            "select",
            "insert",
            "update",
            "delete",
            "DML",
            "commit",
            "set",
            "lockwt"));
    StringBuilder table = new StringBuilder();
    try (Connection c = db.connect()) {
      for (var kind : kinds.entrySet()) {
        for (int i = 0; i < 3; i++) kind.getValue().run(n + i); // warm-up, on people not counted
        Thread.sleep(300);
        Map<String, Long> before = counters(c);
        for (int i = 0; i < n; i++) kind.getValue().run(i);
        Map<String, Long> after = counters(c);
        // this connection's own SHOW GLOBAL STATUS counts as one Question
        double[] per = new double[COUNTERS.length];
        for (int k = 0; k < COUNTERS.length; k++) {
          per[k] =
              (after.getOrDefault(COUNTERS[k], 0L)
                      - before.getOrDefault(COUNTERS[k], 0L)
                      - (k == 0 ? 1 : 0))
                  / (double) n;
        }
        double insert = per[2] + per[3];
        double dml = per[1] + insert + per[4] + per[5];
        System.out.printf(
            "%-36s %9.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f%n",
            kind.getKey(), per[0], per[1], insert, per[4], per[5], dml, per[6], per[8], per[9]);
        table.append(
            String.format(
                "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | **%.2f** | **%.2f** | %.2f | %.2f |%n",
                kind.getKey(),
                per[0],
                per[1],
                insert,
                per[4],
                per[5],
                dml,
                per[6],
                per[8],
                per[9]));
      }
    }
    return table.toString();
  }

  private static void expect(int status, int actual) {
    if (status != actual) throw new IllegalStateException("expected " + status + ", got " + actual);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // --- 6. /Bulk seeding
  // ----------------------------------------------------------------------------

  private static void bulkSeeding(String base) throws Exception {
    World w = world(base, "bulk");
    List<String> userIds = new ArrayList<>(SEED_USERS);
    long begin = System.nanoTime();
    int perRequest = 1000;
    for (int from = 0; from < SEED_USERS; from += perRequest) {
      StringBuilder ops = new StringBuilder();
      int to = Math.min(SEED_USERS, from + perRequest);
      for (int i = from; i < to; i++) {
        // one user in ten works for the partner company that is bound to the project
        String userName =
            "seed." + i + "@" + (i % 10 == 0 ? w.domain() : "corp-" + w.dir().suffix() + ".test");
        if (ops.length() > 0) ops.append(',');
        ops.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u")
            .append(i)
            .append("\",\"data\":{\"schemas\":[\"")
            .append(USER_SCHEMA)
            .append("\"],\"userName\":\"")
            .append(userName)
            .append("\",\"externalId\":\"seed-")
            .append(i)
            .append("\",\"name\":{\"givenName\":\"Seed\",\"familyName\":\"User ")
            .append(i)
            .append("\"},\"emails\":[{\"value\":\"")
            .append(userName)
            .append("\",\"type\":\"work\",\"primary\":true}]}}");
      }
      String answer = bulk(base, w.dir(), ops.toString());
      Matcher m =
          Pattern.compile("\"location\"\\s*:\\s*\"[^\"]*/Users/([0-9a-f-]{36})\"").matcher(answer);
      int found = 0;
      while (m.find()) {
        userIds.add(m.group(1));
        found++;
      }
      if (found != to - from)
        throw new IllegalStateException(
            "bulk created "
                + found
                + " of "
                + (to - from)
                + ": "
                + answer.substring(0, Math.min(600, answer.length())));
    }
    double userSeconds = (System.nanoTime() - begin) / 1e9;
    int perGroup = Math.max(1, SEED_MEMBERSHIPS / SEED_GROUPS);
    int groupsPerRequest = Math.max(1, Math.min(1000, 800_000 / (perGroup * 52 + 200)));
    begin = System.nanoTime();
    long memberships = 0;
    for (int from = 0; from < SEED_GROUPS; from += groupsPerRequest) {
      StringBuilder ops = new StringBuilder();
      int to = Math.min(SEED_GROUPS, from + groupsPerRequest);
      for (int g = from; g < to; g++) {
        if (ops.length() > 0) ops.append(',');
        ops.append("{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g")
            .append(g)
            .append(
                "\",\"data\":{\"schemas\":"
                    + "[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Seed group ")
            .append(g)
            .append("\",\"members\":[");
        for (int k = 0; k < perGroup; k++) {
          if (k > 0) ops.append(',');
          ops.append("{\"value\":\"")
              .append(userIds.get((int) ((g * 7919L + k) % userIds.size())))
              .append("\"}");
        }
        ops.append("]}}");
        memberships += perGroup;
      }
      String answer = bulk(base, w.dir(), ops.toString());
      int created = answer.split("\"status\"\\s*:\\s*\"201\"", -1).length - 1;
      if (created != to - from)
        throw new IllegalStateException(
            "bulk created "
                + created
                + " of "
                + (to - from)
                + " groups: "
                + answer.substring(0, Math.min(600, answer.length())));
    }
    double groupSeconds = (System.nanoTime() - begin) / 1e9;
    double usersPerSecond = SEED_USERS / userSeconds;
    double membershipsPerSecond = memberships / groupSeconds;
    double projected = 100_000 / usersPerSecond + 300_000 / membershipsPerSecond;
    System.out.printf(
        "[bench] /Bulk seeding, one connection: %,d users in %.1f s (%.0f users/s); %,d groups with %,d"
            + " memberships in %.1f s (%.0f memberships/s); 100,000 users + 2,000 groups with 300,000 memberships"
            + " at these rates: %.1f min%n",
        SEED_USERS,
        userSeconds,
        usersPerSecond,
        SEED_GROUPS,
        memberships,
        groupSeconds,
        membershipsPerSecond,
        projected / 60);
    RESULTS.put(
        String.format("`/Bulk` seeding, 1 connection: %,d users (1,000 per request)", SEED_USERS),
        String.format("%.1f s, %.0f users/s", userSeconds, usersPerSecond));
    RESULTS.put(
        String.format(
            "`/Bulk` seeding: %,d groups with %,d memberships (%d members each)",
            SEED_GROUPS, memberships, perGroup),
        String.format("%.1f s, %.0f memberships/s", groupSeconds, membershipsPerSecond));
    RESULTS.put(
        "100,000 users + 2,000 groups + 300,000 memberships, extrapolated from the rates above",
        String.format("%.1f min", projected / 60));
  }

  private static String bulk(String base, Dir d, String operations) throws Exception {
    return send(
        base + "/scim/v2/Bulk",
        d.token(),
        "POST",
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
            + "\"Operations\":["
            + operations
            + "]}",
        200);
  }

  // --- 7. the IdP mix, one node and two
  // ------------------------------------------------------------

  private static void idpMix(TestDatabase db, String base, Map<String, String> env)
      throws Exception {
    World w = world(base, "mix");
    Mix one = mix(db, w, new String[] {base}, "one node");
    Mix two;
    try (GangwayServer second = GangwayServer.start(Suite.dataDir("scale-bench-2"), env)) {
      System.out.printf(
          "[bench] second Gangway node ready in %d ms at %s%n",
          second.startup().toMillis(), second.baseUri());
      two = mix(db, w, new String[] {base, second.baseUri()}, "two nodes");
    }
    RESULTS.put(String.format("IdP mix, %d writers, one node", MIX_WRITERS), one.toString());
    RESULTS.put(
        String.format("IdP mix, %d writers, two nodes on one MariaDB", MIX_WRITERS),
        two.toString() + String.format("; two/one = **%.2f**", two.rate() / one.rate()));
    System.out.printf(
        "[bench] IdP mix: one node %s; two nodes %s; two/one = %.2f%n",
        one, two, two.rate() / one.rate());
    check(db, w);
  }

  private record Mix(double rate, long writes, Map<Integer, Integer> statuses, long exceptions) {
    @Override
    public String toString() {
      long fiveHundreds =
          statuses.entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToLong(Map.Entry::getValue)
              .sum();
      return String.format(
          "%.0f writes/s (%,d writes; statuses %s; 5xx: %d; exceptions: %d)",
          rate, writes, statuses, fiveHundreds, exceptions);
    }
  }

  private static Mix mix(TestDatabase db, World w, String[] nodes, String label) throws Exception {
    String shared =
        BenchSupport.field(
            send(
                nodes[0] + "/scim/v2/Users",
                w.dir().token(),
                "POST",
                "{\"schemas\":[\""
                    + USER_SCHEMA
                    + "\"],\"userName\":\"shared."
                    + label.replace(' ', '-')
                    + "."
                    + w.dir().suffix()
                    + "@example.com\"}",
                201),
            "id");
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    AtomicLong exceptions = new AtomicLong();
    AtomicInteger writes = new AtomicInteger();
    for (int round = 0; round < 2; round++) {
      boolean warm = round == 0;
      long seconds = warm ? WARMUP_SECONDS : MIX_SECONDS;
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < MIX_WRITERS; t++) {
        String node = nodes[t % nodes.length];
        String tag = label.replace(' ', '-') + (warm ? "-warm" : "") + "." + t;
        writers.add(
            started(
                () -> {
                  int n = 0;
                  while (System.nanoTime() < deadline) {
                    n++;
                    try {
                      int s =
                          post(
                              node + "/scim/v2/Users",
                              w.dir().token(),
                              "{\"schemas\":[\""
                                  + USER_SCHEMA
                                  + "\"],\"userName\":\"mix."
                                  + tag
                                  + "."
                                  + n
                                  + "@"
                                  + w.domain()
                                  + "\"}");
                      String id = lastCreated.get();
                      count(warm, statuses, writes, s);
                      if (s != 201) continue;
                      count(
                          warm,
                          statuses,
                          writes,
                          patch(
                              node + "/scim/v2/Groups/" + w.group(),
                              w.dir().token(),
                              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                  + id
                                  + "\"}]}"));
                      count(
                          warm,
                          statuses,
                          writes,
                          patch(
                              node + "/scim/v2/Users/" + shared,
                              w.dir().token(),
                              "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\""
                                  + tag
                                  + "."
                                  + n
                                  + "@mail.example.com\",\"type\":\"other\"}]}"));
                    } catch (Exception e) {
                      if (!warm) exceptions.incrementAndGet();
                    }
                  }
                }));
      }
      for (Thread t : writers) t.join();
    }
    Mix m =
        new Mix(
            writes.get() / (double) MIX_SECONDS,
            writes.get(),
            new TreeMap<>(statuses),
            exceptions.get());
    System.out.printf("[bench] IdP mix, %s: %s%n", label, m);
    return m;
  }

  private static void count(
      boolean warm, Map<Integer, Integer> statuses, AtomicInteger writes, int status) {
    if (warm) return;
    statuses.merge(status, 1, Integer::sum);
    writes.incrementAndGet();
  }

  /**
   * After the mix: nothing lost, nothing extra, access equal to a recomputation from the tables.
   */
  private static void check(TestDatabase db, World w) throws Exception {
    try (Connection c = db.connect()) {
      long companyId =
          single(c, "SELECT id FROM company WHERE company_key = '" + w.companyKey() + "'");
      long mixUsers =
          single(
              c,
              "SELECT COUNT(*) FROM scim_user WHERE directory_id = "
                  + w.dir().id()
                  + " AND user_name_key LIKE 'mix.%'");
      long members =
          single(c, "SELECT COUNT(*) FROM group_member WHERE group_id = '" + w.group() + "'");
      long placed =
          single(
              c,
              "SELECT COUNT(*) FROM company_member m JOIN scim_user u ON u.id = m.user_id WHERE u.directory_id = "
                  + w.dir().id());
      long companyPaths =
          single(
              c,
              "SELECT COUNT(*) FROM access_grant g JOIN binding b ON b.id = g.binding_id WHERE b.subject_type"
                  + " = 'COMPANY' AND b.subject_ref = '"
                  + companyId
                  + "' AND g.state = 'GRANTED'");
      long groupPaths =
          single(
              c,
              "SELECT COUNT(*) FROM access_grant g JOIN binding b ON b.id = g.binding_id WHERE b.subject_type"
                  + " = 'GROUP' AND b.subject_ref = '"
                  + w.group()
                  + "' AND g.state = 'GRANTED'");
      long missingCompanyPaths =
          single(
              c,
              "SELECT COUNT(*) FROM company_member m JOIN scim_user u ON u.id = m.user_id"
                  + " WHERE m.company_id = "
                  + companyId
                  + " AND u.active AND NOT EXISTS (SELECT 1 FROM access_grant g JOIN binding b"
                  + " ON b.id = g.binding_id WHERE g.user_id = m.user_id AND b.subject_type = 'COMPANY' AND b.subject_ref = '"
                  + companyId
                  + "')");
      long missingGroupPaths =
          single(
              c,
              "SELECT COUNT(*) FROM group_member m JOIN scim_user u ON u.id = m.member_id"
                  + " WHERE m.group_id = '"
                  + w.group()
                  + "' AND u.active AND NOT EXISTS (SELECT 1 FROM access_grant g JOIN binding b"
                  + " ON b.id = g.binding_id WHERE g.user_id = m.member_id AND b.subject_type = 'GROUP' AND b.subject_ref = '"
                  + w.group()
                  + "')");
      String verdict =
          companyPaths == placed
                  && groupPaths == members
                  && missingCompanyPaths == 0
                  && missingGroupPaths == 0
              ? "access = recomputation"
              : "ACCESS DIFFERS FROM A RECOMPUTATION";
      String line =
          String.format(
              "%,d users created by the mix, %,d in the bound group, %,d placed in the bound company;"
                  + " company paths %,d, group paths %,d, missing %d/%d: %s",
              mixUsers,
              members,
              placed,
              companyPaths,
              groupPaths,
              missingCompanyPaths,
              missingGroupPaths,
              verdict);
      System.out.println("[bench] " + line);
      RESULTS.put("IdP mix, checked afterwards", line);
    }
  }

  private static long single(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  // --- set-up and HTTP ---------------------------------------------------------------------------

  private record Dir(long id, String token, String suffix) {}

  /**
   * A directory, a company (by domain) bound to {@code customers} of a project, and an IdP group
   * bound to {@code collaborators}.
   */
  private record World(Dir dir, String domain, String companyKey, String group) {}

  private static Dir directory(String base, String label) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String created =
        admin(
            base,
            "/directories",
            "{\"name\":\"bench-" + label + "-" + suffix + "\",\"idp\":\"okta\"}");
    return new Dir(
        Long.parseLong(BenchSupport.field(created, "id")),
        BenchSupport.field(created, "token"),
        suffix);
  }

  private static World world(String base, String label) throws Exception {
    Dir d = directory(base, label);
    String domain = "partner-" + d.suffix() + ".test";
    admin(
        base,
        "/companies",
        "{\"key\":\"co-"
            + d.suffix()
            + "\",\"name\":\"Partner "
            + label
            + "\",\"domains\":[\""
            + domain
            + "\"]}");
    String project = "P" + d.suffix().toUpperCase(Locale.ROOT);
    admin(base, "/projects", "{\"key\":\"" + project + "\",\"name\":\"Project " + label + "\"}");
    admin(
        base,
        "/projects/" + project + "/bindings",
        "{\"role\":\"customers\",\"company\":\"co-" + d.suffix() + "\"}");
    String group =
        BenchSupport.field(
            send(
                base + "/scim/v2/Groups",
                d.token(),
                "POST",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Bound "
                    + label
                    + "\"}",
                201),
            "id");
    admin(
        base,
        "/projects/" + project + "/bindings",
        "{\"role\":\"collaborators\",\"group\":\"" + group + "\"}");
    return new World(d, domain, "co-" + d.suffix(), group);
  }

  private static String admin(String base, String path, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api" + path))
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201)
      throw new IllegalStateException(
          "POST " + path + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }

  private static String send(String url, String token, String method, String body, int expected)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected)
      throw new IllegalStateException(
          method + " " + url + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }

  /** The id of the user the calling thread's last successful POST created. */
  private static final ThreadLocal<String> lastCreated = new ThreadLocal<>();

  private static int post(String url, String token, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 201) lastCreated.set(BenchSupport.field(r.body(), "id"));
    return r.statusCode();
  }

  private static int patch(String url, String token, String operation) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"schemas\":[\""
                            + PATCH_SCHEMA
                            + "\"],\"Operations\":["
                            + operation
                            + "]}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int get(String base, Dir d, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/scim/v2" + path))
                .header("Authorization", "Bearer " + d.token())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  // --- load driver
  // ---------------------------------------------------------------------------------

  private interface Op {
    int run(int worker, int n) throws Exception;
  }

  /** What a timed load did: requests per second and the answers by status. */
  private record Load(double rate, long ok, Map<Integer, Integer> failures, long exceptions) {
    String errors() {
      return failures.isEmpty() && exceptions == 0
          ? "0 errors"
          : "errors " + failures + (exceptions > 0 ? ", " + exceptions + " exceptions" : "");
    }

    @Override
    public String toString() {
      return String.format("%.0f/s (%,d ok, %s)", rate, ok, errors());
    }
  }

  private static Load load(int threads, int seconds, Op op) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong exceptions = new AtomicLong();
    Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long begin = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      workers.add(
          started(
              () -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                  try {
                    int s = op.run(worker, n++);
                    if (s >= 200 && s < 300) ok.incrementAndGet();
                    else failures.merge(s, 1, Integer::sum);
                  } catch (Exception e) {
                    exceptions.incrementAndGet();
                  }
                }
              }));
    }
    for (Thread w : workers) w.join();
    double elapsed = (System.nanoTime() - begin) / 1e9;
    return new Load(ok.get() / elapsed, ok.get(), new TreeMap<>(failures), exceptions.get());
  }

  private static Thread started(Runnable work) {
    Thread t = new Thread(work);
    t.start();
    return t;
  }
}
