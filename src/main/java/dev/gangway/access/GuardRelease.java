package dev.gangway.access;

import dev.gangway.audit.AuditLog;
import dev.gangway.directory.Directory;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import dev.gangway.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An admin's release of a tripped guard, in batches of users each its own transaction (a wave of
 * thousands never makes one long transaction): the held revocations are applied — with access
 * events naming the release and the SCIM call that caused each — then the release is audited and
 * announced. {@link GuardReleaseRun} drives the steps, each in its own transaction.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class GuardRelease {
  static final int BATCH = 100;

  private GuardCounts counts;
  private AccessEngine engine;
  private AuditLog audit;
  private AccessNotices notices;
  private ChangeCause cause;

  protected GuardRelease() {}

  @Inject
  GuardRelease(
      GuardCounts counts,
      AccessEngine engine,
      AuditLog audit,
      AccessNotices notices,
      ChangeCause cause) {
    this.counts = counts;
    this.engine = engine;
    this.audit = audit;
    this.notices = notices;
    this.cause = cause;
  }

  public Directory directory(long directoryId) {
    return counts
        .directory(directoryId)
        .orElseThrow(() -> DomainException.notFound("no directory " + directoryId));
  }

  /**
   * Applies the next batch of held users' revocations — of users held at or before {@code upTo}
   * when it is given; 0 when none is held any more.
   */
  public int batch(long directoryId, Instant upTo) {
    return engine.releaseHeld(directoryId, upTo, BATCH);
  }

  public void released(long directoryId, int users) {
    Directory d = directory(directoryId);
    audit.record(
        "directory.guard_released",
        "directory",
        String.valueOf(directoryId),
        AuditLog.details("users", users));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("directory", Map.of("id", directoryId, "name", d.name()));
    data.put("released", users);
    data.put("cause", cause.describe());
    notices.publish(Outbox.GUARD_RELEASED, "directories/" + directoryId, null, data);
  }
}
