package dev.gangway.signin;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.Startup;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audit records about signing in that are not part of a change: sign-ins and sign-outs, refused
 * admin API authentications, failed OpenID Connect sign-ins, role refusals (403) and uses of the
 * break-glass token. The noisy ones ({@link Noisy}) are rate-limited, all the same way, so that a
 * password-guesser cannot flood the log: per action, key (source or caller) and minute on each
 * node, the first is recorded at once, and the ones after it in that minute as one record with
 * their count when the minute ends. At most {@value #MAX_KEYS} keys are told apart a minute; more
 * share one entry ({@value #OTHER_KEYS}), so memory stays bounded. Never holds a secret; a failure
 * to write is logged, never thrown: refusing a caller must not fail.
 */
@ApplicationScoped
public class SignInAudit {
  static final int MAX_KEYS = 1000;
  static final String OTHER_KEYS = "(other sources)";
  private static final Logger LOG = Logger.getLogger(SignInAudit.class.getName());

  /** The rate-limited actions, and the name of the count their records carry. */
  public enum Noisy {
    AUTH_FAILED("admin.auth_failed", "failures"),
    SIGN_IN_FAILED("admin.sign_in_failed", "failures"),
    REFUSED("admin.refused", "refusals"),
    BREAK_GLASS_USED("admin.break_glass_used", "uses");

    private final String action;
    private final String counted;

    Noisy(String action, String counted) {
      this.action = action;
      this.counted = counted;
    }

    public String action() {
      return action;
    }
  }

  private AuditLog audit;
  private ChangeCause cause;
  @Resource ManagedScheduledExecutorService scheduler;

  /** What the first of a minute recorded, and how many came since. */
  private record Entry(
      Noisy kind,
      String actor,
      String targetType,
      String targetId,
      Map<String, ?> details,
      AtomicLong count) {}

  private volatile ConcurrentHashMap<String, Entry> minute = new ConcurrentHashMap<>();

  protected SignInAudit() {}

  @Inject
  SignInAudit(AuditLog audit, ChangeCause cause) {
    this.audit = audit;
    this.cause = cause;
  }

  void start(@Observes Startup.Started started) {
    scheduler.scheduleAtFixedRate(this::closeMinute, 60, 60, TimeUnit.SECONDS);
  }

  /** One record now, in a transaction of its own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String action, String targetType, String targetId, Map<String, ?> details) {
    audit.record(action, targetType, cut(targetId), details);
  }

  /**
   * One refused admin API authentication from {@code source}; {@code reason} names what was wrong,
   * never the token.
   */
  public void refused(String source, String reason) {
    String key = source == null || source.isBlank() ? "unknown" : source;
    limited(
        Noisy.AUTH_FAILED,
        "unauthenticated",
        key,
        "source",
        key,
        AuditLog.details("reason", reason));
  }

  /**
   * One {@code kind} event of {@code key} (a source address or a caller), by the current actor,
   * rate-limited.
   */
  public void limited(
      Noisy kind, String key, String targetType, String targetId, Map<String, ?> details) {
    limited(kind, cause.actor(), key, targetType, targetId, details);
  }

  private void limited(
      Noisy kind,
      String actor,
      String key,
      String targetType,
      String targetId,
      Map<String, ?> details) {
    ConcurrentHashMap<String, Entry> m = minute;
    String k = kind.action + "\u001f" + key;
    boolean other = !m.containsKey(k) && m.size() >= MAX_KEYS;
    if (other) k = kind.action + "\u001f" + OTHER_KEYS;
    String target = other ? OTHER_KEYS : cut(targetId);
    Entry e =
        m.computeIfAbsent(
            k, x -> new Entry(kind, actor, targetType, target, details, new AtomicLong()));
    if (e.count().incrementAndGet() == 1)
      write(e, 1, "the first this minute; later ones are counted in one record");
  }

  /** Writes the count of the events after the first of each key in the minute that ends. */
  void closeMinute() {
    ConcurrentHashMap<String, Entry> ended = minute;
    minute = new ConcurrentHashMap<>();
    for (Entry e : ended.values()) {
      long more = e.count().get() - 1;
      if (more > 0) write(e, more, "further ones in the minute, after the first");
    }
  }

  private void write(Entry e, long count, String note) {
    Map<String, Object> d = new LinkedHashMap<>(e.details());
    d.put(e.kind().counted, count);
    d.put("note", note);
    try {
      audit.recordAlone(e.actor(), e.kind().action, e.targetType(), e.targetId(), d);
    } catch (RuntimeException x) {
      LOG.log(
          Level.WARNING,
          "could not record "
              + count
              + " "
              + e.kind().action
              + " of "
              + e.targetId()
              + ": "
              + x.getClass().getSimpleName());
    }
  }

  private static String cut(String s) {
    return s == null ? "-" : s.length() > 128 ? s.substring(0, 128) : s;
  }
}
