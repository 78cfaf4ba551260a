package dev.gangway.audit;

import dev.gangway.platform.Startup;
import dev.gangway.platform.ops.NodeName;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals committed records into blocks every {@code gangway.audit.seal-interval-ms} (1 s) and on
 * demand (before verify, pruning and exports of the seal). Any node may run it; one at a time holds
 * the lease in {@code audit_head} (see {@link AuditLog#sealStep}), so the others' ticks cost one
 * UPDATE that matches nothing. Logs each sealed block's number, hash and HMAC: a copy of the log is
 * a copy of the seals.
 */
@ApplicationScoped
public class AuditSealer {
  private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());

  /** Blocks one run seals at most before it yields to the next tick. */
  static final int BLOCKS_PER_RUN = 50;

  private AuditLog log;
  private long intervalMs;
  @Resource ManagedScheduledExecutorService scheduler;

  protected AuditSealer() {}

  @Inject
  AuditSealer(
      AuditLog log,
      @ConfigProperty(name = "gangway.audit.seal-interval-ms", defaultValue = "1000")
          long intervalMs) {
    this.log = log;
    this.intervalMs = intervalMs;
  }

  private final String node = NodeName.unique();

  /** Records already reported as not matching their MAC, so that each is logged once per node. */
  private final Set<Long> reported =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
              return size() > 10_000;
            }
          });

  private volatile ScheduledFuture<?> task;
  private volatile long lastFailureLog;

  void schedule(@Observes Startup.Started started) {
    if (intervalMs <= 0) {
      LOG.info(
          "Audit sealing: the schedule is off (gangway.audit.seal-interval-ms=0); records are sealed on demand");
      return;
    }
    task =
        scheduler.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    LOG.info(
        "Audit sealing: every "
            + intervalMs
            + " ms, by one node at a time (this node: "
            + node
            + ")");
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) t.cancel(false);
  }

  private void tick() {
    trySealNow();
  }

  /**
   * {@link #sealNow()} for callers that go on without it (verify, the seal, pruning, the schedule):
   * a failure — typically a conflict with another node's sealer — is logged at most once a minute
   * and leaves the records for the next run. Returns the blocks sealed.
   */
  public int trySealNow() {
    try {
      return sealNow();
    } catch (RuntimeException e) {
      long now = System.currentTimeMillis();
      if (now - lastFailureLog
          > 60_000) { // a conflict with another sealer is normal; a lasting failure is not
        lastFailureLog = now;
        LOG.log(
            Level.WARNING,
            "audit sealing failed; it is tried again every " + intervalMs + " ms: " + e,
            e);
      }
      return 0;
    }
  }

  /**
   * Seals what is committed and unsealed, if this node holds (or can take) the lease. Returns the
   * number of blocks sealed; 0 also when another node holds the lease (it seals within its tick).
   */
  public synchronized int sealNow() {
    // one read first: with nothing to seal, no lease is taken and nothing written or committed
    // (verify and the seal are reads; the schedule runs every few seconds on every node)
    if (!log.hasUnsealed()) return 0;
    int sealed = 0;
    while (sealed < BLOCKS_PER_RUN) {
      AuditLog.Sealing s = log.sealStep(node);
      for (Long seq : s.rejected()) {
        if (reported.add(seq)) {
          LOG.warning(
              "Audit record "
                  + seq
                  + " is left unsealed: it does not match its MAC under this node's audit key"
                  + " (altered, inserted without the key, or written by a node with another GANGWAY_AUDIT_KEY) or it is a copy"
                  + " of another record; GET /admin/api/audit/verify names it");
        }
      }
      if (s.block() == null) break;
      AuditBlock b = s.block();
      sealed++;
      LOG.info(
          "Audit block "
              + b.num()
              + " sealed: "
              + b.records()
              + " records up to "
              + b.lastSeq()
              + ", hash "
              + b.hash()
              + ", hmac "
              + b.hmac()
              + ", key "
              + b.keyId());
      if (!s.more()) break;
    }
    return sealed;
  }
}
