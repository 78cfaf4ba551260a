package dev.gangway.company;

import java.time.Instant;
import java.util.Set;

/** A company as the admin API shows it, with how many users its company group holds. */
public record CompanySummary(
    long id,
    String key,
    String name,
    Set<String> domains,
    Company.Status status,
    long memberCount,
    Instant createdAt,
    Instant retiredAt) {
  static CompanySummary of(Company c, long memberCount) {
    return new CompanySummary(
        c.id(),
        c.key(),
        c.name(),
        c.domains(),
        c.status(),
        memberCount,
        c.createdAt(),
        c.retiredAt());
  }
}
