package dev.gangway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {
  @Test
  void theThresholdIsTheMinimumOrThePercentageOfUsersWithAccessWhicheverIsLarger() {
    Directory.Guard g = Directory.Guard.DEFAULT;
    assertThat(g.percent()).isEqualTo(20);
    assertThat(g.threshold(0)).isEqualTo(10);
    assertThat(g.threshold(49)).isEqualTo(10);
    assertThat(g.threshold(60)).isEqualTo(12);
    assertThat(g.threshold(10_000)).isEqualTo(2_000);
    assertThat(new Directory.Guard(true, 0, 3, Duration.ofMinutes(5)).threshold(1_000))
        .isEqualTo(3);
  }

  @Test
  void settingsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> new Directory.Guard(true, 101, 10, Duration.ofHours(1)))
        .hasMessageContaining("percent");
    assertThatThrownBy(() -> new Directory.Guard(true, 20, -1, Duration.ofHours(1)))
        .hasMessageContaining("minimum");
    assertThatThrownBy(() -> new Directory.Guard(true, 20, 10, Duration.ofSeconds(30)))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new Directory.Guard(true, 20, 10, Duration.ofDays(8)))
        .hasMessageContaining("window");
  }
}
