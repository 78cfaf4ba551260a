package dev.gangway.platform.ops;

import dev.gangway.platform.persistence.PersistenceSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health}: the database answers, and its schema is at the version this build migrates to
 * (no failed or pending migration).
 */
@Readiness
@Liveness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {
  private PersistenceSetup persistence;

  protected DatabaseHealth() {}

  @Inject
  DatabaseHealth(PersistenceSetup persistence) {
    this.persistence = persistence;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (Connection c = persistence.dataSource().getConnection();
        Statement s = c.createStatement()) {
      if (!c.isValid(2)) return response.down().withData("reachable", false).build();
      // the last one applied, not MAX(version): versions are text, and "9" sorts after "10"
      try (ResultSet r =
          s.executeQuery(
              "SELECT (SELECT h.version FROM flyway_schema_history h WHERE h.version IS NOT NULL"
                  + " ORDER BY h.installed_rank DESC LIMIT 1), SUM(CASE WHEN success THEN 0 ELSE 1 END)"
                  + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
        r.next();
        String version = r.getString(1);
        long failed = r.getLong(2);
        return response
            .status(failed == 0 && version != null)
            .withData("reachable", true)
            .withData("schemaVersion", version == null ? "none" : version)
            .withData("failedMigrations", failed)
            .build();
      }
    } catch (Exception e) {
      return response
          .down()
          .withData("reachable", false)
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
