/**
 * Flyway's Java migrations — the steps SQL alone cannot take on both databases (here: exact,
 * byte-wise identifier comparison, which MariaDB and H2 spell differently); the SQL migrations are
 * in {@code src/main/resources/db/migration}. Knows the schema as it was at its version, never
 * Gangway's entities or code.
 */
package db.migration;
