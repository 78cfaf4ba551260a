package dev.gangway.signin;

import dev.gangway.audit.AuditLog;
import dev.gangway.directory.SecretToken;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens: created by an admin with a name, a role and an expiry (the secret shown
 * once), listed without secrets, revoked at once. Presented tokens are found by the hash of the
 * secret (a unique index); the last use is written at most once a minute, on the token's own row.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class PersonalTokens {
  public static final String PREFIX = "gwp_";
  static final Duration LONGEST = Duration.ofDays(366);
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private PersonalTokenRepository tokens;
  private Clock clock;
  private AuditLog audit;

  protected PersonalTokens() {}

  @Inject
  PersonalTokens(PersonalTokenRepository tokens, Clock clock, AuditLog audit) {
    this.tokens = tokens;
    this.clock = clock;
    this.audit = audit;
  }

  /** A token and the one moment its secret is known in clear. */
  public record Issued(TokenSummary token, String secret) {}

  public Issued create(String name, String role, String expiresIn, String createdBy) {
    if (name == null
        || name.isBlank()
        || name.strip().length() > 100
        || name.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalid("name must be 1 to 100 characters");
    }
    Role r;
    Duration life;
    try {
      r = Role.of(role);
      life = Durations.parse(expiresIn);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(e.getMessage());
    }
    if (life.isNegative() || life.isZero() || life.compareTo(LONGEST) > 0) {
      throw DomainException.invalid("expiresIn must be more than 0 and at most 366 days");
    }
    Instant now = clock.instant();
    String secret = SecretToken.generate(PREFIX);
    PersonalToken token =
        new PersonalToken(
            name.strip(), r, SecretToken.Hash.of(secret), createdBy, now, now.plus(life));
    tokens.add(token);
    audit.record(
        "token.created",
        "admin_token",
        String.valueOf(token.id()),
        AuditLog.details(
            "name", token.name(), "role", r.key(), "expiresAt", token.expiresAt().toString()));
    return new Issued(TokenSummary.of(token, now), secret);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<TokenSummary> list() {
    Instant now = clock.instant();
    return tokens.list().stream().map(t -> TokenSummary.of(t, now)).toList();
  }

  public TokenSummary revoke(long id) {
    PersonalToken token =
        tokens.find(id).orElseThrow(() -> DomainException.notFound("no token " + id));
    if (token.revokedAt() == null) {
      token.revoke(clock.instant());
      audit.record(
          "token.revoked",
          "admin_token",
          String.valueOf(id),
          AuditLog.details("name", token.name()));
    }
    return TokenSummary.of(token, clock.instant());
  }

  /** The usable token with this secret, if any; notes its use (once a minute at most). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<PersonalToken> authenticate(String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) return Optional.empty();
    Instant now = clock.instant();
    Optional<PersonalToken> found =
        tokens.findByHash(SecretToken.Hash.of(presented)).filter(t -> t.usableAt(now));
    found
        .filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(TOUCH_EVERY)))
        .ifPresent(t -> tokens.touch(t.id(), now, now.minus(TOUCH_EVERY)));
    return found;
  }
}
