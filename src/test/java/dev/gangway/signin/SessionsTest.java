package dev.gangway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.audit.InMemoryAudit;
import dev.gangway.directory.SecretToken;
import dev.gangway.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Browser sessions: who they open for, how long they stay open (idle timeout, lifetime), and what
 * is audited.
 */
class SessionsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  private final MovableClock clock = new MovableClock(T0);
  private final InMemoryAdminSessionRepository store = new InMemoryAdminSessionRepository();
  private final InMemoryAudit audit = new InMemoryAudit(clock);
  private final Sessions sessions = sessionsWith("30m", "12h");

  private Sessions sessionsWith(String idleTimeout, String lifetime) {
    SignInSettings settings =
        new SignInSettings(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "openid",
            "groups",
            Optional.empty(),
            true,
            idleTimeout,
            lifetime);
    return new Sessions(store, clock, audit.log(), settings);
  }

  private static String idHash(String secret) {
    return SecretToken.Hash.of(secret).hex();
  }

  private Instant lastSeen(String secret) {
    return store.find(idHash(secret)).orElseThrow().lastSeenAt();
  }

  private String openForAnn() {
    return sessions.open("sub-ann", "ann@example.com", "Ann", Role.AUDITOR);
  }

  @Test
  void aSessionOpensForThePersonTheIdpVouchedForAndTheSignInIsAudited() {
    String secret = openForAnn();

    assertThat(secret).startsWith(Sessions.PREFIX);
    assertThat(sessions.find(secret))
        .hasValueSatisfying(
            s -> {
              assertThat(s.subject()).isEqualTo("sub-ann");
              assertThat(s.email()).isEqualTo("ann@example.com");
              assertThat(s.displayName()).isEqualTo("Ann");
              assertThat(s.role()).isEqualTo(Role.AUDITOR);
              assertThat(s.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
            });
    assertThat(store.ids())
        .as("the row is keyed by the secret's hash, never the secret")
        .containsExactly(idHash(secret));
    assertThat(audit.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("admin.signed_in");
              assertThat(e.targetType()).isEqualTo("person");
              assertThat(e.targetId()).isEqualTo("sub-ann");
              assertThat(e.details())
                  .containsEntry("email", "ann@example.com")
                  .containsEntry("role", "auditor")
                  .containsEntry("method", "oidc");
            });
  }

  @Test
  void onlyTheSessionsOwnSecretFindsIt() {
    String secret = openForAnn();

    assertThat(sessions.find(null)).isEmpty();
    assertThat(sessions.find(secret.substring(Sessions.PREFIX.length())))
        .as("without its prefix")
        .isEmpty();
    assertThat(sessions.find(Sessions.PREFIX + "x" + secret.substring(Sessions.PREFIX.length())))
        .isEmpty();
    assertThat(sessions.find(idHash(secret))).as("its hash is no secret").isEmpty();
    assertThat(sessions.find(secret)).isPresent();
  }

  @Test
  void aSessionInUseStaysOpenAndOneLeftIdleForTheIdleTimeoutCloses() {
    String secret = openForAnn();

    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(secret)).as("29 minutes idle").isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(secret)).as("58 minutes open, 29 idle").isPresent();
    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.find(secret)).as("30 minutes idle").isEmpty();
  }

  @Test
  void aSessionClosesAtTheEndOfItsLifetimeHoweverBusy() {
    String secret = openForAnn();

    for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.find(secret)).as("after %d minutes", minutes).isPresent();
    }
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.find(secret)).as("after 12 hours").isEmpty();
  }

  @Test
  void activityIsWrittenAtMostOnceAMinute() {
    String secret = openForAnn();

    clock.advance(Duration.ofSeconds(50));
    sessions.find(secret);
    assertThat(lastSeen(secret)).as("seen 50 s after opening: not written").isEqualTo(T0);
    clock.advance(Duration.ofSeconds(20));
    sessions.find(secret);
    assertThat(lastSeen(secret)).isEqualTo(T0.plusSeconds(70));
    clock.advance(Duration.ofSeconds(30));
    sessions.find(secret);
    assertThat(lastSeen(secret)).as("30 s after the last write").isEqualTo(T0.plusSeconds(70));
  }

  @Test
  void withAShortIdleTimeoutActivityIsWrittenEveryQuarterOfIt() {
    Sessions shortIdle = sessionsWith("2m", "12h");
    String secret = shortIdle.open("sub-bob", "bob@example.com", "Bob", Role.VIEWER);

    clock.advance(Duration.ofSeconds(31));
    shortIdle.find(secret);

    assertThat(lastSeen(secret)).isEqualTo(T0.plusSeconds(31));
  }

  @Test
  void closingEndsTheSessionAndIsAuditedOnce() {
    String secret = openForAnn();

    sessions.close(idHash(secret), "sub-ann");
    sessions.close(idHash(secret), "sub-ann");

    assertThat(sessions.find(secret)).isEmpty();
    assertThat(audit.entries())
        .extracting(InMemoryAudit.Entry::action)
        .containsExactly("admin.signed_in", "admin.signed_out");
    assertThat(audit.entries().get(1))
        .satisfies(
            e -> {
              assertThat(e.targetId()).isEqualTo("sub-ann");
              assertThat(e.details()).containsEntry("method", "oidc");
            });
  }

  @Test
  void openingASessionRemovesExpiredOnesABoundedNumberAtATime() {
    IntStream.range(0, Sessions.EXPIRED_PER_OPEN + 1).forEach(i -> openForAnn());
    clock.advance(Duration.ofHours(12));
    openForAnn();
    assertThat(store.ids())
        .as("none expired yet: they end at 12 h, not before")
        .hasSize(Sessions.EXPIRED_PER_OPEN + 2);

    clock.advance(Duration.ofSeconds(1));
    String secret = openForAnn();

    assertThat(store.ids())
        .as("one expired session left for the next opening, the unexpired one and the new one")
        .hasSize(3)
        .contains(idHash(secret));
  }

  @Test
  void anOverlongSubjectIsCutInTheAuditRecord() {
    String subject = "s".repeat(300);

    String secret = sessions.open(subject, "ann@example.com", "Ann", Role.ADMIN);

    assertThat(audit.entries())
        .singleElement()
        .extracting(InMemoryAudit.Entry::targetId)
        .isEqualTo("s".repeat(128));
    assertThat(sessions.find(secret)).map(AdminSession::subject).contains("s".repeat(255));
  }
}
