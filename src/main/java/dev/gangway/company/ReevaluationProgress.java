package dev.gangway.company;

import java.time.Instant;

/** How far placing users again after a change has come. */
public record ReevaluationProgress(
    long id,
    Reevaluation.Status status,
    long total,
    long done,
    long moved,
    Instant startedAt,
    Instant finishedAt,
    String reason) {
  /** The progress of a re-evaluation, or null for none. */
  static ReevaluationProgress of(Reevaluation r) {
    return r == null
        ? null
        : new ReevaluationProgress(
            r.id(),
            r.status(),
            r.total(),
            r.done(),
            r.moved(),
            r.startedAt(),
            r.finishedAt(),
            r.reason());
  }
}
