package dev.gangway.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScimRateLimitTest {
  @Test
  void offUnlessARateAboveZeroIsGiven() {
    assertThat(ScimRateLimit.parse(null, null)).isNull();
    assertThat(ScimRateLimit.parse("0", null)).isNull();
    assertThat(ScimRateLimit.parse(" ", null)).isNull();
  }

  @Test
  void rateWithDefaultOrGivenBurst() {
    assertThat(ScimRateLimit.parse("50", null)).containsExactly(50, 100);
    assertThat(ScimRateLimit.parse("0.2", null)).containsExactly(0.2, 1);
    assertThat(ScimRateLimit.parse("10", "30")).containsExactly(10, 30);
    assertThat(ScimRateLimit.parse("10/5", null)).containsExactly(10, 5);
  }

  @Test
  void nonsenseIsRefusedNamingTheVariable() {
    for (String[] c :
        new String[][] {
          {"abc", null}, {"-1", null}, {"10", "0"}, {"10/5", "6"}, {"Infinity", null}, {"5/x", null}
        }) {
      assertThatThrownBy(() -> ScimRateLimit.parse(c[0], c[1]))
          .as(c[0])
          .hasMessageContaining("GANGWAY_SCIM_RATE_LIMIT");
    }
  }
}
