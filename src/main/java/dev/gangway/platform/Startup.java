package dev.gangway.platform;

import dev.gangway.platform.persistence.DatabaseKind;
import dev.gangway.platform.persistence.EmbeddedDatabase;
import dev.gangway.platform.persistence.Migrations;
import dev.gangway.platform.persistence.PersistenceSetup;
import dev.gangway.platform.persistence.RoutingDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs once when the application starts: migrates the schema, then tells the other contexts ({@link
 * Started}) and prints the line the start script waits for. A failure is logged with a plain cause
 * and fails the deployment, which makes the start script exit non-zero.
 */
@ApplicationScoped
public class Startup {
  /** Printed when Gangway is ready; {@code src/main/bin/gangway} waits for it. */
  public static final String READY_MARK = "GANGWAY-READY";

  /** Printed with the cause when Gangway cannot start. */
  public static final String FAILED_MARK = "GANGWAY-FAILED";

  /** Printed after {@link #FAILED_MARK}: what the operator can do about it, one step a line. */
  public static final String HINT_MARK = "GANGWAY-HINT";

  private static final Logger LOG = Logger.getLogger(Startup.class.getName());

  /** Fired after migrations, before the ready line; observers prepare their context. */
  public record Started() {}

  private PersistenceSetup persistence;
  private GangwayConfig config;
  private Event<Started> started;

  protected Startup() {}

  @Inject
  Startup(PersistenceSetup persistence, GangwayConfig config, Event<Started> started) {
    this.persistence = persistence;
    this.config = config;
    this.started = started;
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    String where =
        DatabaseKind.describe(config.databaseUrl())
            + (RoutingDataSource.kindOf(config.databaseUrl()) == DatabaseKind.EMBEDDED
                ? " (H2 " + EmbeddedDatabase.engineVersion() + ")"
                : "");
    try {
      MigrateResult result =
          Migrations.migrate(
              persistence.dataSource(), RoutingDataSource.kindOf(config.databaseUrl()));
      LOG.info(
          () ->
              "Database "
                  + where
                  + " at schema version "
                  + result.targetSchemaVersion
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
      started.fire(new Started());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, FAILED_MARK + ": cannot start on " + where + ": " + rootMessage(e), e);
      EmbeddedDatabase.adviceOnFailure(e, config.dataDir())
          .forEach(line -> LOG.severe(HINT_MARK + ": " + line));
      throw e;
    }
    LOG.info(
        READY_MARK + ": Gangway is ready (" + where + ", data folder " + config.dataDir() + ")");
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
