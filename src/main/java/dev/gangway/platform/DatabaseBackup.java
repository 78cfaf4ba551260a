package dev.gangway.platform;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.DatabaseKind;
import dev.gangway.platform.persistence.PersistenceSetup;
import dev.gangway.platform.persistence.RoutingDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An online, consistent backup of the embedded database: H2's {@code BACKUP TO} copies the store
 * while Gangway keeps serving (the store is copy-on-write, so the copy is one committed state). On
 * MariaDB the database's own tools do this better, and Gangway says which.
 */
@ApplicationScoped
public class DatabaseBackup {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("'gangway-'yyyyMMdd'T'HHmmss.SSS'Z.zip'")
          .withZone(ZoneOffset.UTC);

  private GangwayConfig config;
  private PersistenceSetup persistence;
  private Clock clock;

  protected DatabaseBackup() {}

  @Inject
  DatabaseBackup(GangwayConfig config, PersistenceSetup persistence, Clock clock) {
    this.config = config;
    this.persistence = persistence;
    this.clock = clock;
  }

  /** Where a backup went and how large it is. */
  public record Backup(Path file, long bytes) {}

  /**
   * Writes a backup into {@code <data dir>/backups}, outside any transaction of the caller: the
   * copy may take a while and needs no part in it (the caller audits it afterwards, briefly).
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Backup create() {
    if (RoutingDataSource.kindOf(config.databaseUrl()) != DatabaseKind.EMBEDDED) {
      throw new DomainException(
          DomainException.Kind.CONFLICT,
          "Gangway runs on MariaDB: back it up with "
              + "'mariadb-dump --single-transaction --routines <database>' or mariadb-backup (README, Backups).");
    }
    Path folder = config.dataDir().resolve("backups");
    Path file = folder.resolve(NAME.format(clock.instant()));
    try (Connection c = persistence.dataSource().getConnection();
        Statement s = c.createStatement()) {
      Files.createDirectories(folder);
      s.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
      ownerOnly(folder, "rwx------");
      ownerOnly(file, "rw-------"); // also when started without the start script's umask 077
      return new Backup(file, Files.size(file));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the backup of the embedded database failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the backup into " + folder, e);
    }
  }

  private static void ownerOnly(Path p, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    }
  }
}
