package dev.gangway.access;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Seats of a product licence shared by every role that draws from it; a person holding several such
 * roles, in any projects, takes one seat. {@code seats} null means no limit.
 */
@Entity
@Table(name = "licence_pool")
public class LicencePool {
  /** The pool the default licensed role (agents) draws from. */
  public static final String DEFAULT_KEY = "agent";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(name = "pool_key", nullable = false, updatable = false)
  private String key;

  private Integer seats;

  protected LicencePool() {}

  public LicencePool(String key, Integer seats) {
    if (key == null || !key.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw DomainException.invalid(
          "a licence pool key is 1 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
    this.key = key;
    limit(seats);
  }

  public void limit(Integer seats) {
    if (seats != null && seats < 0) throw DomainException.invalid("seats cannot be negative");
    this.seats = seats;
  }

  public boolean hasRoomFor(long used) {
    return seats == null || used < seats;
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

  public Integer seats() {
    return seats;
  }

  @Override
  public String toString() {
    return "LicencePool[" + id + "]";
  }
}
