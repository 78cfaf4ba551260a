package dev.gangway.company;

import java.time.Instant;

/** A user the rules could not place, as the admin API lists it. */
public record IssueSummary(
    String userId,
    long directoryId,
    RuleEvaluator.Placement.Issue kind,
    String detail,
    Instant since) {
  static IssueSummary of(MappingIssue i) {
    return new IssueSummary(i.userId(), i.directoryId(), i.kind(), i.detail(), i.since());
  }
}
