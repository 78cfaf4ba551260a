package dev.gangway.platform.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The embedded H2 engine, loaded from the jar Gangway ships ({@code embedded-db/h2.jar}) through a
 * class loader of its own.
 *
 * <p>Why not simply from {@code WEB-INF/lib}: Payara Micro carries H2 2.2.224 in its runtime and
 * its class loaders find that copy first, so the version in the WAR was never used. 2.2.224 can
 * leave a file it cannot reopen after a process crash ("File corrupted while reading record",
 * caused by "Double mark" in its free-space map); the H2 Gangway ships does not. Its own loader
 * also means one engine per JVM for the one database file (a second engine on the same file would
 * be refused by H2's file lock).
 */
public final class EmbeddedDatabase {
  static final String JAR_RESOURCE = "embedded-db/h2.jar";
  private static final String DATA_SOURCE_CLASS = "org.h2.jdbcx.JdbcDataSource";

  /**
   * Options of the embedded database. {@code WRITE_DELAY=0}: a commit is written to the file before
   * it returns (H2's default of 500 ms keeps acknowledged commits in memory, lost on {@code kill
   * -9}). {@code DB_CLOSE_ON_EXIT=FALSE}: the connection pool closes the database when the
   * application stops, not H2's own shutdown hook racing with requests still in flight.
   */
  static final String OPTIONS =
      ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
          + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

  // H2's error codes (org.h2.api.ErrorCode), not compiled against: the engine is loaded apart.
  private static final int FILE_CORRUPTED = 90030;
  private static final int FILE_VERSION_ERROR = 90048;
  private static final int DATABASE_ALREADY_OPEN = 90020;
  private static final int IO_EXCEPTION_1 = 90028;
  private static final int IO_EXCEPTION_2 = 90031;
  private static final int READ_ONLY = 90097;

  private static ClassLoader loader;

  private EmbeddedDatabase() {}

  /** The H2 URL of the embedded database kept in a data folder, as an absolute path. */
  public static String jdbcUrl(String dataDir) {
    Path folder = Path.of(dataDir).toAbsolutePath().normalize();
    return "jdbc:h2:file:" + folder.resolve("gangway") + OPTIONS;
  }

  /** A data source on the embedded database at an H2 URL. */
  static DataSource dataSource(String h2Url) throws SQLException {
    try {
      Class<?> type = Class.forName(DATA_SOURCE_CLASS, true, loader());
      DataSource ds = (DataSource) type.getConstructor().newInstance();
      type.getMethod("setURL", String.class).invoke(ds, h2Url);
      type.getMethod("setUser", String.class).invoke(ds, "gangway");
      type.getMethod("setPassword", String.class).invoke(ds, "gangway");
      return ds;
    } catch (ReflectiveOperationException | IOException e) {
      throw new SQLException(
          "cannot load the embedded database engine (" + JAR_RESOURCE + "): " + e, e);
    }
  }

  /**
   * What an operator can do when the embedded database in {@code dataDir} could not be opened:
   * nothing (an empty list) when the failure is not one of the embedded database's own.
   */
  public static List<String> adviceOnFailure(Throwable failure, Path dataDir) {
    Path file = dataDir.resolve("gangway.mv.db");
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (!(t instanceof SQLException sql)) continue;
      String version = engineVersion();
      switch (sql.getErrorCode()) {
        case FILE_CORRUPTED, FILE_VERSION_ERROR -> {
          return List.of(
              "The embedded database file "
                  + file
                  + " cannot be read ("
                  + sql.getErrorCode()
                  + ").",
              "Nothing has been changed. First keep a copy of the whole folder " + dataDir + ".",
              "To restore a backup (README, Backups): stop Gangway, move "
                  + file.getFileName()
                  + " aside, unzip the backup into "
                  + dataDir
                  + " and start Gangway again.",
              "To salvage what the file still holds: java -cp h2-"
                  + version
                  + ".jar "
                  + "org.h2.tools.Recover -dir "
                  + dataDir
                  + " -db gangway  (writes gangway.h2.sql; "
                  + "the jar is in ~/.m2/repository/com/h2database/h2/"
                  + version
                  + "/)");
        }
        case DATABASE_ALREADY_OPEN -> {
          return List.of(
              "Another process is using the embedded database in " + dataDir + ".",
              "Run one Gangway process per data folder; several nodes need MariaDB (README).");
        }
        case IO_EXCEPTION_1, IO_EXCEPTION_2, READ_ONLY -> {
          return List.of(
              "The embedded database file "
                  + file
                  + " cannot be read or written: check that "
                  + "the folder exists and that its owner is the user running Gangway, with read and write access.");
        }
        default -> {}
      }
    }
    return List.of();
  }

  /** The version of the engine in use, e.g. {@code 2.4.240}. */
  public static String engineVersion() {
    try {
      Class<?> constants = Class.forName("org.h2.engine.Constants", true, loader());
      return String.valueOf(constants.getField("VERSION").get(null));
    } catch (ReflectiveOperationException | IOException e) {
      return "unknown";
    }
  }

  private static synchronized ClassLoader loader() throws IOException {
    if (loader != null) return loader;
    URL jar = EmbeddedDatabase.class.getClassLoader().getResource(JAR_RESOURCE);
    if (jar == null) throw new IOException(JAR_RESOURCE + " is missing from the application");
    if (!"file".equals(jar.getProtocol())) jar = copyOut(jar);
    // Parent: the platform loader (java.sql, javax.sql), so that no other H2 on the server's
    // class path can shadow this one.
    loader =
        new URLClassLoader(
            "gangway-embedded-db", new URL[] {jar}, ClassLoader.getPlatformClassLoader());
    return loader;
  }

  private static URL copyOut(URL jar) throws IOException {
    Path copy = Files.createTempFile("gangway-h2-", ".jar");
    copy.toFile().deleteOnExit();
    try (InputStream in = jar.openStream()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy.toUri().toURL();
  }
}
