package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Identifiers compare exactly: {@code "ann@x.example "} is not {@code "ann@x.example"}, and {@code
 * /Users/{id}%20} is not the user {@code id}.
 *
 * <ul>
 *   <li>MariaDB: {@code utf8mb4_bin} is a PAD SPACE collation (trailing spaces are ignored when
 *       comparing, in lookups and in unique keys); every Gangway table becomes {@code
 *       utf8mb4_nopad_bin}, still byte for byte (case rules stay in the lower-cased {@code *_key}
 *       columns), without padding. One table rebuild each.
 *   <li>H2 compares VARCHAR exactly but pads CHAR: the CHAR(36) id columns become VARCHAR(36).
 * </ul>
 *
 * Existing rows cannot clash: what was unique with padding is unique without. MariaDB does not let
 * a column's collation change under a foreign key, so the keys are dropped and re-created around
 * the conversion (DDL is not transactional on MariaDB: a run interrupted half-way leaves the schema
 * partly converted and Flyway refuses to start until it is repaired — back up before upgrading, as
 * for any migration).
 */
public class V10__exact_text_comparison extends BaseJavaMigration {
  private static final String[][] H2_ID_COLUMNS = {
    {"scim_user", "id"}, {"user_value", "user_id"}, {"scim_group", "id"},
    {"group_member", "group_id"}, {"group_member", "member_id"}, {"company_member", "user_id"},
    {"mapping_issue", "user_id"}, {"access_grant", "user_id"}, {"access_event", "user_id"}
  };

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    try (Statement s = c.createStatement()) {
      if (product.contains("h2")) {
        for (String[] col : H2_ID_COLUMNS) {
          s.execute(
              "ALTER TABLE " + col[0] + " ALTER COLUMN " + col[1] + " SET DATA TYPE VARCHAR(36)");
        }
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                  + " AND table_type = 'BASE TABLE' AND table_collation = 'utf8mb4_bin'"
                  + " AND table_name <> '"
                  + context.getConfiguration().getTable()
                  + "'")) {
        while (r.next()) tables.add(r.getString(1));
      }
      if (tables.isEmpty()) return;
      // MariaDB refuses to change the collation of a column a foreign key uses: take the keys
      // off, convert, and put the same keys back
      List<String> dropped = new ArrayList<>();
      List<String> restored = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT rc.constraint_name, rc.table_name, rc.referenced_table_name,"
                  + " rc.update_rule, rc.delete_rule,"
                  + " GROUP_CONCAT(CONCAT('`', k.column_name, '`') ORDER BY k.ordinal_position SEPARATOR ', '),"
                  + " GROUP_CONCAT(CONCAT('`', k.referenced_column_name, '`') ORDER BY k.ordinal_position SEPARATOR ', ')"
                  + " FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage k"
                  + " ON k.constraint_schema = rc.constraint_schema AND k.constraint_name = rc.constraint_name"
                  + " AND k.table_name = rc.table_name"
                  + " WHERE rc.constraint_schema = DATABASE()"
                  + " GROUP BY rc.constraint_name, rc.table_name, rc.referenced_table_name, rc.update_rule, rc.delete_rule")) {
        while (r.next()) {
          String name = r.getString(1);
          String table = r.getString(2);
          dropped.add("ALTER TABLE `" + table + "` DROP FOREIGN KEY `" + name + "`");
          restored.add(
              "ALTER TABLE `"
                  + table
                  + "` ADD CONSTRAINT `"
                  + name
                  + "` FOREIGN KEY ("
                  + r.getString(6)
                  + ") REFERENCES `"
                  + r.getString(3)
                  + "` ("
                  + r.getString(7)
                  + ") ON DELETE "
                  + r.getString(5)
                  + " ON UPDATE "
                  + r.getString(4));
        }
      }
      for (String sql : dropped) s.execute(sql);
      for (String table : tables) {
        s.execute(
            "ALTER TABLE `"
                + table
                + "` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
      }
      for (String sql : restored) s.execute(sql);
    }
  }
}
