/**
 * Persistence set-up: the routing data source (MariaDB or embedded H2), Flyway migrations, instant
 * columns, retry on concurrency conflicts. Knows no context's entities or tables.
 */
package dev.gangway.platform.persistence;
