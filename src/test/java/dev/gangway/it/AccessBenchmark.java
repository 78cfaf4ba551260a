package dev.gangway.it;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a benchmark of effective access at 1,000 and at 100,000 users ({@code mvn -Pbenchmark
 * verify}, see docs/benchmarks.md). Each world has N users, all in one company bound to {@code
 * customers} and all in one IdP group bound to {@code collaborators} (2·N access paths), loaded
 * straight into MariaDB. Timed over HTTP, alternating worlds:
 *
 * <ul>
 *   <li>a member added to the bound group and removed again (each reconciles one user);
 *   <li>{@code GET /admin/api/users/{id}/access} for a random user;
 *   <li>{@code GET /admin/api/projects/{key}/access}, the first page and a page in the middle;
 * </ul>
 *
 * and then the access export of each world (2,000 vs 200,000 rows) on a server whose heap is capped
 * at {@code -Xmx256m}, with the server's used heap sampled while it streams.
 */
public final class AccessBenchmark {
  private static final int SMALL = Integer.getInteger("bench.small", 1_000);
  private static final int LARGE = Integer.getInteger("bench.large", 100_000);
  private static final int CHANGES = Integer.getInteger("bench.changes", 200);
  private static final int READS = Integer.getInteger("bench.reads", 300);
  private static final int WARMUP = 50;

  private record World(
      String label,
      int users,
      long directory,
      String token,
      String project,
      String group,
      List<String> userIds,
      List<String> outsiders) {}

