package dev.gangway.access;

import dev.gangway.platform.persistence.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Drives an admin's release of a tripped guard outside any transaction: each step of {@link
 * GuardRelease} — the directory's check, every batch of held users, the audit record and
 * announcement — runs in a transaction of its own, retried when it loses a race with a concurrent
 * writer.
 */
@ApplicationScoped
public class GuardReleaseRun {
  /** Batches at most: a bound on a release that keeps finding users to release. */
  static final int MAX_BATCHES = 100_000;

  private GuardRelease release;

  protected GuardReleaseRun() {}

  @Inject
  GuardReleaseRun(GuardRelease release) {
    this.release = release;
  }

  /**
   * Releases every held revocation of the directory — those of users held at or before {@code upTo}
   * when it is given — and answers how many users lost access.
   */
  public int releaseAll(long directoryId, Instant upTo) {
    Retry.transaction(() -> release.directory(directoryId));
    int total = 0;
    for (int i = 0, n;
        i < MAX_BATCHES && (n = Retry.transaction(() -> release.batch(directoryId, upTo))) > 0;
        i++) {
      total += n;
    }
    int released = total;
    Retry.transaction(
        () -> {
          release.released(directoryId, released);
          return null;
        });
    return released;
  }
}
