package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The audit log under many writers, its sealing into keyed blocks, and what verify catches. */
class AuditSealingIT {
  private static final int WRITERS = 16;
  private static final int CREATES_PER_WRITER = 25;

  /**
   * Directories the writers spread over: 2 in the suite (every directory created stays in the
   * shared test database, and the dashboard test fetches the status of each); docs/benchmarks.md
   * ran with {@code -Daudit.bench.directories=16}, one per writer, so that no other row is shared.
   */
  private static final int DIRECTORIES = Integer.getInteger("audit.bench.directories", 2);

  private static long globalStatus(String name) throws Exception {
    try (Connection c = Suite.get().database().connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      r.next();
      return r.getLong(2);
    }
  }

  /**
   * Sixteen IdP threads create users at once, spread over {@link #DIRECTORIES} directories: the
   * only row all of them could share is the audit log's. Prints creates/s and the server's row-lock
   * waits (a global counter: other work on the same MariaDB adds to it) for the record in docs.
   */
  @Test
  void sixteenConcurrentCreatorsAllSucceedAndTheLogVerifies() throws Exception {
    Assumptions.assumeTrue(
        Suite.get().database().kind() == TestDatabase.Kind.MARIADB, "reads MariaDB's counters");
    List<Api.Directory> dirs = new ArrayList<>();
    for (int i = 0; i < DIRECTORIES; i++) dirs.add(Api.newDirectory("okta"));
    for (Api.Directory d : dirs) Api.createUser(d, Api.uniqueUserName()); // warm up each directory
    LockWaitSampler sampler = new LockWaitSampler(Suite.get().database().name());
    long waitsBefore = globalStatus("Innodb_row_lock_waits");
    long waitTimeBefore = globalStatus("Innodb_row_lock_time");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    long t0 = System.nanoTime();
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Api.Directory d = dirs.get(w % dirs.size());
        results.add(
            pool.submit(
                () -> {
                  List<Integer> codes = new ArrayList<>();
                  for (int i = 0; i < CREATES_PER_WRITER; i++) {
                    codes.add(
                        scim(d).body(Api.user(Api.uniqueUserName())).post("/Users").statusCode());
                  }
                  return codes;
                }));
      }
      for (Future<List<Integer>> r : results) assertThat(r.get()).containsOnly(201);
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Integer> waited = sampler.stop();
    long waits = globalStatus("Innodb_row_lock_waits") - waitsBefore;
    long waitMs = globalStatus("Innodb_row_lock_time") - waitTimeBefore;
    int creates = WRITERS * CREATES_PER_WRITER;
    System.out.printf(
        "[audit-bench] %d directories: %d creates by %d writers in %.2f s: %.1f creates/s; Innodb_row_lock_waits +%d"
            + " (%.2f per create), Innodb_row_lock_time +%d ms%n",
        DIRECTORIES,
        creates,
        WRITERS,
        seconds,
        creates / seconds,
        waits,
        waits / (double) creates,
        waitMs);
    System.out.printf(
        "[audit-bench] lock waits seen on this test's database in %d samples: %s%n",
        sampler.samples(), waited);
    assertThat(waited)
        .as("no writer waits for the audit log's head row")
        .doesNotContainKey("audit_head");
    admin().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  private static void assumeMariaDb() {
    Assumptions.assumeTrue(
        Suite.get().database().kind() == TestDatabase.Kind.MARIADB, "needs direct database access");
  }

