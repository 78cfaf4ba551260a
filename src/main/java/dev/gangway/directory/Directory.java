package dev.gangway.directory;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** One IdP connection: its name, which IdP it is, and the hash of its current bearer token. */
@Entity
@Table(name = "directory")
public class Directory {
  public enum Status {
    ACTIVE,
    DISABLED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String idp;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "token_issued_at", nullable = false)
  private Instant tokenIssuedAt;

  @Column(name = "guard_enabled", nullable = false)
  private boolean guardEnabled = true;

  @Column(name = "guard_percent", nullable = false)
  private int guardPercent = Guard.DEFAULT.percent();

  @Column(name = "guard_minimum", nullable = false)
  private int guardMinimum = Guard.DEFAULT.minimum();

  @Column(name = "guard_window_seconds", nullable = false)
  private long guardWindowSeconds = Guard.DEFAULT.window().toSeconds();

  /**
   * The mass-deprovisioning guard's settings: within {@code window}, at most max({@code minimum},
   * {@code percent} % of the users with access through the directory) revocations caused by its
   * SCIM writes are applied; further ones are held until an admin releases them.
   */
  public record Guard(boolean enabled, int percent, int minimum, Duration window) {
    public static final Guard DEFAULT = new Guard(true, 20, 10, Duration.ofHours(1));

    public Guard {
      if (percent < 0 || percent > 100)
        throw new IllegalArgumentException("guard.percent must be between 0 and 100");
      if (minimum < 0) throw new IllegalArgumentException("guard.minimum must be 0 or more");
      if (window == null
          || window.compareTo(Duration.ofMinutes(1)) < 0
          || window.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "guard.window must be an ISO-8601 duration between PT1M and P7D");
      }
    }

    /** max(minimum, percent % of the users with access at the window's start). */
    public long threshold(long usersWithAccess) {
      return Math.max(minimum, usersWithAccess * percent / 100);
    }
  }

  protected Directory() {}

  public Directory(String name, IdpKind idp, SecretToken.Hash tokenHash, Instant now) {
    this.name = requireNonNull(name, "name");
    this.idp = idp.key();
    this.tokenHash = tokenHash.hex();
    this.status = Status.ACTIVE;
    this.createdAt = now;
    this.tokenIssuedAt = now;
  }

  public void rotateToken(SecretToken.Hash newHash, Instant now) {
    this.tokenHash = newHash.hex();
    this.tokenIssuedAt = now;
  }

  /** A new name for the connection; its id, token and data stay as they are. */
  public void rename(String newName) {
    this.name = requireNonNull(newName, "name");
  }

  public void disable() {
    status = Status.DISABLED;
  }

  public Guard guard() {
    return new Guard(
        guardEnabled, guardPercent, guardMinimum, Duration.ofSeconds(guardWindowSeconds));
  }

  public void guard(Guard guard) {
    this.guardEnabled = guard.enabled();
    this.guardPercent = guard.percent();
    this.guardMinimum = guard.minimum();
    this.guardWindowSeconds = guard.window().toSeconds();
  }

  public void enable() {
    status = Status.ACTIVE;
  }

  public boolean accepts(SecretToken.Hash presented) {
    return status == Status.ACTIVE && SecretToken.Hash.ofHex(tokenHash).matches(presented);
  }

  /**
   * Its id, given by the store on insert (the database does it for JPA; an in-memory store calls
   * this).
   */
  void assignId(long id) {
    this.id = id;
  }

  /**
   * The hash of its current token, by which the store finds it (the hash is no secret; the token
   * is).
   */
  SecretToken.Hash tokenHash() {
    return SecretToken.Hash.ofHex(tokenHash);
  }

  public long id() {
    return id;
  }

  public long version() {
    return version;
  }

  public String name() {
    return name;
  }

  public IdpKind idp() {
    return IdpKind.of(idp);
  }

  public Status status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant tokenIssuedAt() {
    return tokenIssuedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Directory d && id != null && id.equals(d.id);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id == null ? 0 : id);
  }

  @Override
  public String toString() {
    return "Directory[" + id + "]";
  }
}
