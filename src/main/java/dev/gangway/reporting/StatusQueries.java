package dev.gangway.reporting;

import dev.gangway.reporting.SyncStatus.Counts;
import dev.gangway.reporting.SyncStatus.Drift;
import dev.gangway.reporting.SyncStatus.RecentError;
import java.time.Instant;
import java.util.List;

/**
 * The reads behind a directory's sync status: counts across identity, company, access and traffic.
 */
public interface StatusQueries {
  /**
   * A directory's counts, activity and traffic since {@code dayAgo} (and since {@code hourAgo}), in
   * one round trip.
   */
  record Figures(
      Counts counts,
      Instant lastRequestAt,
      Instant lastWriteAt,
      long dayRequests,
      long dayErrors,
      long dayRateLimited,
      long hourRequests,
      long hourErrors) {}

  Figures figures(long directoryId, Instant dayAgo, Instant hourAgo);

  /** The directory's most recent errors, newest first. */
  List<RecentError> recentErrors(long directoryId, int limit);

  /**
   * The drift signals: unmatched users and conflicts of the directory, its unknown members, pools
   * over their limit.
   */
  Drift drift(long directoryId);
}
