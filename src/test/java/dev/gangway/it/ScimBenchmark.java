package dev.gangway.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Not a test: a benchmark of the two lookups whose cost must not grow with a directory ({@code mvn
 * -Pbenchmark verify}, see docs/benchmarks.md). It starts the packaged WAR on a fresh MariaDB
 * database, loads a small and a large directory straight into the tables with batched JDBC inserts,
 * then times over HTTP, alternating small and large:
 *
 * <ul>
 *   <li>{@code GET /Users?filter=userName eq "…"} (a random existing user each time), and
 *   <li>{@code PATCH /Groups/{id}} adding one member, to a group of {@code SMALL_MEMBERS} and to
 *       one of {@code LARGE} members.
 * </ul>
 *
 * It prints median and p95 per case and the large/small ratio, and MariaDB's EXPLAIN of the
 * statements those requests run.
 */
public final class ScimBenchmark {
  private static final int SMALL = Integer.getInteger("bench.small", 1_000);
  private static final int LARGE = Integer.getInteger("bench.large", 100_000);
  private static final int SMALL_MEMBERS = 10;
  private static final int LOOKUPS = Integer.getInteger("bench.lookups", 1_000);
  private static final int ADDS = Integer.getInteger("bench.adds", 500);
  private static final int WARMUP = 200;

  private record Dir(
      long id, String token, List<String> userNames, String groupId, List<String> outsiders) {}

