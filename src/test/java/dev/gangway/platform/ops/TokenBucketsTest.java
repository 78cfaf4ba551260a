package dev.gangway.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheRateAndOneKeyNeverSpendsAnothersTokens() {
    TokenBuckets b = new TokenBuckets(2, 4);
    long t = 5 * SECOND;
    for (int i = 0; i < 4; i++) assertThat(b.take(1, t)).isZero();
    long wait = b.take(1, t);
    assertThat(wait).isEqualTo(SECOND / 2);
    for (int i = 0; i < 4; i++) assertThat(b.take(2, t)).as("another directory").isZero();
    assertThat(b.take(1, t + SECOND / 2)).isZero();
    assertThat(b.take(1, t + SECOND / 2)).isPositive();
    // idle for long: the bucket fills to the burst, not beyond
    long later = t + 100 * SECOND;
    for (int i = 0; i < 4; i++) assertThat(b.take(1, later)).isZero();
    assertThat(b.take(1, later)).isPositive();
  }

  @Test
  void fractionalRatesWaitLonger() {
    TokenBuckets b = new TokenBuckets(0.5, 1);
    assertThat(b.take(7, 0)).isZero();
    assertThat(b.take(7, 0)).isEqualTo(2 * SECOND);
  }
}
