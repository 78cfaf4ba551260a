package dev.gangway.signin;

import dev.gangway.audit.AuditLog;
import dev.gangway.directory.SecretToken;
import dev.gangway.platform.persistence.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

  @PersistenceContext(unitName = "gangway") EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject SignInSettings settings;

  /** Opens a session for a person the IdP vouched for; returns the cookie's secret. */
  public String open(String subject, String email, String name, Role role) {
    Instant now = clock.instant();
    em.createNativeQuery("DELETE FROM admin_session WHERE expires_at < ? LIMIT 100")
        .setParameter(1, InstantColumn.utc(now)).executeUpdate();
    String secret = SecretToken.generate(PREFIX);
    AdminSession s = new AdminSession(SecretToken.Hash.of(secret).hex(), subject, email, name, role, now,
        now.plus(settings.lifetime()));
    em.persist(s);
    audit.record("admin.signed_in", "person", cut(subject), AuditLog.details("email", email, "role", role.key(),
        "method", "oidc"));
    return secret;
  }

  private static String cut(String s) { return s.length() > 128 ? s.substring(0, 128) : s; }

  /** The open session with this cookie secret, if any; notes activity (at most every idle/4, ≤ 1 minute). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<AdminSession> find(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
    Instant now = clock.instant();
    Duration idle = settings.idleTimeout();
    Optional<AdminSession> s = Optional.ofNullable(em.find(AdminSession.class, SecretToken.Hash.of(secret).hex()))
        .filter(x -> x.openAt(now, idle));
    Duration every = idle.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? idle.dividedBy(4) : Duration.ofMinutes(1);
    s.filter(x -> x.lastSeenAt().isBefore(now.minus(every))).ifPresent(x ->
        em.createNativeQuery("UPDATE admin_session SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?")
            .setParameter(1, InstantColumn.utc(now)).setParameter(2, x.idHash())
            .setParameter(3, InstantColumn.utc(now.minus(every))).executeUpdate());
    return s;
  }

  /** Ends a session at once. */
  public void close(String idHash, String subject) {
    int gone = em.createNativeQuery("DELETE FROM admin_session WHERE id_hash = ?").setParameter(1, idHash).executeUpdate();
    if (gone > 0) audit.record("admin.signed_out", "person", cut(subject), AuditLog.details("method", "oidc"));
  }

  /** The CSRF token of the session with this cookie secret. */
  public static String csrfToken(String secret) {
    return SecretToken.Hash.of("csrf:" + secret).hex();
  }
}
