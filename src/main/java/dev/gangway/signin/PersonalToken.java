package dev.gangway.signin;

import static java.util.Objects.requireNonNull;

import dev.gangway.directory.SecretToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A personal API token for scripts: a name, a role, an expiry; only the hash of its secret is kept.
 */
@Entity
@Table(name = "admin_token")
public class PersonalToken {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String role;

  @Column(name = "token_hash", nullable = false, updatable = false)
  private String tokenHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected PersonalToken() {}

  public PersonalToken(
      String name,
      Role role,
      SecretToken.Hash hash,
      String createdBy,
      Instant now,
      Instant expiresAt) {
    this.name = requireNonNull(name, "name");
    this.role = role.key();
    this.tokenHash = hash.hex();
    this.createdBy = createdBy.length() > 255 ? createdBy.substring(0, 255) : createdBy;
    this.createdAt = now;
    this.expiresAt = requireNonNull(expiresAt, "expiresAt");
  }

  /** Revoked at once; revoking twice keeps the first moment. */
  public void revoke(Instant now) {
    if (revokedAt == null) revokedAt = now;
  }

  public boolean usableAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Role role() {
    return Role.of(role);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonalToken t && id != null && id.equals(t.id);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id == null ? 0 : id);
  }

  @Override
  public String toString() {
    return "PersonalToken[" + id + "]";
  }
}
