package dev.gangway.platform.persistence;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The one data source class Gangway declares: it picks the real driver from the configured URL, so
 * that a single {@code @DataSourceDefinition} serves both the embedded database and MariaDB.
 *
 * <p>{@code embedded:<folder>} opens (or creates) the H2 file database {@code <folder>/gangway} in
 * MariaDB compatibility mode; {@code jdbc:mariadb:...} opens MariaDB. Anything else is refused with
 * a message naming the accepted forms.
 */
public class RoutingDataSource implements DataSource {
  static final String EMBEDDED_PREFIX = "embedded:";
  static final String SYNC_WAIT = "wsrep_sync_wait";
  private static final String SESSION_VARIABLES = "sessionVariables=";

  /**
   * The MariaDB driver logs every error packet at WARNING, with the offending values (a duplicate
   * userName, say): personal data, and expected during retried races.
   */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.mariadb.jdbc");

  static {
    DRIVER_LOG.setLevel(Level.SEVERE);
  }

  private static final Logger LOG = Logger.getLogger(RoutingDataSource.class.getName());
  private static final AtomicBoolean EMBEDDED_FAILURE_REPORTED = new AtomicBoolean();

  private String url;
  private String user;
  private String password;
  private int loginTimeout;
  private volatile DataSource target;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
    target = null;
  }

  public void setURL(String url) {
    setUrl(url);
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
    target = null;
  }

  public void setUserName(String user) {
    setUser(user);
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
    target = null;
  }

  /** The kind of database a URL selects; used by migrations to pick dialect placeholders. */
  public static DatabaseKind kindOf(String url) {
    if (url != null && url.startsWith(EMBEDDED_PREFIX)) return DatabaseKind.EMBEDDED;
    if (url != null && url.startsWith("jdbc:h2:")) return DatabaseKind.EMBEDDED;
    if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
      return DatabaseKind.MARIADB;
    }
    throw new IllegalArgumentException(
        "GANGWAY_DB_URL must be a jdbc:mariadb: URL (or unset for the"
            + " embedded database), not '"
            + url
            + "'");
  }

  /** The H2 URL of the embedded database kept in a data folder, as an absolute path. */
  public static String embeddedJdbcUrl(String dataDir) {
    return EmbeddedDatabase.jdbcUrl(dataDir);
  }

  private DataSource target() throws SQLException {
    DataSource t = target;
    if (t != null) return t;
    try {
      switch (kindOf(url)) {
        case EMBEDDED ->
            t =
                EmbeddedDatabase.dataSource(
                    url.startsWith(EMBEDDED_PREFIX)
                        ? embeddedJdbcUrl(url.substring(EMBEDDED_PREFIX.length()))
                        : url);
        case MARIADB -> {
          String mariaUrl = url.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
          MariaDbDataSource maria = mariaDb(mariaUrl);
          if (!mariaUrl.contains(SYNC_WAIT) && isGalera(maria)) {
            LOG.info(
                "The database is a Galera cluster node: every read first waits until this node has"
                    + " applied what the cluster committed before it ("
                    + SYNC_WAIT
                    + "=1), so a change made"
                    + " through one Gangway node is seen at once through every other");
            maria = mariaDb(withSyncWait(mariaUrl));
          }
          t = maria;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), e);
    }
    target = t;
    return t;
  }

  private MariaDbDataSource mariaDb(String jdbcUrl) throws SQLException {
    MariaDbDataSource maria = new MariaDbDataSource(jdbcUrl);
    if (user != null) maria.setUser(user);
    if (password != null) maria.setPassword(password);
    if (loginTimeout > 0) maria.setLoginTimeout(loginTimeout);
    return maria;
  }

  /**
   * Whether the server is a node of a Galera cluster. A server that does not know the variable (not
   * MariaDB, or built without wsrep) is not; one that cannot be reached fails the caller's
   * connection as it would anyway, and is asked again next time.
   */
  private static boolean isGalera(DataSource maria) throws SQLException {
    try (Connection c = maria.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT @@global.wsrep_on")) {
        return r.next() && r.getBoolean(1);
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) throw e;
        return false;
      }
    }
  }

  /**
   * The URL with {@code wsrep_sync_wait=1} among the session variables the driver sets on each new
   * connection: Galera replicates synchronously but applies asynchronously, so without it a read on
   * one node may miss a commit another node has just acknowledged (an IdP's lookup right after its
   * create, through a load balancer).
   */
  static String withSyncWait(String jdbcUrl) {
    int existing = jdbcUrl.indexOf(SESSION_VARIABLES);
    if (existing >= 0) {
      int at = existing + SESSION_VARIABLES.length();
      return jdbcUrl.substring(0, at) + SYNC_WAIT + "=1," + jdbcUrl.substring(at);
    }
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + SESSION_VARIABLES + SYNC_WAIT + "=1";
  }

  /** MariaDB connections come back clean from a failed commit (see {@link CommitFailureReset}). */
  private Connection guarded(Connection c) {
    return kindOf(url) == DatabaseKind.MARIADB ? CommitFailureReset.wrap(c) : c;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return guarded(target().getConnection());
    } catch (SQLException e) {
      if (kindOf(url) == DatabaseKind.EMBEDDED) reportEmbeddedFailure(e);
      throw e;
    }
  }

  @Override
  public Connection getConnection(String u, String p) throws SQLException {
    return getConnection();
  }

  /**
   * The first connection is opened while the application deploys, before Gangway's own start-up
   * code runs: an embedded database that cannot be opened is reported here, once, with what to do,
   * in the lines the start script prints ({@code GANGWAY-FAILED}, {@code GANGWAY-HINT}).
   */
  private void reportEmbeddedFailure(SQLException e) {
    String folder = url.startsWith(EMBEDDED_PREFIX) ? url.substring(EMBEDDED_PREFIX.length()) : ".";
    List<String> advice =
        EmbeddedDatabase.adviceOnFailure(e, Path.of(folder).toAbsolutePath().normalize());
    if (advice.isEmpty() || !EMBEDDED_FAILURE_REPORTED.compareAndSet(false, true)) return;
    LOG.severe(
        "GANGWAY-FAILED: cannot open the " + DatabaseKind.describe(url) + ": " + e.getMessage());
    advice.forEach(line -> LOG.severe("GANGWAY-HINT: " + line));
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    return target().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target().isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "RoutingDataSource[" + DatabaseKind.describe(url) + "]";
  }
}
