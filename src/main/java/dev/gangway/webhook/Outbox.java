package dev.gangway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gangway.platform.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes an outbound event into {@code webhook_outbox} in the transaction of the change it reports
 * — one INSERT, no row shared with other writers: the event is delivered if and only if the change
 * commits. The CloudEvents 1.0 body is fixed here, so every attempt and every replay sends the same
 * bytes under the same id.
 */
@ApplicationScoped
public class Outbox {
  public static final String ACCESS_GRANTED = "dev.gangway.access.granted";
  public static final String ACCESS_REVOKED = "dev.gangway.access.revoked";
  public static final String ACCESS_LEFT_OUT = "dev.gangway.access.left_out";
  public static final String ACCESS_HELD = "dev.gangway.access.held";
  public static final String HOLD_CANCELLED = "dev.gangway.access.hold_cancelled";
  public static final String GUARD_TRIPPED = "dev.gangway.directory.guard.tripped";
  public static final String GUARD_RELEASED = "dev.gangway.directory.guard.released";
  public static final List<String> TYPES =
      List.of(
          ACCESS_GRANTED,
          ACCESS_REVOKED,
          ACCESS_LEFT_OUT,
          ACCESS_HELD,
          HOLD_CANCELLED,
          GUARD_TRIPPED,
          GUARD_RELEASED);

  private OutboxRepository events;
  private Clock clock;
  private String source;

  protected Outbox() {}

  @Inject
  Outbox(
      OutboxRepository events,
      Clock clock,
      @ConfigProperty(name = "gangway.webhook.source", defaultValue = "/gangway") String source) {
    this.events = events;
    this.clock = clock;
    this.source = source;
  }

  /**
   * Adds one event; {@code projectKey} (null for directory events) is what subscriptions filter on.
   */
  public void publish(String type, String subject, String projectKey, Map<String, Object> data) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String id = UUID.randomUUID().toString();
    events.add(
        new OutboxEvent(id, now, type, projectKey, body(id, source, type, subject, now, data)));
  }

  /** A CloudEvents 1.0 event in structured JSON mode. */
  static String body(
      String id,
      String source,
      String type,
      String subject,
      Instant time,
      Map<String, Object> data) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", id);
    event.put("source", source);
    event.put("type", type);
    event.put("subject", subject);
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    try {
      return JsonMapper.get().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data must be JSON-serialisable", e);
    }
  }
}
