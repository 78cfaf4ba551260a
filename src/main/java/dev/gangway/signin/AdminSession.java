package dev.gangway.signin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A person's browser session after an OpenID Connect sign-in. The id is the SHA-256 of the cookie's
 * secret; the cookie alone opens it. It ends on sign-out (row deleted), after the idle timeout, or
 * at its expiry, whichever comes first.
 */
@Entity
@Table(name = "admin_session")
public class AdminSession {
  @Id
  @Column(name = "id_hash", length = 64, updatable = false)
  private String idHash;

  @Column(nullable = false, updatable = false)
  private String subject;

  @Column(updatable = false)
  private String email;

  @Column(name = "display_name", updatable = false)
  private String displayName;

  @Column(nullable = false, updatable = false)
  private String role;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  protected AdminSession() {}

  AdminSession(
      String idHash,
      String subject,
      String email,
      String displayName,
      Role role,
      Instant now,
      Instant expiresAt) {
    this.idHash = idHash;
    this.subject = cut(subject);
    this.email = cut(email);
    this.displayName = cut(displayName);
    this.role = role.key();
    this.createdAt = now;
    this.lastSeenAt = now;
    this.expiresAt = expiresAt;
  }

  private static String cut(String s) {
    return s == null || s.length() <= 255 ? s : s.substring(0, 255);
  }

  public boolean openAt(Instant now, Duration idle) {
    return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idle));
  }

  public String idHash() {
    return idHash;
  }

  public String subject() {
    return subject;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName;
  }

  public Role role() {
    return Role.of(role);
  }

  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminSession s && idHash.equals(s.idHash);
  }

  @Override
  public int hashCode() {
    return idHash.hashCode();
  }

  @Override
  public String toString() {
    return "AdminSession[redacted]";
  }
}
