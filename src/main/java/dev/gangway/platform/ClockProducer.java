package dev.gangway.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the application, in whole microseconds: what the database keeps, so that a
 * resource reads back with the timestamps its create or update answered.
 */
@ApplicationScoped
public class ClockProducer {
  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
  }
}
