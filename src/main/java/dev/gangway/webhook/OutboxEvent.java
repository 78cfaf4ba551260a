package dev.gangway.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One outbound event as its change's transaction wrote it; the workers read it with SQL. */
@Entity
@Table(name = "webhook_outbox")
public class OutboxEvent {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_id", nullable = false, updatable = false)
  private String eventId;

  @Column(nullable = false, updatable = false)
  private Instant at;

  @Column(nullable = false, updatable = false)
  private String type;

  @Column(name = "project_key", updatable = false)
  private String projectKey;

  @Column(nullable = false, updatable = false)
  private String body;

  @Column(nullable = false)
  private boolean dispatched;

  protected OutboxEvent() {}

  OutboxEvent(String eventId, Instant at, String type, String projectKey, String body) {
    this.eventId = eventId;
    this.at = at;
    this.type = type;
    this.projectKey = projectKey;
    this.body = body;
  }

  @Override
  public String toString() {
    return "OutboxEvent[" + id + "]";
  }
}
