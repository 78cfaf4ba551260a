package dev.gangway.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * Declares Gangway's data source. URL, user and password come from MicroProfile Config ({@code
 * GANGWAY_DB_URL}, {@code GANGWAY_DB_USER}, {@code GANGWAY_DB_PASSWORD}); the class routes to H2 or
 * MariaDB by URL.
 */
@DataSourceDefinition(
    name = PersistenceSetup.JNDI_NAME,
    className = "dev.gangway.platform.persistence.RoutingDataSource",
    url = "${MPCONFIG=gangway.db.url}",
    user = "${MPCONFIG=gangway.db.user}",
    password = "${MPCONFIG=gangway.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data",
      "fish.payara.fail-all-connections=true"
    })
@ApplicationScoped
public class PersistenceSetup {
  public static final String JNDI_NAME = "java:app/jdbc/gangway";

  @Resource(lookup = JNDI_NAME)
  private DataSource dataSource;

  public DataSource dataSource() {
    return dataSource;
  }
}
