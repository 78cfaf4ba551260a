package dev.gangway.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ContainerLogGuardTest {
  private static LogRecord thrown(RuntimeException e, String thrower) {
    e.setStackTrace(
        new StackTraceElement[] {new StackTraceElement(thrower, "decode", "X.java", 1)});
    LogRecord r =
        new LogRecord(
            Level.SEVERE,
            "An exception or error occurred in the container during the request processing");
    r.setThrown(e);
    return r;
  }

  @Test
  void theDecodersFailuresAreMalformedPaths() {
    assertThat(
            ContainerLogGuard.isMalformedPath(
                thrown(
                    new IllegalArgumentException("URLDecoder: Illegal hex characters"),
                    "org.glassfish.grizzly.http.util.URLDecoder")))
        .isTrue();
    assertThat(
            ContainerLogGuard.isMalformedPath(
                thrown(
                    new IllegalStateException("Unexpected termination"),
                    "org.glassfish.grizzly.http.util.URLDecoder")))
        .isTrue();
  }

  @Test
  void everythingElsePassesUnchanged() {
    assertThat(
            ContainerLogGuard.isMalformedPath(
                thrown(
                    new IllegalStateException("Unexpected termination"),
                    "org.apache.catalina.connector.CoyoteAdapter")))
        .isFalse();
    assertThat(ContainerLogGuard.isMalformedPath(new LogRecord(Level.SEVERE, "no exception")))
        .isFalse();
  }
}
