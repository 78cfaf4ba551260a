package dev.gangway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The server all black-box tests share: started once per test JVM, on the configured database,
 * stopped (and its database dropped) when the JVM ends. Tests stay independent by working in
 * directories and names of their own.
 */
public final class Suite {
  public static final String ADMIN_TOKEN = "gwa_test_" + UUID.randomUUID();

  /**
   * The audit key every node of the suite's database shares (nodes with another key fail verify).
   */
  public static final String AUDIT_KEY = "gwk_test_" + UUID.randomUUID();

  /**
   * Above this many users a rule change re-evaluates in the background (small, to test that path).
   */
  public static final int REEVALUATE_SYNC_LIMIT = 25;

  private static Suite instance;
  private static RuntimeException failure;

  private final TestDatabase database;
  private final GangwayServer server;

  private Suite(TestDatabase database, GangwayServer server) {
    this.database = database;
    this.server = server;
  }

  public static synchronized Suite get() {
    if (instance != null) return instance;
    if (failure != null) throw failure;
    try {
      TestDatabase db = TestDatabase.create(TestDatabase.configuredKind());
      Map<String, String> env = new HashMap<>(db.environment());
      env.put("GANGWAY_ADMIN_TOKEN", ADMIN_TOKEN);
      env.put("GANGWAY_AUDIT_KEY", AUDIT_KEY);
      env.put("GANGWAY_REEVALUATE_SYNC_LIMIT", String.valueOf(REEVALUATE_SYNC_LIMIT));
      // webhook retries in tenths of a second, so that a receiver's outage is over within a test
      env.put("GANGWAY_WEBHOOK_RETRY_MIN", "PT0.2S");
      env.put("GANGWAY_WEBHOOK_RETRY_MAX", "PT1S");
      GangwayServer server = GangwayServer.start(dataDir("shared"), env);
      System.out.println(
          "[suite] Gangway on "
              + db.kind()
              + " ready in "
              + server.startup().toMillis()
              + " ms at "
              + server.baseUri());
      instance = new Suite(db, server);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    db.close();
                  }));
      return instance;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  public static Path dataDir(String name) {
    try {
      Path base = GangwayServer.project("target/it-data");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, name + "-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public TestDatabase database() {
    return database;
  }

  public GangwayServer server() {
    return server;
  }

  public String baseUri() {
    return server.baseUri();
  }
}
