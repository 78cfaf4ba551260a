package dev.gangway.platform.ops;

import dev.gangway.platform.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps one kind of client input from writing a stack trace to the log per request: a path with
 * malformed percent-encoding ({@code GET /scim/v2/Users/%zz}). Payara's HTTP container fails to
 * decode it before any application code runs and logs the exception at SEVERE (about 30 lines), so
 * an unauthenticated client could fill the log (and rotate the useful part away) at will. Those
 * records become a count, logged as one summary line a minute at most ({@link RefusalLog}); every
 * other record of the container's logger passes unchanged.
 */
@ApplicationScoped
public class ContainerLogGuard {
  /** Payara's logger for errors in the web container's request processing. */
  static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

  private static final Logger LOG = Logger.getLogger(ContainerLogGuard.class.getName());
  private final RefusalLog malformed =
      new RefusalLog(
          LOG,
          "request paths with malformed percent-encoding (refused by the HTTP container)",
          Duration.ofMinutes(1));
  private Logger container;
  private Filter previous;

  void install(@Observes Startup.Started started) {
    container = Logger.getLogger(CONTAINER_LOGGER);
    previous = container.getFilter();
    Filter before = previous;
    container.setFilter(
        record -> {
          if (isMalformedPath(record)) {
            malformed.refused();
            return false;
          }
          return before == null || before.isLoggable(record);
        });
  }

  /**
   * A record of the container's failure to percent-decode a request path: thrown by Grizzly's URL
   * decoder ({@code IllegalArgumentException} for {@code %zz}, {@code IllegalStateException} for a
   * cut-off {@code %2}).
   */
  static boolean isMalformedPath(LogRecord record) {
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      StackTraceElement[] stack = t.getStackTrace();
      if (stack.length > 0 && stack[0].getClassName().equals(URL_DECODER)) return true;
    }
    return false;
  }

  private static final String URL_DECODER = "org.glassfish.grizzly.http.util.URLDecoder";

  @PreDestroy
  void uninstall() {
    if (container != null)
      container.setFilter(previous); // an undeployed filter class must not stay behind
  }
}
