package dev.gangway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  @Test
  void startsAtTheMinimumAndDoublesUpToTheCap() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.after(10_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aDayOfRetriesIsAFewHundredAttempts() {
    long elapsed = 0;
    int attempts = 0;
    while (elapsed < Duration.ofHours(24).toMillis())
      elapsed += backoff.after(++attempts).toMillis();
    assertThat(attempts).isBetween(280, 300);
  }

  @Test
  void settingsAreIsoDurationsOrMilliseconds() {
    assertThat(Backoff.parse("PT0.2S", "x")).isEqualTo(Duration.ofMillis(200));
    assertThat(Backoff.parse("150", "x")).isEqualTo(Duration.ofMillis(150));
    assertThatThrownBy(() -> Backoff.parse("soon", "gangway.webhook.retry-min"))
        .hasMessageContaining("gangway.webhook.retry-min");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