  /**
   * Something new to audit, made through the admin API: a project, whose creation is recorded with
   * its key as target (the directories page of the dashboard test fetches every directory's status,
   * so these tests leave no directories behind).
   */
  private static String audited() {
    String key = "AUD-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body("{\"key\":\"" + key + "\",\"name\":\"Audited\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    return key;
  }

  /** The seq of the target's first record, once sealed (sealing on demand through /audit/seal). */
  private static long sealedCreation(String targetId) {
    admin().get("/audit/seal").then().statusCode(200);
    JsonPath r =
        admin()
            .queryParam("targetId", targetId)
            .get("/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getString("[0].block")).as("sealed").isNotNull();
    return r.getLong("[0].seq");
  }

  private static void exec(Connection c, String sql, Object... params) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      s.executeUpdate();
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsAreSealedWithinAFewSecondsWithoutBeingAsked() throws Exception {
    String id = audited();
    long t0 = System.nanoTime();
    Object block = null;
    while (block == null && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
      Thread.sleep(100);
      block = admin().queryParam("targetId", id).get("/audit").then().extract().path("[0].block");
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println(
        "[audit-bench] a record was sealed " + ms + " ms after its request answered");
    assertThat(block).as("sealed by the scheduled sealer").isNotNull();
    assertThat(ms)
        .as("one interval (1 s) is typical; this bounds it on a loaded machine")
        .isLessThan(8_000);
    admin()
        .get("/audit/lag")
        .then()
        .statusCode(200)
        .body("lastBlock", greaterThan(0))
        .body("oldestUnsealedSeconds", Matchers.anyOf(Matchers.nullValue(), Matchers.lessThan(5)));
    admin()
        .get("/audit/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("unsealed", equalTo(0))
        .body("lastBlock", greaterThan(0))
        .body("keyId", notNullValue());
  }

  @Test
  void aCopiedSealChecksOutLaterAndAForgedOneDoesNot() {
    audited();
    Map<String, Object> seal =
        admin()
            .get("/audit/seal")
            .then()
            .statusCode(200)
            .body("hash", Matchers.matchesPattern("[0-9a-f]{64}"))
            .body("hmac", Matchers.matchesPattern("[0-9a-f]{64}"))
            .body("sealedThrough", greaterThan(0))
            .body("at", notNullValue())
            .extract()
            .jsonPath()
            .getMap("");
    for (int i = 0; i < 3; i++) audited();
    admin().get("/audit/seal").then().body("block", greaterThan((Integer) seal.get("block")));

    admin()
        .body(seal)
        .post("/audit/verify")
        .then()
        .statusCode(200)
        .body("result", equalTo("matches"))
        .body("verification.valid", equalTo(true));
    admin()
        .queryParam("seal", seal.get("hash"))
        .get("/audit/verify")
        .then()
        .statusCode(200)
        .body("result", equalTo("matches"))
        .body("block", equalTo(seal.get("block")));
    String other =
        ((String) seal.get("hash")).startsWith("0")
            ? "1" + ((String) seal.get("hash")).substring(1)
            : "0" + ((String) seal.get("hash")).substring(1);
    admin()
        .body(Map.of("block", seal.get("block"), "hash", other))
        .post("/audit/verify")
        .then()
        .statusCode(200)
        .body("result", equalTo("differs"));
    admin()
        .body(Map.of("block", seal.get("block"), "hash", seal.get("hash"), "hmac", other))
        .post("/audit/verify")
        .then()
        .statusCode(200)
        .body("result", equalTo("differs"));
    admin().queryParam("seal", "nope").get("/audit/verify").then().statusCode(400);
    admin().body("{}").post("/audit/verify").then().statusCode(400);
  }

  @Test
  void aDatabaseWriterWhoRecomputesTheHashIsStillCaught() throws Exception {
    assumeMariaDb();
    String id = audited();
    long seq = sealedCreation(id);
    try (Connection c = Suite.get().database().connect()) {
      String detail;
      String hash;
      String salt;
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT detail, hash, salt, at, actor, action, target_type, target_id, cause FROM audit_record WHERE seq = "
                      + seq)) {
        r.next();
        detail = r.getString(1);
        hash = r.getString(2);
        salt = r.getString(3);
      }
      String forged = detail.replace("Audited", "Forged");
      assertThat(forged).isNotEqualTo(detail);
      // what the old unkeyed chain would have accepted: a hash recomputed over the new content
      exec(
          c,
          "UPDATE audit_record SET detail = ?, hash = ? WHERE seq = ?",
          forged,
          sha256(String.join("\u001f", salt, forged)),
          seq);
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) seq))
            .body("reason", containsString("altered"));
      } finally {
        exec(c, "UPDATE audit_record SET detail = ?, hash = ? WHERE seq = ?", detail, hash, seq);
      }
    }
    admin().get("/audit/verify").then().body("valid", equalTo(true));
  }

  @Test
  void aRemovedRecordIsNamedByVerify() throws Exception {
    assumeMariaDb();
    String id = audited();
    audited();
    long seq = sealedCreation(id);
    try (Connection c = Suite.get().database().connect()) {
      exec(
          c,
          "CREATE TEMPORARY TABLE removed_record AS SELECT * FROM audit_record WHERE seq = ?",
          seq);
      exec(c, "DELETE FROM audit_record WHERE seq = ?", seq);
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) seq))
            .body("reason", containsString("missing"));
      } finally {
        exec(c, "INSERT INTO audit_record SELECT * FROM removed_record");
      }
    }
    admin().get("/audit/verify").then().body("valid", equalTo(true));
  }

  @Test
  void insertedRecordsAreNamedByVerifyAndNeverSealed() throws Exception {
    assumeMariaDb();
    String id = audited();
    long seq = sealedCreation(id);
    long block =
        admin()
            .queryParam("targetId", id)
            .get("/audit")
            .then()
            .extract()
            .jsonPath()
            .getLong("[0].block");
    try (Connection c = Suite.get().database().connect()) {
      long inserted;
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT MAX(seq) + 1 FROM audit_record")) {
        r.next();
        inserted = r.getLong(1);
      }
      String copy =
          "INSERT INTO audit_record (seq, at, actor, action, target_type, target_id, detail, cause, salt, hash, block)"
              + " SELECT ?, at, actor, 'user.deleted', target_type, target_id, detail, cause, salt, ?, ? FROM audit_record WHERE seq = ?";
      // into the block that sealed its neighbour: that block does not list it
      exec(c, copy, inserted, sha256("forged"), block, seq);
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) inserted))
            .body("reason", containsString("inserted"));
      } finally {
        exec(c, "DELETE FROM audit_record WHERE seq = ?", inserted);
      }
      // not sealed yet: its hash is not a MAC under the key, so the sealer leaves it and verify
      // names it
      exec(c, copy, inserted, sha256("forged"), null, seq);
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) inserted))
            .body("reason", containsString("inserted without the audit key"));
        admin()
            .queryParam("after", inserted - 1)
            .queryParam("limit", 1)
            .get("/audit")
            .then()
            .body("[0].seq", equalTo((int) inserted))
            .body("[0].block", Matchers.nullValue());
      } finally {
        exec(c, "DELETE FROM audit_record WHERE seq = ?", inserted);
      }
      // a replay: an exact copy of a sealed record (same salt and MAC) under a new seq
      exec(
          c,
          "INSERT INTO audit_record (seq, at, actor, action, target_type, target_id, detail, cause, salt, hash)"
              + " SELECT ?, at, actor, action, target_type, target_id, detail, cause, salt, hash FROM audit_record WHERE seq = ?",
          inserted,
          seq);
      try {
        admin()
            .get("/audit/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("brokenAt", equalTo((int) inserted))
            .body("reason", containsString("copy of record " + seq));
      } finally {
        exec(c, "DELETE FROM audit_record WHERE seq = ?", inserted);
      }
    }
    admin().get("/audit/verify").then().body("valid", equalTo(true));
  }

  /**
   * Writers never touch the head row: with it locked by a transaction that stays open, creates in
   * two directories still complete at once (sealing waits, and catches up afterwards).
   */
  @Test
  void writersDoNotWaitForTheHeadRow() throws Exception {
    assumeMariaDb();
    List<Api.Directory> dirs = new ArrayList<>();
    for (int i = 0; i < 2; i++) dirs.add(Api.newDirectory("okta"));
    List<String> ids = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Connection c = Suite.get().database().connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM audit_head WHERE id = 1 FOR UPDATE").close();
        long t0 = System.nanoTime();
        List<Future<String>> results = new ArrayList<>();
        for (Api.Directory d : dirs) {
          for (int i = 0; i < 4; i++)
            results.add(pool.submit(() -> Api.createUser(d, Api.uniqueUserName())));
        }
        for (Future<String> r : results) ids.add(r.get(20, TimeUnit.SECONDS));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println(
            "[audit-bench] 8 creates with audit_head locked by another transaction: " + ms + " ms");
        assertThat(ms).isLessThan(15_000);
      } finally {
        c.rollback();
      }
    } finally {
      pool.shutdown();
    }
    for (String id : ids) {
      admin()
          .queryParam("targetId", id)
          .get("/audit")
          .then()
          .body("[0].action", equalTo("user.created"));
    }
    admin().get("/audit/verify").then().body("valid", equalTo(true)).body("unsealed", equalTo(0));
  }

  /**
   * Samples InnoDB's waiting transactions on one database every 20 ms and counts, per table their
   * statement names, the waits seen: unlike Innodb_row_lock_waits, other databases do not count. It
   * reads {@code information_schema.INNODB_TRX} alone: joining {@code INNODB_LOCK_WAITS} with
   * {@code INNODB_LOCKS} under this load crashed MariaDB 10.11.19 (signal 11 freeing the join's
   * temporary table), taking every other test down with it.
   */
  static final class LockWaitSampler {
    private static final Pattern TABLE =
        Pattern.compile("(?i)\\b(?:from|update|into|join)\\s+`?(\\w+)`?");
    private final Map<String, Integer> waits = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;

    LockWaitSampler(String database) {
      thread =
          new Thread(
              () -> {
                try (Connection c = TestDatabase.administrator();
                    PreparedStatement ofDatabase =
                        c.prepareStatement(
                            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ?");
                    PreparedStatement waiting =
                        c.prepareStatement(
                            "SELECT trx_mysql_thread_id, trx_query"
                                + " FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
                  ofDatabase.setString(1, database);
                  while (running.get()) {
                    Set<Long> threads = new HashSet<>();
                    try (ResultSet r = ofDatabase.executeQuery()) {
                      while (r.next()) threads.add(r.getLong(1));
                    }
                    try (ResultSet r = waiting.executeQuery()) {
                      while (r.next()) {
                        if (!threads.contains(r.getLong(1))) continue;
                        Matcher m = TABLE.matcher(String.valueOf(r.getString(2)));
                        if (m.find()) waits.merge(m.group(1), 1, Integer::sum);
                      }
                    }
                    samples.incrementAndGet();
                    Thread.sleep(20);
                  }
                } catch (Exception e) {
                  System.out.println("[audit-bench] lock-wait sampling stopped: " + e);
                }
              },
              "lock-wait-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    Map<String, Integer> stop() throws InterruptedException {
      running.set(false);
      thread.join(5_000);
      return new TreeMap<>(waits);
    }

    int samples() {
      return samples.get();
    }
  }
}
