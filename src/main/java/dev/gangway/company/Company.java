package dev.gangway.company;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** An external organisation whose people reach projects through Gangway. */
@Entity
@Table(name = "company")
public class Company {
  public enum Status {
    ACTIVE,
    RETIRED
  }

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(name = "company_key", nullable = false, updatable = false)
  private String key;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "retired_at")
  private Instant retiredAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "company_domain", joinColumns = @JoinColumn(name = "company_id"))
  @Column(name = "domain")
  private Set<String> domains = new TreeSet<>();

  protected Company() {}

  public Company(String key, String name, Collection<String> domains, Instant now) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw DomainException.invalid(
          "key must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
    this.key = key;
    this.status = Status.ACTIVE;
    this.createdAt = now;
    rename(name);
    setDomains(domains);
  }

  public void rename(String name) {
    if (name == null || name.isBlank()) throw DomainException.invalid("name is required");
    if (name.length() > 255) throw DomainException.invalid("name is longer than 255 characters");
    this.name = name.strip();
  }

  /** Replaces the email domains; each is checked and lower-cased. */
  public void setDomains(Collection<String> newDomains) {
    Set<String> clean = new TreeSet<>();
    for (String d : newDomains == null ? Set.<String>of() : newDomains)
      clean.add(normalizeDomain(d));
    this.domains.clear();
    this.domains.addAll(clean);
  }

  public static String normalizeDomain(String domain) {
    String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
    if (d.startsWith("@")) d = d.substring(1);
    if (!DOMAIN.matcher(d).matches())
      throw DomainException.invalid("'" + domain + "' is not an email domain");
    return d;
  }

  public void retire(Instant now) {
    if (status == Status.RETIRED) return;
    status = Status.RETIRED;
    retiredAt = now;
    domains.clear();
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

  public Status status() {
    return status;
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }

  public Set<String> domains() {
    return Set.copyOf(domains);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant retiredAt() {
    return retiredAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Company c && id != null && id.equals(c.id);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id == null ? 0 : id);
  }

  @Override
  public String toString() {
    return "Company[" + id + "]";
  }
}
