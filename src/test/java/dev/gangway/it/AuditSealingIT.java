package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The audit log under many writers, its sealing into keyed blocks, and what verify catches. */
class AuditSealingIT {
  private static final int WRITERS = 16;
  private static final int CREATES_PER_WRITER = 25;

  private static long globalStatus(String name) throws Exception {
    try (Connection c = Suite.get().database().connect(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      r.next();
      return r.getLong(2);
    }
  }

  /**
   * Sixteen IdP threads, each in a directory of its own, create users at once: the only row they
   * could all share is the audit log's. Prints creates/s and the server's row-lock waits (a global
   * counter: other work on the same MariaDB adds to it) for the record in docs.
   */
  @Test
  void sixteenConcurrentCreatorsAllSucceedAndTheLogVerifies() throws Exception {
    Assumptions.assumeTrue(Suite.get().database().kind() == TestDatabase.Kind.MARIADB, "reads MariaDB's counters");
    List<Api.Directory> dirs = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) dirs.add(Api.newDirectory("okta"));
    for (Api.Directory d : dirs) Api.createUser(d, Api.uniqueUserName()); // warm up each directory
    long waitsBefore = globalStatus("Innodb_row_lock_waits");
    long waitTimeBefore = globalStatus("Innodb_row_lock_time");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    long t0 = System.nanoTime();
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (Api.Directory d : dirs) {
        results.add(pool.submit(() -> {
          List<Integer> codes = new ArrayList<>();
          for (int i = 0; i < CREATES_PER_WRITER; i++) {
            codes.add(scim(d).body(Api.user(Api.uniqueUserName())).post("/Users").statusCode());
          }
          return codes;
        }));
      }
      for (Future<List<Integer>> r : results) assertThat(r.get()).containsOnly(201);
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long waits = globalStatus("Innodb_row_lock_waits") - waitsBefore;
    long waitMs = globalStatus("Innodb_row_lock_time") - waitTimeBefore;
    int creates = WRITERS * CREATES_PER_WRITER;
    System.out.printf("[audit-bench] %d creates by %d writers in %.2f s: %.1f creates/s; Innodb_row_lock_waits +%d"
        + " (%.2f per create), Innodb_row_lock_time +%d ms%n", creates, WRITERS, seconds, creates / seconds, waits,
        waits / (double) creates, waitMs);
    admin().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }
}
