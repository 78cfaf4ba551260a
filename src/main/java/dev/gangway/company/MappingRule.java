package dev.gangway.company;

import dev.gangway.platform.errors.DomainException;
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

/**
 * An explicit rule: a user attribute equal to a value, or membership of an IdP group whose name
 * matches a pattern, places the user in a company. Lower priority numbers decide first.
 */
@Entity
@Table(name = "mapping_rule")
public class MappingRule {
  public enum Kind {
    ATTRIBUTE,
    GROUP_NAME
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(nullable = false)
  private int priority;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  private String attribute;

  @Column(name = "match_value", nullable = false)
  private String matchValue;

  @Column(name = "company_id", nullable = false)
  private long companyId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected MappingRule() {}

  public MappingRule(RuleCondition condition, int priority, long companyId, Instant now) {
    if (priority < 0 || priority > 1_000_000)
      throw DomainException.invalid("priority must be 0 to 1000000");
    this.priority = priority;
    this.kind = condition.kind();
    this.attribute = condition.attribute() == null ? null : condition.attribute().canonical();
    this.matchValue = condition.value();
    this.companyId = companyId;
    this.createdAt = now;
  }

  /** Moves the rule in the order: lower numbers decide first. */
  public void reprioritize(int newPriority) {
    if (newPriority < 0 || newPriority > 1_000_000)
      throw DomainException.invalid("priority must be 0 to 1000000");
    this.priority = newPriority;
  }

  public RuleCondition condition() {
    return kind == Kind.ATTRIBUTE
        ? RuleCondition.attribute(RuleAttribute.of(attribute), matchValue)
        : RuleCondition.groupName(matchValue);
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

  public int priority() {
    return priority;
  }

  public long companyId() {
    return companyId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "MappingRule[" + id + "]";
  }
}
