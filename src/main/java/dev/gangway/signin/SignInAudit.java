package dev.gangway.signin;

import dev.gangway.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audit records about signing in that are not part of a change: sign-ins and sign-outs, failed
 * OpenID Connect sign-ins, role refusals (403) and uses of the break-glass token. The noisy ones
 * are rate-limited: at most one record per key (source or caller) and minute on each node, which
 * carries how many were left out since the previous one. Never holds a secret.
 */
@ApplicationScoped
public class SignInAudit {
  private static final Logger LOG = Logger.getLogger(SignInAudit.class.getName());
  private static final int MAX_KEYS = 10_000;

  @Inject AuditLog audit;
  @Inject Clock clock;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    long minute;
    int suppressed;
  }

  /** One record now, in a transaction of its own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String action, String targetType, String targetId, Map<String, ?> details) {
    audit.record(action, targetType, cut(targetId), details);
  }

  /**
   * One record unless {@code key} already had one this minute on this node; returns whether it
   * was written. A failure to write is logged, never thrown: refusing a caller must not fail.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean limited(String key, String action, String targetType, String targetId, Map<String, ?> details) {
    long minute = clock.instant().getEpochSecond() / 60; // (the tick clock Gangway uses fails on millis())
    if (windows.size() > MAX_KEYS) windows.clear();
    Window w = windows.computeIfAbsent(action + "\u001f" + key, k -> new Window());
    int left;
    synchronized (w) {
      if (w.minute == minute) {
        w.suppressed++;
        return false;
      }
      w.minute = minute;
      left = w.suppressed;
      w.suppressed = 0;
    }
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put("notRecordedBefore", left);
    try {
      audit.record(action, targetType, cut(targetId), d);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not record " + action + ": " + e.getClass().getSimpleName());
      return false;
    }
  }

  private static String cut(String s) { return s == null ? "-" : s.length() > 128 ? s.substring(0, 128) : s; }
}
