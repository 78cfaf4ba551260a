package dev.gangway.platform.persistence;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the migrations in {@code db/migration}. The same scripts run
 * on MariaDB and on the embedded H2 database (MariaDB mode); the only difference, the table
 * options that make MariaDB compare text byte for byte, is a placeholder.
 */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(DataSource dataSource, DatabaseKind kind) {
    String tableOptions = kind == DatabaseKind.MARIADB
        ? "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("table_options", tableOptions))
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
