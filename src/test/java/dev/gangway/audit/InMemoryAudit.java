package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.json.JsonMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link AuditLog} over the audit tables in memory ({@link InMemoryAuditStore}), for the
 * unit tests of the contexts that audit: the code under test records through {@link #log()}, the
 * test reads back what was stored ({@link #entries()}), details as the log wrote them in JSON.
 */
public final class InMemoryAudit {
  private static final ObjectReader DETAILS =
      JsonMapper.get().readerFor(Map.class).with(DeserializationFeature.USE_LONG_FOR_INTS);

  /** One key for all (it never changes once read): loading it is logged. */
  private static final AuditKey KEY = keyOf("an audit key for unit tests, long enough");

  private final InMemoryAuditStore store;
  private final AuditLog log;

  /**
   * A log whose records name {@code cause} (request and actor) and, outside a request, {@code
   * clock}'s time.
   */
  public InMemoryAudit(ChangeCause cause, Clock clock) {
    this.store = new InMemoryAuditStore(KEY.seals());
    this.log = new AuditLog(store, cause, clock, KEY);
  }

  private static AuditKey keyOf(String secret) {
    return new AuditKey(null, Optional.of(secret));
  }

  public InMemoryAudit(Clock clock) {
    this(new ChangeCause(), clock);
  }

  /** The audit log to give the code under test. */
  public AuditLog log() {
    return log;
  }

  /**
   * One stored record: what was done to what, its details read back from the stored JSON (whole
   * numbers as {@code Long}), who did it and why.
   */
  public record Entry(
      String action,
      String targetType,
      String targetId,
      Map<String, Object> details,
      String actor,
      String cause) {}

  /** The records stored, in the order they were written. */
  public List<Entry> entries() {
    return store.records.values().stream()
        .map(
            r ->
                new Entry(
                    r.action(),
                    r.targetType(),
                    r.targetId(),
                    details(r.detail()),
                    r.actor(),
                    r.cause()))
        .toList();
  }

  private static Map<String, Object> details(String json) {
    try {
      return DETAILS.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit detail is not a JSON object: " + json, e);
    }
  }
}
