package dev.gangway.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The database a test server runs on. {@code -Dgangway.test.db=mariadb} (the default) makes a fresh
 * database and user on the MariaDB at {@code gangway.test.mariadb.host} (127.0.0.1:3306, admin root
 * with an empty password unless {@code gangway.test.mariadb.user} and {@code .password} or their
 * environment twins say otherwise) and drops it at the end; {@code embedded} uses the H2 file
 * database in the server's data folder.
 */
public final class TestDatabase implements AutoCloseable {
  public enum Kind {
    MARIADB,
    EMBEDDED
  }

  private final Kind kind;
  private final String name;
  private final String password;
  private final List<String> accounts = new CopyOnWriteArrayList<>();

  private TestDatabase(Kind kind, String name, String password) {
    this.kind = kind;
    this.name = name;
    this.password = password;
  }

  public static Kind configuredKind() {
    String k = System.getProperty("gangway.test.db", "mariadb").toUpperCase(Locale.ROOT);
    try {
      return Kind.valueOf(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("-Dgangway.test.db must be mariadb or embedded, not " + k);
    }
  }

  public static TestDatabase create(Kind kind) {
    if (kind == Kind.EMBEDDED) return new TestDatabase(kind, null, null);
    String name = "gangway_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String password = UUID.randomUUID().toString();
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
        s.execute("CREATE USER '" + name + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
        s.execute("GRANT ALL ON " + name + ".* TO '" + name + "'@'" + host + "'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(unreachable(e), e);
    }
    return new TestDatabase(kind, name, password);
  }

  public Kind kind() {
    return kind;
  }

  /** The database's name on MariaDB (its owner account has the same name). */
  public String name() {
    return name;
  }

  /** The owner account's password. */
  public String password() {
    return password;
  }

  /** host:port of the MariaDB the tests use. */
  public static String mariadbHost() {
    return host();
  }

  /** The environment that points a server at this database. */
  public Map<String, String> environment() {
    if (kind == Kind.EMBEDDED) return Map.of();
    return Map.of(
        "GANGWAY_DB_URL",
        "jdbc:mariadb://" + host() + "/" + name,
        "GANGWAY_DB_USER",
        name,
        "GANGWAY_DB_PASSWORD",
        password);
  }

  /**
   * The environment of one more server on this database under an account of its own (dropped with
   * the database), so that MariaDB's per-account statistics tell that server's statements apart.
   */
  public Map<String, String> environmentWithOwnAccount(String account) {
    if (kind == Kind.EMBEDDED)
      throw new IllegalStateException("the embedded database belongs to its server");
    String password = UUID.randomUUID().toString();
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
        s.execute("CREATE USER '" + account + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
        s.execute("GRANT ALL ON " + name + ".* TO '" + account + "'@'" + host + "'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    accounts.add(account);
    return Map.of(
        "GANGWAY_DB_URL",
        "jdbc:mariadb://" + host() + "/" + name,
        "GANGWAY_DB_USER",
        account,
        "GANGWAY_DB_PASSWORD",
        password);
  }

  /**
   * A connection as the server's administrator, for server-wide views such as InnoDB's lock waits.
   */
  public static Connection administrator() throws SQLException {
    return adminConnection();
  }

  /** A connection as the database's owner, for tests that inspect or tamper with rows. */
  public Connection connect() throws SQLException {
    if (kind == Kind.EMBEDDED)
      throw new IllegalStateException("the embedded database belongs to its server");
    return DriverManager.getConnection("jdbc:mariadb://" + host() + "/" + name, name, password);
  }

  /** The account the server uses (each test database has its own). */
  public String user() {
    return name;
  }

  /** A connection as the MariaDB administrator the tests create databases with. */
  public static Connection connectAsAdmin() throws SQLException {
    return adminConnection();
  }

  @Override
  public void close() {
    if (kind == Kind.EMBEDDED) return;
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
        s.execute("DROP USER IF EXISTS '" + name + "'@'" + host + "'");
        for (String account : accounts)
          s.execute("DROP USER IF EXISTS '" + account + "'@'" + host + "'");
      }
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }

  private static String host() {
    return setting("gangway.test.mariadb.host", "127.0.0.1:3306");
  }

  private static String adminUser() {
    return setting("gangway.test.mariadb.user", "root");
  }

  /** The MariaDB administrator's connection (for server-wide settings and statistics). */
  static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://" + host() + "/",
        adminUser(),
        setting("gangway.test.mariadb.password", ""));
  }

  /**
   * A system property, else its environment twin (GANGWAY_TEST_MARIADB_USER), else a default. An
   * empty property counts as unset (the benchmark profile hands every option on, set or not).
   */
  private static String setting(String property, String fallback) {
    String value = System.getProperty(property);
    if (value != null && !value.isEmpty()) return value;
    String env = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    return env != null ? env : fallback;
  }

  private static String unreachable(SQLException e) {
    return "The integration tests run on MariaDB, and MariaDB at "
        + host()
        + " cannot be used as "
        + adminUser()
        + ": "
        + e.getMessage()
        + "\n"
        + "Start MariaDB (or point -Dgangway.test.mariadb.host/user/password at one that may create "
        + "databases), or run the suite on the embedded database only: mvn verify -Dgangway.test.db=embedded";
  }
}
