package dev.gangway.company;

import java.time.Instant;

/**
 * A mapping rule as the admin API shows it: its condition and the key of the company it places
 * users in.
 */
public record RuleSummary(
    long id, int priority, RuleCondition condition, String company, Instant createdAt) {
  static RuleSummary of(MappingRule r, String companyKey) {
    return new RuleSummary(r.id(), r.priority(), r.condition(), companyKey, r.createdAt());
  }
}
