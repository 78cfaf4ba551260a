package dev.gangway.access;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.regex.Pattern;

/** A project people are given roles in. */
@Entity
@Table(name = "project")
public class Project {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(name = "project_key", nullable = false, updatable = false)
  private String key;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected Project() {}

  public Project(String key, String name, Instant now) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw DomainException.invalid("key must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (name == null || name.isBlank()) throw DomainException.invalid("name is required");
    this.key = key;
    this.name = name.strip();
    this.createdAt = now;
  }

  /**
   * Its id, given by the store on insert (the database does it for JPA; an in-memory store calls
   * this).
   */
  void assignId(long id) {
    this.id = id;
  }

  public long id() {
    return id;
  }

  public String key() {
    return key;
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Project[" + id + "]";
  }
}
