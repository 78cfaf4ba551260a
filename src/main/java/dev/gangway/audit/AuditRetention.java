package dev.gangway.audit;

import dev.gangway.platform.Startup;
import dev.gangway.platform.errors.DomainException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prunes audit records older than {@code gangway.audit.retention-days} once a day (0, the default,
 * keeps everything). Pruning removes sealed records and whole sealed blocks and anchors the log, so
 * what remains still verifies.
 */
@ApplicationScoped
public class AuditRetention {
  private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

  private String retentionDays;
  private AuditLog log;
  private AuditSealer sealer;
  private Clock clock;
  @Resource ManagedScheduledExecutorService scheduler;

  protected AuditRetention() {}

  @Inject
  AuditRetention(
      @ConfigProperty(name = "gangway.audit.retention-days", defaultValue = "0")
          String retentionDays,
      AuditLog log,
      AuditSealer sealer,
      Clock clock) {
    this.retentionDays = retentionDays;
    this.log = log;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** How long records are kept at least; empty: retention off, nothing is ever pruned. */
  public Optional<Duration> retention() {
    return Optional.ofNullable(parse(retentionDays));
  }

  public String configured() {
    return retentionDays.strip();
  }

  /** Days, a decimal number ("0.5": 12 hours); 0 or empty: off. */
  static Duration parse(String days) {
    String s = days == null ? "" : days.strip();
    double d;
    try {
      d = s.isEmpty() ? 0 : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      d = -1;
    }
    if (!(d >= 0) || d > 1_000_000) {
      throw new IllegalArgumentException(
          "GANGWAY_AUDIT_RETENTION_DAYS (gangway.audit.retention-days) must be a number"
              + " of days (0: keep everything), not '"
              + days
              + "'");
    }
    long millis = Math.round(d * 86_400_000d);
    return millis <= 0 ? null : Duration.ofMillis(millis);
  }

  void schedule(@Observes Startup.Started started) {
    if (retention().isEmpty()) return;
    scheduler.scheduleAtFixedRate(this::prune, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    LOG.info("Audit records older than " + retentionDays + " days are pruned daily");
  }

  /**
   * An admin's request to remove sealed records older than {@code olderThan}, which may not be
   * younger than the retention: a later cut-off is refused (invalid), and with retention off
   * nothing can be pruned (conflict). Seals what is committed first; the request is audited even
   * when nothing was old enough. Returns how many records went.
   */
  public long pruneRequested(Instant olderThan) {
    if (olderThan == null) throw DomainException.invalid("olderThan is required");
    Duration keep =
        retention()
            .orElseThrow(
                () ->
                    new DomainException(
                        DomainException.Kind.CONFLICT,
                        "audit retention is off (GANGWAY_AUDIT_RETENTION_DAYS=0): every audit record is kept, none can be pruned"));
    Instant latest = clock.instant().minus(keep);
    if (olderThan.isAfter(latest)) {
      throw DomainException.invalid(
          "olderThan may be at most "
              + latest
              + ": records younger than the retention ("
              + configured()
              + " days, GANGWAY_AUDIT_RETENTION_DAYS) are kept");
    }
    sealer.trySealNow();
    return log.prune(olderThan, true);
  }

  void prune() {
    try {
      sealer.trySealNow();
      long removed = log.prune(clock.instant().minus(retention().orElseThrow()));
      if (removed > 0)
        LOG.info("Pruned " + removed + " audit records older than " + retentionDays + " days");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit pruning failed; it is tried again tomorrow", e);
    }
  }
}
