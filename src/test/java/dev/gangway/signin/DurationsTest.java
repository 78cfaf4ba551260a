package dev.gangway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsShortFormsAndIso() {
    assertThat(Durations.parse("90d")).isEqualTo(Duration.ofDays(90));
    assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse(" 30m ")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("PT30M")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void refusesWhatIsNoDuration() {
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("required");
    assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("required");
  }

  @Test
  void aSessionClosesWhenIdleOrExpired() {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    AdminSession s =
        new AdminSession("h", "sub", null, null, Role.VIEWER, t0, t0.plus(Duration.ofHours(12)));
    assertThat(s.openAt(t0.plusSeconds(60), Duration.ofMinutes(30))).isTrue();
    assertThat(s.openAt(t0.plus(Duration.ofMinutes(31)), Duration.ofMinutes(30))).isFalse();
    assertThat(s.openAt(t0.plus(Duration.ofHours(13)), Duration.ofDays(1))).isFalse();
  }
}
