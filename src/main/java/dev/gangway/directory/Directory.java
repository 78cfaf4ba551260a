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
import java.time.Instant;

/** One IdP connection: its name, which IdP it is, and the hash of its current bearer token. */
@Entity
@Table(name = "directory")
public class Directory {
  public enum Status { ACTIVE, DISABLED }

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Version private long version;
  @Column(nullable = false) private String name;
  @Column(nullable = false) private String idp;
  @Column(name = "token_hash", nullable = false) private String tokenHash;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private Status status;
  @Column(name = "created_at", nullable = false, updatable = false) private Instant createdAt;
  @Column(name = "token_issued_at", nullable = false) private Instant tokenIssuedAt;

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
  public void rename(String newName) { this.name = requireNonNull(newName, "name"); }

  public void disable() { status = Status.DISABLED; }

  public void enable() { status = Status.ACTIVE; }

  public boolean accepts(SecretToken.Hash presented) {
    return status == Status.ACTIVE && SecretToken.Hash.ofHex(tokenHash).matches(presented);
  }

  public long id() { return id; }
  public long version() { return version; }
  public String name() { return name; }
  public IdpKind idp() { return IdpKind.of(idp); }
  public Status status() { return status; }
  public Instant createdAt() { return createdAt; }
  public Instant tokenIssuedAt() { return tokenIssuedAt; }

  @Override public boolean equals(Object o) {
    return o instanceof Directory d && id != null && id.equals(d.id);
  }
  @Override public int hashCode() { return Long.hashCode(id == null ? 0 : id); }
  @Override public String toString() { return "Directory[" + id + "]"; }
}
