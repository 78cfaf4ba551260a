package dev.gangway.signin;

import dev.gangway.audit.AuditLog;
import dev.gangway.directory.SecretToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions of signed-in people, in the database so that any node serves them. The cookie
 * holds a random secret; the row is keyed by its SHA-256. The CSRF token of a session is derived
 * from the secret (the page reads it from {@code GET /admin/api/session}; another site cannot).
 */
@ApplicationScoped
@Transactional
public class Sessions {
  public static final String PREFIX = "gws_";

  /** Expired sessions removed, at most, when one opens. */
  static final int EXPIRED_PER_OPEN = 100;

  private AdminSessionRepository sessions;
  private Clock clock;
  private AuditLog audit;
  private SignInSettings settings;

  protected Sessions() {}

  @Inject
  Sessions(AdminSessionRepository sessions, Clock clock, AuditLog audit, SignInSettings settings) {
    this.sessions = sessions;
    this.clock = clock;
    this.audit = audit;
    this.settings = settings;
  }

  /** Opens a session for a person the IdP vouched for; returns the cookie's secret. */
  public String open(String subject, String email, String name, Role role) {
    Instant now = clock.instant();
    sessions.deleteExpired(now, EXPIRED_PER_OPEN);
    String secret = SecretToken.generate(PREFIX);
    AdminSession s =
        new AdminSession(
            SecretToken.Hash.of(secret).hex(),
            subject,
            email,
            name,
            role,
            now,
            now.plus(settings.lifetime()));
    sessions.add(s);
    audit.record(
        "admin.signed_in",
        "person",
        cut(subject),
        AuditLog.details("email", email, "role", role.key(), "method", "oidc"));
    return secret;
  }

  private static String cut(String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }

  /**
   * The open session with this cookie secret, if any; notes activity (at most every idle/4, ≤ 1
   * minute).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<AdminSession> find(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
    Instant now = clock.instant();
    Duration idle = settings.idleTimeout();
    Optional<AdminSession> s =
        sessions.find(SecretToken.Hash.of(secret).hex()).filter(x -> x.openAt(now, idle));
    Duration every =
        idle.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0
            ? idle.dividedBy(4)
            : Duration.ofMinutes(1);
    s.filter(x -> x.lastSeenAt().isBefore(now.minus(every)))
        .ifPresent(x -> sessions.touch(x.idHash(), now, now.minus(every)));
    return s;
  }

  /** Ends a session at once. */
  public void close(String idHash, String subject) {
    if (sessions.delete(idHash)) {
      audit.record("admin.signed_out", "person", cut(subject), AuditLog.details("method", "oidc"));
    }
  }

  /** The CSRF token of the session with this cookie secret. */
  public static String csrfToken(String secret) {
    return SecretToken.Hash.of("csrf:" + secret).hex();
  }
}
