package dev.gangway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.gangway.audit.AuditLog;
import dev.gangway.audit.InMemoryAudit;
import dev.gangway.platform.ChangeCause;
import dev.gangway.signin.SignInAudit.Noisy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-in records: the noisy ones are rate-limited per action and key (source or caller) and
 * minute, the first recorded at once, the rest of the minute as one counted record.
 */
class SignInAuditTest {
  private static final String FIRST = "the first this minute; later ones are counted in one record";
  private static final String FURTHER = "further ones in the minute, after the first";

  private final ChangeCause cause = new ChangeCause();
  private final InMemoryAudit audit =
      new InMemoryAudit(cause, Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));
  private final SignInAudit signIns = new SignInAudit(audit.log(), cause);

  @Test
  void theFirstFailureOfAMinuteIsRecordedAtOnceAndTheRestAsOneCountedRecordWhenTheMinuteEnds() {
    for (int i = 0; i < 4; i++) signIns.refused("203.0.113.9", "unknown token");

    assertThat(audit.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("admin.auth_failed");
              assertThat(e.actor()).isEqualTo("unauthenticated");
              assertThat(e.targetType()).isEqualTo("source");
              assertThat(e.targetId()).isEqualTo("203.0.113.9");
              assertThat(e.details())
                  .containsEntry("reason", "unknown token")
                  .containsEntry("failures", 1L)
                  .containsEntry("note", FIRST);
            });

    signIns.closeMinute();

    assertThat(audit.entries()).hasSize(2);
    assertThat(audit.entries().get(1))
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("admin.auth_failed");
              assertThat(e.actor()).isEqualTo("unauthenticated");
              assertThat(e.targetId()).isEqualTo("203.0.113.9");
              assertThat(e.details())
                  .containsEntry("reason", "unknown token")
                  .containsEntry("failures", 3L)
                  .containsEntry("note", FURTHER);
            });
  }

  @Test
  void aMinuteWithOneEventAddsNothingWhenItEndsAndTheNextMinuteStartsAfresh() {
    signIns.refused("203.0.113.9", "unknown token");
    signIns.closeMinute();
    assertThat(audit.entries()).hasSize(1);

    signIns.refused("203.0.113.9", "unknown token");
    signIns.refused("203.0.113.9", "unknown token");
    signIns.closeMinute();
    signIns.closeMinute();

    assertThat(audit.entries())
        .extracting(e -> e.details().get("failures"), e -> e.details().get("note"))
        .containsExactly(tuple(1L, FIRST), tuple(1L, FIRST), tuple(1L, FURTHER));
  }

  @Test
  void eachActionAndEachKeyIsCountedApart() {
    cause.actor("person sub-ann");
    signIns.limited(
        Noisy.REFUSED,
        "sub-ann",
        "person",
        "sub-ann",
        AuditLog.details("path", "/admin/api/backups"));
    signIns.refused("203.0.113.9", "unknown token");
    signIns.refused("203.0.113.9", "unknown token");
    signIns.refused("198.51.100.7", "unknown token");

    assertThat(audit.entries())
        .extracting(
            InMemoryAudit.Entry::action, InMemoryAudit.Entry::targetId, InMemoryAudit.Entry::actor)
        .containsExactly(
            tuple("admin.refused", "sub-ann", "person sub-ann"),
            tuple("admin.auth_failed", "203.0.113.9", "unauthenticated"),
            tuple("admin.auth_failed", "198.51.100.7", "unauthenticated"));
    assertThat(audit.entries().get(0).details())
        .containsEntry("path", "/admin/api/backups")
        .containsEntry("refusals", 1L);

    signIns.closeMinute();

    assertThat(audit.entries()).hasSize(4);
    assertThat(audit.entries().get(3))
        .satisfies(
            e -> {
              assertThat(e.targetId()).isEqualTo("203.0.113.9");
              assertThat(e.details()).containsEntry("failures", 1L).containsEntry("note", FURTHER);
            });
  }

  @Test
  void beyondTheKeysToldApartAMinuteTheOthersShareOneEntry() {
    for (int i = 0; i < SignInAudit.MAX_KEYS; i++)
      signIns.refused("10.0." + i / 256 + "." + i % 256, "unknown token");
    int known = audit.entries().size();

    signIns.refused("192.0.2.1", "unknown token");
    signIns.refused("192.0.2.2", "unknown token");
    signIns.refused("192.0.2.3", "unknown token");
    signIns.refused("10.0.0.0", "unknown token");

    assertThat(known).isEqualTo(SignInAudit.MAX_KEYS);
    assertThat(audit.entries()).hasSize(known + 1);
    assertThat(audit.entries().get(known).targetId()).isEqualTo(SignInAudit.OTHER_KEYS);

    signIns.closeMinute();

    assertThat(audit.entries().subList(known + 1, audit.entries().size()))
        .extracting(InMemoryAudit.Entry::targetId, e -> e.details().get("failures"))
        .containsExactlyInAnyOrder(tuple(SignInAudit.OTHER_KEYS, 2L), tuple("10.0.0.0", 1L));
  }

  @Test
  void aRefusalWithoutASourceIsCountedAsUnknown() {
    signIns.refused(null, "no token");
    signIns.refused(" ", "no token");
    signIns.closeMinute();

    assertThat(audit.entries())
        .extracting(InMemoryAudit.Entry::targetId, e -> e.details().get("failures"))
        .containsExactly(tuple("unknown", 1L), tuple("unknown", 1L));
  }

  @Test
  void aRecordThatCannotBeWrittenIsLoggedNeverThrown() {
    assertThatCode(
            () ->
                signIns.limited(
                    Noisy.SIGN_IN_FAILED,
                    "sub-ann",
                    "person",
                    "sub-ann",
                    Map.of("unwritable", new Object())))
        .doesNotThrowAnyException();

    assertThat(audit.entries()).isEmpty();
  }

  @Test
  void aTargetIsCutTo128CharactersAndAMissingOneIsADash() {
    signIns.record(
        "admin.signed_in", "person", "s".repeat(300), AuditLog.details("method", "break-glass"));
    signIns.record("admin.signed_in", "person", null, AuditLog.details("method", "break-glass"));
    signIns.limited(Noisy.BREAK_GLASS_USED, "k", "token", "t".repeat(300), AuditLog.details());

    assertThat(audit.entries())
        .extracting(InMemoryAudit.Entry::targetId)
        .containsExactly("s".repeat(128), "-", "t".repeat(128));
    assertThat(audit.entries().get(2).details()).containsEntry("uses", 1L);
  }
}