  public static void main(String[] args) throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      Map<String, String> env = new HashMap<>(db.environment());
      env.put("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN);
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("bench"), env)) {
        String base = server.baseUri();
        System.out.printf("[bench] Gangway ready in %d ms%n", server.startup().toMillis());
        Dir small;
        Dir large;
        try (Connection c = db.connect()) {
          small = load(c, base, SMALL, SMALL_MEMBERS, "small");
          large = load(c, base, LARGE, LARGE, "large");
          try (Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE scim_user, group_member, scim_group");
          }
          explain(c, large);
        }
        Random random = new Random(42);
        for (int i = 0; i < WARMUP; i++) {
          lookup(base, small, random);
          lookup(base, large, random);
        }
        long[][] lookups = new long[2][LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
          lookups[0][i] = lookup(base, small, random);
          lookups[1][i] = lookup(base, large, random);
        }
        int adds = Math.min(ADDS, small.outsiders().size());
        long[][] memberAdds = new long[2][adds];
        for (int i = 0; i < adds; i++) {
          memberAdds[0][i] = addMember(base, small, small.outsiders().get(i));
          memberAdds[1][i] = addMember(base, large, large.outsiders().get(i));
        }
        System.out.println();
        System.out.printf(
            "%-44s %10s %10s%n",
            "case (" + LOOKUPS + " lookups, " + adds + " adds each)", "median ms", "p95 ms");
        report("userName eq lookup, " + SMALL + " users", lookups[0]);
        report("userName eq lookup, " + LARGE + " users", lookups[1]);
        report("member add, group of " + SMALL_MEMBERS + " (+ adds)", memberAdds[0]);
        report("member add, group of " + LARGE + " (+ adds)", memberAdds[1]);
        System.out.printf(
            "ratio large/small, median: lookup %.2f, member add %.2f%n",
            median(lookups[1]) / median(lookups[0]), median(memberAdds[1]) / median(memberAdds[0]));
      }
    }
  }

  /**
   * A directory (made over the admin API) with {@code users} users and a group of {@code members}
   * of them.
   */
  private static Dir load(Connection c, String base, int users, int members, String label)
      throws Exception {
    String name = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 6);
    String created =
        send(
            HttpRequest.newBuilder(URI.create(base + "/admin/api/directories"))
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"idp\":\"generic\"}"))
                .build(),
            201);
    long id = Long.parseLong(field(created, "id"));
    String token = field(created, "token");
    long begin = System.nanoTime();
    c.setAutoCommit(false);
    List<String> userNames = new ArrayList<>(users);
    List<String> userIds = new ArrayList<>(users);
    int outsiders = Math.max(ADDS, 0);
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO scim_user (id, directory_id, version, user_name,"
                + " user_name_key, active, created_at, modified_at) VALUES (?, ?, 1, ?, ?, TRUE, ?, ?)")) {
      for (int i = 0; i < users + outsiders; i++) {
        String uid = UUID.randomUUID().toString();
        String userName = "User." + i + "." + label + "@example.com";
        p.setString(1, uid);
        p.setLong(2, id);
        p.setString(3, userName);
        p.setString(4, userName.toLowerCase(Locale.ROOT));
        p.setTimestamp(5, now);
        p.setTimestamp(6, now);
        p.addBatch();
        userIds.add(uid);
        if (i < users) userNames.add(userName);
        if (i % 5_000 == 4_999) p.executeBatch();
      }
      p.executeBatch();
    }
    String groupId = UUID.randomUUID().toString();
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO scim_group (id, directory_id, version, display_name,"
                + " display_name_key, created_at, modified_at) VALUES (?, ?, 1, ?, ?, ?, ?)")) {
      p.setString(1, groupId);
      p.setLong(2, id);
      p.setString(3, "Group of " + members);
      p.setString(4, "group of " + members);
      p.setTimestamp(5, now);
      p.setTimestamp(6, now);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO group_member (group_id, member_id, member_type,"
                + " directory_id, added_at) VALUES (?, ?, 'USER', ?, ?)")) {
      for (int i = 0; i < members; i++) {
        p.setString(1, groupId);
        p.setString(2, userIds.get(i));
        p.setLong(3, id);
        p.setTimestamp(4, now);
        p.addBatch();
        if (i % 5_000 == 4_999) p.executeBatch();
      }
      p.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
    System.out.printf(
        "[bench] %s: %d users (+%d outside the group), group of %d, loaded in %d ms%n",
        label, users, outsiders, members, (System.nanoTime() - begin) / 1_000_000);
    return new Dir(id, token, userNames, groupId, userIds.subList(users, users + outsiders));
  }

  private static long lookup(String base, Dir d, Random random) throws Exception {
    String userName = d.userNames().get(random.nextInt(d.userNames().size()));
    String filter =
        URLEncoder.encode(
            "userName eq \"" + userName.toUpperCase(Locale.ROOT) + "\"", StandardCharsets.UTF_8);
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(base + "/scim/v2/Users?filter=" + filter + "&startIndex=1&count=100"))
            .header("Authorization", "Bearer " + d.token())
            .GET()
            .build();
    long t = System.nanoTime();
    String body = send(r, 200);
    long elapsed = System.nanoTime() - t;
    if (!body.contains("\"totalResults\":1"))
      throw new IllegalStateException("lookup of " + userName + ": " + body);
    return elapsed;
  }

  private static long addMember(String base, Dir d, String userId) throws Exception {
    String patch =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
            + "\"path\":\"members\",\"value\":[{\"value\":\""
            + userId
            + "\"}]}]}";
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + "/scim/v2/Groups/" + d.groupId()))
            .header("Authorization", "Bearer " + d.token())
            .header("Content-Type", "application/scim+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))
            .build();
    long t = System.nanoTime();
    send(r, 204);
    return System.nanoTime() - t;
  }

  /** MariaDB's plan for the statements behind the two requests, on the large directory. */
  private static void explain(Connection c, Dir large) throws SQLException {
    String key = large.userNames().get(LARGE / 2).toLowerCase(Locale.ROOT);
    String member = large.outsiders().get(large.outsiders().size() - 1);
    String[][] statements = {
      {
        "lookup: count",
        "SELECT COUNT(id) FROM scim_user WHERE directory_id = "
            + large.id()
            + " AND user_name_key = '"
            + key
            + "'"
      },
      {
        "lookup: page",
        "SELECT * FROM scim_user WHERE directory_id = "
            + large.id()
            + " AND user_name_key = '"
            + key
            + "' ORDER BY created_at, id LIMIT 100"
      },
      {
        "lookup: values",
        "SELECT * FROM user_value WHERE user_id IN ('" + member + "') ORDER BY user_id, position"
      },
      {
        "lookup: groups",
        "SELECT m.member_id, g.id, g.display_name FROM group_member m JOIN scim_group g ON g.id = m.group_id"
            + " WHERE m.member_id IN ('"
            + member
            + "') ORDER BY g.display_name_key"
      },
      {
        "add: group",
        "SELECT * FROM scim_group WHERE id = '"
            + large.groupId()
            + "' AND directory_id = "
            + large.id()
      },
      {
        "add: member kind",
        "SELECT id FROM scim_user WHERE id = '" + member + "' AND directory_id = " + large.id()
      },
      {
        "add: row present?",
        "SELECT * FROM group_member WHERE group_id = '"
            + large.groupId()
            + "' AND member_id = '"
            + member
            + "'"
      },
      {
        "add: touch group",
        "UPDATE scim_group SET version = version + 1 WHERE id = '" + large.groupId() + "'"
      },
    };
    System.out.println();
    System.out.printf(
        "%-18s %-12s %-8s %-24s %-8s %s%n", "statement", "table", "type", "key", "rows", "extra");
    for (String[] s : statements) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("EXPLAIN " + s[1])) {
        while (rs.next()) {
          System.out.printf(
              "%-18s %-12s %-8s %-24s %-8s %s%n",
              s[0],
              rs.getString("table"),
              rs.getString("type"),
              rs.getString("key"),
              rs.getString("rows"),
              rs.getString("Extra"));
        }
      }
    }
  }

  private static void report(String label, long[] nanos) {
    BenchSupport.report(label, nanos);
  }

  private static double median(long[] nanos) {
    return BenchSupport.median(nanos);
  }

  private static String send(HttpRequest r, int expected) throws Exception {
    return BenchSupport.send(r, expected);
  }

  private static String field(String json, String name) {
    return BenchSupport.field(json, name);
  }
}
