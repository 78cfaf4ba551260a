package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final Instant RECENT = NOW.minus(Duration.ofMinutes(5));

  @Test
  void aDirectoryThatNeverCalledOrNotForADayIsIdle() {
    assertThat(Health.of(NOW, null, 0, 0, 0, 0, false).health()).isEqualTo(Health.IDLE);
    assertThat(Health.of(NOW, NOW.minus(Duration.ofHours(25)), 0, 0, 0, 0, true).health())
        .isEqualTo(Health.IDLE);
  }

  @Test
  void halfOrMoreFailingInTheLastHourIsFailing() {
    assertThat(Health.of(NOW, RECENT, 4, 2, 10, 2, false).health()).isEqualTo(Health.FAILING);
    assertThat(Health.of(NOW, RECENT, 3, 3, 3, 3, false).health())
        .as("too few to call it failing")
        .isEqualTo(Health.DEGRADED);
  }

  @Test
  void anyRecentErrorOrAFivePercentDayOrDriftIsDegraded() {
    assertThat(Health.of(NOW, RECENT, 100, 1, 100, 1, false).health()).isEqualTo(Health.DEGRADED);
    assertThat(Health.of(NOW, RECENT, 10, 0, 100, 5, false).health()).isEqualTo(Health.DEGRADED);
    assertThat(Health.of(NOW, RECENT, 10, 0, 100, 4, false).health()).isEqualTo(Health.HEALTHY);
    assertThat(Health.of(NOW, RECENT, 10, 0, 100, 0, true).reason()).contains("drift");
  }
}
