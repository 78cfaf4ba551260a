package dev.gangway.platform.persistence;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the migrations in {@code db/migration}. The same scripts run on
 * MariaDB and on the embedded H2 database (MariaDB mode); the only difference, the table options
 * that make MariaDB compare text byte for byte and without padding trailing spaces (like H2's
 * VARCHAR), is a placeholder. Databases created before V10 were {@code utf8mb4_bin} (PAD SPACE);
 * V10 converts them. The placeholder is not part of a migration's checksum.
 */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(DataSource dataSource, DatabaseKind kind) {
    String tableOptions =
        kind == DatabaseKind.MARIADB
            ? "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin"
            : "";
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("table_options", tableOptions))
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
