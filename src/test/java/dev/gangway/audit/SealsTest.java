package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealsTest {
  private static final String KEY = "an audit key that is long enough for HMAC";
  private static final Instant AT = Instant.parse("2026-11-30T08:00:00.123456Z");

  @Test
  void aShortKeyIsRefusedWithItsSourceNamedButNotItsValue() {
    assertThatThrownBy(() -> AuditKey.of("too-short-a-secret", "GANGWAY_AUDIT_KEY"))
        .hasMessageContaining("GANGWAY_AUDIT_KEY")
        .hasMessageContaining("32")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void theKeyIdIdentifiesTheKeyWithoutShowingIt() {
    Seals a = AuditKey.of(KEY, "test");
    assertThat(a.keyId())
        .hasSize(16)
        .isEqualTo(AuditKey.of(KEY, "test").keyId())
        .isNotEqualTo(AuditKey.of(KEY + "!", "test").keyId());
    assertThat(a.toString()).doesNotContain(KEY);
  }

  @Test
  void aRecordMacDependsOnTheKeyTheSaltAndEveryField() {
    Seals a = new Seals(KEY.getBytes(StandardCharsets.UTF_8));
    Seals b = new Seals((KEY + "x").getBytes(StandardCharsets.UTF_8));
    String mac = a.recordMac("s1", AT, "admin", "user.created", "user", "u1", "{}", "POST");
    assertThat(mac)
        .hasSize(64)
        .isEqualTo(a.recordMac("s1", AT, "admin", "user.created", "user", "u1", "{}", "POST"));
    assertThat(
            List.of(
                b.recordMac("s1", AT, "admin", "user.created", "user", "u1", "{}", "POST"),
                a.recordMac("s2", AT, "admin", "user.created", "user", "u1", "{}", "POST"),
                a.recordMac(
                    "s1", AT.plusNanos(1000), "admin", "user.created", "user", "u1", "{}", "POST"),
                a.recordMac("s1", AT, "admin", "user.deleted", "user", "u1", "{}", "POST"),
                a.recordMac("s1", AT, "admin", "user.created", "user", "u2", "{}", "POST"),
                a.recordMac("s1", AT, "admin", "user.created", "user", "u1", "{\"a\":1}", "POST")))
        .doesNotContain(mac)
        .doesNotHaveDuplicates();
    assertThat(Seals.newSalt()).hasSize(32).isNotEqualTo(Seals.newSalt());
  }

  @Test
  void blockEntriesRoundTripAndTheSealNeedsTheKey() {
    Seals a = new Seals(KEY.getBytes(StandardCharsets.UTF_8));
    List<Seals.Entry> entries =
        List.of(
            new Seals.Entry(7, AT, "ab".repeat(32)),
            new Seals.Entry(3, AT.minusSeconds(1), "cd".repeat(32)));
    AuditBlock block = AuditBlock.seal(1, Seals.ZERO, entries, AT, a);
    assertThat(block.listed()).extracting(Seals.Entry::seq).containsExactly(3L, 7L);
    assertThat(block.firstSeq()).isEqualTo(3);
    assertThat(block.lastSeq()).isEqualTo(7);
    assertThat(block.lastAt()).isEqualTo(AT);
    assertThat(block.computeHash()).isEqualTo(block.hash());
    assertThat(block.sealedBy(a)).isTrue();
    assertThat(block.sealedBy(new Seals((KEY + "x").getBytes(StandardCharsets.UTF_8)))).isFalse();
  }
}
