package dev.gangway.audit;

import dev.gangway.audit.TrafficTally.DirectoryTraffic;
import dev.gangway.audit.TrafficTally.RecentError;
import dev.gangway.platform.Startup;
import dev.gangway.platform.ops.GracefulStop;
import dev.gangway.platform.persistence.Retry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts each directory's SCIM requests and errors per hour, its last request and last write, and
 * keeps its most recent errors (method, path, status, scimType, detail — never bodies or tokens). A
 * request only adds to this node's tally in memory: no SCIM request writes a row for it. Every
 * {@code gangway.traffic.flush-interval} (2 s), when the application stops, and before a sync
 * status is read, the tally is added to the database as increments ({@link TrafficStore}), so that
 * several nodes add up. A node that dies loses at most one interval of counts; a flush that fails
 * keeps its counts for the next one.
 */
@ApplicationScoped
public class SyncRecorder {
  static final int ERRORS_KEPT = TrafficStore.ERRORS_KEPT;
  static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(SyncRecorder.class.getName());

  private Clock clock;
  private TrafficStore store;
  private String flushInterval;
  @Resource ManagedScheduledExecutorService scheduler;

  protected SyncRecorder() {}

  @Inject
  SyncRecorder(
      Clock clock,
      TrafficStore store,
      @ConfigProperty(name = "gangway.traffic.flush-interval", defaultValue = "2s")
          String flushInterval) {
    this.clock = clock;
    this.store = store;
    this.flushInterval = flushInterval;
  }

  private final TrafficTally tally = new TrafficTally(ERRORS_KEPT);

  /**
   * One flush at a time on this node: a status read waits for a running flush, then flushes the
   * rest.
   */
  private final ReentrantLock flushing = new ReentrantLock();

  private ScheduledFuture<?> task;

  /** Counts one answered SCIM request of a directory, in memory. */
  public void record(
      long directory, String method, String path, int status, String scimType, String detail) {
    var now = clock.instant();
    if (status == 429) {
      tally.rateLimited(directory, now);
      return;
    }
    boolean write = !method.equals("GET") && status < 400 && !path.endsWith("/.search");
    tally.record(
        directory,
        now,
        write,
        status >= 400 ? new RecentError(now, method, path, status, scimType, detail) : null);
  }

  void start(@Observes Startup.Started started) {
    Duration every = parseInterval(flushInterval);
    task =
        scheduler.scheduleWithFixedDelay(
            this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        () -> "SCIM traffic is counted in memory and written every " + every.toMillis() + " ms");
  }

  /**
   * SIGTERM: the requests have drained; what they counted is written before the undeploy starts.
   */
  void stopping(@Observes GracefulStop.Stopping stopping) {
    if (task != null) task.cancel(false);
    flushQuietly();
  }

  /**
   * A graceful stop writes what is still counted, while the application's resources are still up.
   */
  void stop(
      @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
          Object ignored) {
    if (task != null) task.cancel(false);
    flushQuietly();
  }

  @PreDestroy
  void destroyed() {
    if (!tally.isEmpty()) flushQuietly();
  }

  /**
   * Writes what this node counted so far. Called before a status is read, so that it includes every
   * request this node answered; other nodes' requests show within one interval.
   */
  public void flush() {
    flushing.lock();
    try {
      List<DirectoryTraffic> batch = tally.drain();
      if (batch.isEmpty()) return;
      try {
        Retry.onConflict(
            () -> {
              store.add(batch);
              return null;
            });
      } catch (RuntimeException e) {
        tally.restore(batch);
        throw e;
      }
    } finally {
      flushing.unlock();
    }
  }

  /**
   * {@link #flush()}, logging a failure instead of throwing it: the counts wait for the next try.
   */
  public boolean flushQuietly() {
    try {
      flush();
      return true;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "could not write SCIM traffic counts; they are kept for the next try", e);
      return false;
    }
  }

  /** {@code 2s}, {@code 500ms}, {@code 1m}, {@code PT2S} or a number of seconds; more than zero. */
  static Duration parseInterval(String text) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (s.startsWith("pt")) d = Duration.parse(s);
      else if (s.endsWith("ms"))
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
      else if (s.endsWith("s"))
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
      else if (s.endsWith("m"))
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).strip()));
      else if (s.endsWith("h"))
        d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).strip()));
      else d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    } catch (NumberFormatException | DateTimeParseException e) {
      d = Duration.ZERO;
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "gangway.traffic.flush-interval (GANGWAY_TRAFFIC_FLUSH_INTERVAL) must be a"
              + " duration above zero such as 2s, 500ms or 1m, not '"
              + text
              + "'");
    }
    return d;
  }
}
