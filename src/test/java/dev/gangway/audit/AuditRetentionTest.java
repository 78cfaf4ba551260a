package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {
  @Test
  void daysMayBeDecimalAndZeroIsOff() {
    assertThat(AuditRetention.parse("0")).isNull();
    assertThat(AuditRetention.parse("")).isNull();
    assertThat(AuditRetention.parse("30")).isEqualTo(Duration.ofDays(30));
    assertThat(AuditRetention.parse("0.5")).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void nonsenseIsRefusedNamingTheVariable() {
    for (String s : new String[] {"-1", "abc", "NaN", "1e9"}) {
      assertThatThrownBy(() -> AuditRetention.parse(s))
          .as(s)
          .hasMessageContaining("GANGWAY_AUDIT_RETENTION_DAYS");
    }
  }
}
