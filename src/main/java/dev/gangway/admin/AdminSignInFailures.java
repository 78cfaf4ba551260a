package dev.gangway.admin;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.Startup;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audits refused admin API authentications without flooding the audit log: per source address
 * and minute, the first refusal is recorded at once ({@code admin.auth_failed}, with the source,
 * the reason and {@code failures: 1}), and the refusals after it in that minute as one record
 * with their count when the minute is over. Never the presented token. At most
 * {@value #MAX_SOURCES} sources are told apart per minute; more share one entry, so memory stays
 * bounded whatever the number of addresses a client uses. Per node: each node audits what it refused.
 */
@ApplicationScoped
public class AdminSignInFailures {
  static final int MAX_SOURCES = 1000;
  static final String OTHER_SOURCES = "(other sources)";
  static final String ACTION = "admin.auth_failed";
  private static final Logger LOG = Logger.getLogger(AdminSignInFailures.class.getName());

  @Inject AuditLog audit;
  @Resource ManagedScheduledExecutorService scheduler;

  private record Entry(AtomicLong count, String reason) {}

  private volatile ConcurrentHashMap<String, Entry> minute = new ConcurrentHashMap<>();

  void start(@Observes Startup.Started started) {
    scheduler.scheduleAtFixedRate(this::closeMinute, 60, 60, TimeUnit.SECONDS);
  }

  /** One refused authentication from {@code source}; {@code reason} names what was wrong, never the token. */
  public void refused(String source, String reason) {
    ConcurrentHashMap<String, Entry> m = minute;
    String key = source == null || source.isBlank() ? "unknown" : source;
    if (!m.containsKey(key) && m.size() >= MAX_SOURCES) key = OTHER_SOURCES;
    long n = m.computeIfAbsent(key, k -> new Entry(new AtomicLong(), reason)).count().incrementAndGet();
    if (n == 1) write(key, reason, 1, "first refusal from this source this minute; later ones are counted in one record");
  }

  /** Writes the count of the refusals after the first of each source in the minute that ends. */
  void closeMinute() {
    ConcurrentHashMap<String, Entry> ended = minute;
    minute = new ConcurrentHashMap<>();
    for (Map.Entry<String, Entry> e : ended.entrySet()) {
      long more = e.getValue().count().get() - 1;
      if (more > 0) write(e.getKey(), e.getValue().reason(), more, "further refusals from this source in the minute");
    }
  }

  private void write(String source, String reason, long failures, String note) {
    try {
      audit.recordAlone("unauthenticated", ACTION, "source", source,
          AuditLog.details("reason", reason, "failures", failures, "note", note));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not audit " + failures + " refused admin authentication(s) from " + source
          + ": " + e.getClass().getSimpleName());
    }
  }
}