  public static void main(String[] args) throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      Map<String, String> env = new HashMap<>(db.environment());
      env.put("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN);
      env.put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC");
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("access-bench"), env)) {
        String base = server.baseUri();
        System.out.printf(
            "[bench] Gangway (-Xmx256m) ready in %d ms%n", server.startup().toMillis());
        World small;
        World large;
        try (Connection c = db.connect()) {
          small = load(c, base, SMALL, "small");
          large = load(c, base, LARGE, "large");
          try (Statement s = c.createStatement()) {
            s.execute(
                "ANALYZE TABLE scim_user, group_member, scim_group, company_member, access_grant, binding");
          }
        }
        if (Boolean.getBoolean("bench.exportOnly")) {
          export(base, server.javaPid(), small);
          export(base, server.javaPid(), large);
          return;
        }
        Random random = new Random(7);
        for (int i = 0; i < WARMUP; i++) {
          change(base, small, small.outsiders().get(i));
          change(base, large, large.outsiders().get(i));
          userAccess(base, small, random);
          userAccess(base, large, random);
        }
        long[][] adds = new long[2][CHANGES];
        long[][] removes = new long[2][CHANGES];
        for (int i = 0; i < CHANGES; i++) {
          long[] s = change(base, small, small.outsiders().get(WARMUP + i));
          long[] l = change(base, large, large.outsiders().get(WARMUP + i));
          adds[0][i] = s[0];
          removes[0][i] = s[1];
          adds[1][i] = l[0];
          removes[1][i] = l[1];
        }
        long[][] explains = new long[2][READS];
        long[][] firstPages = new long[2][READS];
        long[][] middlePages = new long[2][READS];
        long[][] keysetPages = new long[2][READS];
        String smallCursor = cursorAt(base, small, SMALL / 2);
        String largeCursor = cursorAt(base, large, LARGE / 2);
        for (int i = 0; i < READS; i++) {
          explains[0][i] = userAccess(base, small, random);
          explains[1][i] = userAccess(base, large, random);
          firstPages[0][i] = projectPage(base, small, 0);
          firstPages[1][i] = projectPage(base, large, 0);
          middlePages[0][i] = projectPage(base, small, SMALL / 2);
          middlePages[1][i] = projectPage(base, large, LARGE / 2);
          keysetPages[0][i] = keysetPage(base, small, smallCursor);
          keysetPages[1][i] = keysetPage(base, large, largeCursor);
        }
        System.out.println();
        System.out.printf("%-52s %10s %10s%n", "case", "median ms", "p95 ms");
        BenchSupport.report("member add to bound group, " + SMALL + " users", adds[0]);
        BenchSupport.report("member add to bound group, " + LARGE + " users", adds[1]);
        BenchSupport.report("member remove from bound group, " + SMALL + " users", removes[0]);
        BenchSupport.report("member remove from bound group, " + LARGE + " users", removes[1]);
        BenchSupport.report("GET /users/{id}/access, " + SMALL + " users", explains[0]);
        BenchSupport.report("GET /users/{id}/access, " + LARGE + " users", explains[1]);
        BenchSupport.report("GET /projects/{key}/access first page, " + SMALL, firstPages[0]);
        BenchSupport.report("GET /projects/{key}/access first page, " + LARGE, firstPages[1]);
        BenchSupport.report("GET /projects/{key}/access middle page, " + SMALL, middlePages[0]);
        BenchSupport.report("GET /projects/{key}/access middle page, " + LARGE, middlePages[1]);
        BenchSupport.report("GET /projects/{key}/access?after= (middle), " + SMALL, keysetPages[0]);
        BenchSupport.report("GET /projects/{key}/access?after= (middle), " + LARGE, keysetPages[1]);
        System.out.printf(
            "ratio large/small, median: add %.2f, remove %.2f, user access %.2f, first page %.2f,"
                + " middle page by offset %.2f, middle page by cursor %.2f%n",
            ratio(adds),
            ratio(removes),
            ratio(explains),
            ratio(firstPages),
            ratio(middlePages),
            ratio(keysetPages));

        System.out.println();
        export(base, server.javaPid(), small);
        export(base, server.javaPid(), large);
      }
    }
  }

  private static double ratio(long[][] pair) {
    return BenchSupport.median(pair[1]) / BenchSupport.median(pair[0]);
  }

  private static World load(Connection c, String base, int users, String label) throws Exception {
    String suffix = label + "-" + UUID.randomUUID().toString().substring(0, 6);
    String dir =
        admin(
            base,
            "POST",
            "/directories",
            "{\"name\":\"bench-" + suffix + "\",\"idp\":\"generic\"}",
            201);
    long directory = Long.parseLong(BenchSupport.field(dir, "id"));
    String token = BenchSupport.field(dir, "token");
    admin(
        base,
        "POST",
        "/companies",
        "{\"key\":\"co-" + suffix + "\",\"name\":\"Company " + label + "\"}",
        201);
    String project = "P-" + suffix;
    admin(
        base,
        "POST",
        "/projects",
        "{\"key\":\"" + project + "\",\"name\":\"Project " + label + "\"}",
        201);
    long begin = System.nanoTime();
    c.setAutoCommit(false);
    long companyId = single(c, "SELECT id FROM company WHERE company_key = 'co-" + suffix + "'");
    long projectId = single(c, "SELECT id FROM project WHERE project_key = '" + project + "'");
    long customers =
        single(
            c,
            "SELECT id FROM project_role WHERE project_id = "
                + projectId
                + " AND name = 'customers'");
    long collaborators =
        single(
            c,
            "SELECT id FROM project_role WHERE project_id = "
                + projectId
                + " AND name = 'collaborators'");
    Timestamp now = Timestamp.from(Instant.now());
    String group = UUID.randomUUID().toString();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO scim_group (id, directory_id, version, display_name,"
                + " display_name_key, created_at, modified_at) VALUES (?, ?, 1, ?, ?, ?, ?)")) {
      p.setString(1, group);
      p.setLong(2, directory);
      p.setString(3, "Bound " + label);
      p.setString(4, "bound " + label);
      p.setTimestamp(5, now);
      p.setTimestamp(6, now);
      p.executeUpdate();
    }
    long companyBinding =
        insertBinding(c, projectId, customers, "COMPANY", String.valueOf(companyId), now);
    long groupBinding = insertBinding(c, projectId, collaborators, "GROUP", group, now);
    int outsiders = WARMUP + CHANGES;
    List<String> ids = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    try (PreparedStatement u =
            c.prepareStatement(
                "INSERT INTO scim_user (id, directory_id, version, user_name,"
                    + " user_name_key, active, created_at, modified_at) VALUES (?, ?, 1, ?, ?, TRUE, ?, ?)");
        PreparedStatement m =
            c.prepareStatement(
                "INSERT INTO company_member (user_id, company_id, directory_id, reason, since)"
                    + " VALUES (?, ?, ?, 'benchmark', ?)");
        PreparedStatement g =
            c.prepareStatement(
                "INSERT INTO group_member (group_id, member_id, member_type, directory_id,"
                    + " added_at) VALUES (?, ?, 'USER', ?, ?)");
        PreparedStatement a =
            c.prepareStatement(
                "INSERT INTO access_grant (user_id, binding_id, project_id, role_id,"
                    + " pool_id, state, since) VALUES (?, ?, ?, ?, NULL, 'GRANTED', ?)")) {
      for (int i = 0; i < users + outsiders; i++) {
        String id = UUID.randomUUID().toString();
        String userName = "user." + i + "." + suffix + "@example.com";
        u.setString(1, id);
        u.setLong(2, directory);
        u.setString(3, userName);
        u.setString(4, userName);
        u.setTimestamp(5, now);
        u.setTimestamp(6, now);
        u.addBatch();
        if (i >= users) {
          outside.add(id);
          continue;
        }
        ids.add(id);
        m.setString(1, id);
        m.setLong(2, companyId);
        m.setLong(3, directory);
        m.setTimestamp(4, now);
        m.addBatch();
        g.setString(1, group);
        g.setString(2, id);
        g.setLong(3, directory);
        g.setTimestamp(4, now);
        g.addBatch();
        for (long[] path :
            new long[][] {{companyBinding, customers}, {groupBinding, collaborators}}) {
          a.setString(1, id);
          a.setLong(2, path[0]);
          a.setLong(3, projectId);
          a.setLong(4, path[1]);
          a.setTimestamp(5, now);
          a.addBatch();
        }
        if (i % 5_000 == 4_999) {
          u.executeBatch();
          m.executeBatch();
          g.executeBatch();
          a.executeBatch();
        }
      }
      u.executeBatch();
      m.executeBatch();
      g.executeBatch();
      a.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
    System.out.printf(
        "[bench] %s: %d users in a bound company and a bound group (%d access paths), loaded in %d ms%n",
        label, users, 2 * users, (System.nanoTime() - begin) / 1_000_000);
    return new World(label, users, directory, token, project, group, ids, outside);
  }

  private static long insertBinding(
      Connection c, long project, long role, String type, String ref, Timestamp now)
      throws Exception {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO binding (project_id, role_id, subject_type, subject_ref,"
                + " created_at) VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setLong(1, project);
      p.setLong(2, role);
      p.setString(3, type);
      p.setString(4, ref);
      p.setTimestamp(5, now);
      p.executeUpdate();
      ResultSet k = p.getGeneratedKeys();
      k.next();
      return k.getLong(1);
    }
  }

  private static long single(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Adds a user to the bound group, then removes it; both reconcile that one user. */
  private static long[] change(String base, World w, String userId) throws Exception {
    long t0 = System.nanoTime();
    scim(
        base,
        w,
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}");
    long t1 = System.nanoTime();
    scim(base, w, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}");
    long t2 = System.nanoTime();
    return new long[] {t1 - t0, t2 - t1};
  }

  private static void scim(String base, World w, String op) throws Exception {
    BenchSupport.send(
        HttpRequest.newBuilder(URI.create(base + "/scim/v2/Groups/" + w.group()))
            .header("Authorization", "Bearer " + w.token())
            .header("Content-Type", "application/scim+json")
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString(
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":["
                        + op
                        + "]}"))
            .build(),
        204);
  }

  private static long userAccess(String base, World w, Random random) throws Exception {
    String id = w.userIds().get(random.nextInt(w.userIds().size()));
    long t = System.nanoTime();
    String body = admin(base, "GET", "/users/" + id + "/access", null, 200);
    long took = System.nanoTime() - t;
    if (!body.contains("collaborators") || !body.contains("customers"))
      throw new IllegalStateException(body);
    return took;
  }

  private static long projectPage(String base, World w, int offset) throws Exception {
    long t = System.nanoTime();
    String body =
        admin(
            base,
            "GET",
            "/projects/" + w.project() + "/access?limit=100&offset=" + offset,
            null,
            200);
    long took = System.nanoTime() - t;
    if (!body.contains("\"total\":" + w.users()))
      throw new IllegalStateException(body.substring(0, Math.min(300, body.length())));
    return took;
  }

  /** The cursor (a user id) that starts a page in the middle of a project's access. */
  private static String cursorAt(String base, World w, int offset) throws Exception {
    String body =
        admin(
            base,
            "GET",
            "/projects/" + w.project() + "/access?limit=1&offset=" + offset,
            null,
            200);
    return BenchSupport.field(body, "next");
  }

  private static long keysetPage(String base, World w, String after) throws Exception {
    long t = System.nanoTime();
    String body =
        admin(
            base,
            "GET",
            "/projects/" + w.project() + "/access?limit=100&after=" + after,
            null,
            200);
    long took = System.nanoTime() - t;
    if (!body.contains("\"next\"") || body.contains("\"total\""))
      throw new IllegalStateException(body.substring(0, 200));
    return took;
  }

  /** Streams a world's access export and samples the server's used heap (jstat) while it does. */
  private static void export(String base, long pid, World w) throws Exception {
    AtomicLong maxUsedKb = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    AtomicBoolean streaming = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (streaming.get()) {
                long used = usedHeapKb(pid);
                if (used > 0) {
                  maxUsedKb.accumulateAndGet(used, Math::max);
                  samples.incrementAndGet();
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    long before = usedHeapKb(pid);
    sampler.start();
    long t = System.nanoTime();
    HttpResponse<InputStream> r =
        BenchSupport.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/admin/api/exports/access?project=" + w.project()))
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long rows = 0;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      while (in.readLine() != null) rows++;
    }
    long took = (System.nanoTime() - t) / 1_000_000;
    streaming.set(false);
    sampler.join();
    if (r.statusCode() != 200 || rows - 1 != 2L * w.users()) {
      throw new IllegalStateException(
          "export of " + w.label() + ": status " + r.statusCode() + ", " + (rows - 1) + " rows");
    }
    System.out.printf(
        "export of %,d access rows (%s): %,d ms, heap used before %,d KB, max while streaming %,d KB (%d samples, -Xmx256m)%n",
        rows - 1, w.label(), took, before, maxUsedKb.get(), samples.get());
  }

  /**
   * Eden, survivor and old generation in use, in KB, as jstat reports them; 0 if jstat is missing.
   */
  private static long usedHeapKb(long pid) {
    try {
      Process p =
          new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
      List<String> lines =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      p.waitFor();
      if (lines.size() < 2) return 0;
      String[] head = lines.get(0).trim().split("\\s+");
      String[] vals = lines.get(1).trim().split("\\s+");
      double used = 0;
      for (int i = 0; i < head.length; i++) {
        if (head[i].equals("S0U")
            || head[i].equals("S1U")
            || head[i].equals("EU")
            || head[i].equals("OU")) {
          used += Double.parseDouble(vals[i]);
        }
      }
      return (long) used;
    } catch (Exception e) {
      return 0;
    }
  }

  private static String admin(String base, String method, String path, String body, int expected)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/admin/api" + path))
            .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
            .header("Content-Type", "application/json");
    b =
        body == null
            ? b.method(method, HttpRequest.BodyPublishers.noBody())
            : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    return BenchSupport.send(b.build(), expected);
  }
}
