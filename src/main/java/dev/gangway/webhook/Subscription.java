package dev.gangway.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription: where to send which events, and its secret (encrypted, {@link
 * SecretBox}). The workers' columns (sequence, lease, replay) are written with SQL by {@link
 * WebhookStore}.
 */
@Entity
@Table(name = "webhook_subscription")
public class Subscription {
  public enum Status {
    ACTIVE,
    DELETED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false)
  private String url;

  @Column(updatable = false)
  private String events;

  @Column(name = "project_key", updatable = false)
  private String projectKey;

  @Column(name = "secret_enc", nullable = false)
  private String secretEnc;

  @Column(nullable = false)
  private String status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "dispatched_seq", nullable = false, insertable = false, updatable = false)
  private long dispatchedSeq;

  protected Subscription() {}

  Subscription(String url, String events, String projectKey, Instant now) {
    this.url = url;
    this.events = events;
    this.projectKey = projectKey;
    this.secretEnc = "-";
    this.status = Status.ACTIVE.name();
    this.createdAt = now;
  }

  void secret(String sealed) {
    this.secretEnc = sealed;
  }

  void delete() {
    this.status = Status.DELETED.name();
  }

  public long id() {
    return id;
  }

  public String url() {
    return url;
  }

  public List<String> events() {
    return events == null ? null : List.of(events.split(","));
  }

  public String projectKey() {
    return projectKey;
  }

  public boolean active() {
    return Status.ACTIVE.name().equals(status);
  }

  public Instant createdAt() {
    return createdAt;
  }

  String secretEnc() {
    return secretEnc;
  }

  /**
   * Whether a subscription to {@code events} (null: all) of {@code projectKey} (null: all) wants an
   * event: a project's subscription gets its project's access events and every directory event
   * ({@code project} null).
   */
  public static boolean wants(List<String> events, String projectKey, String type, String project) {
    if (events != null && !events.contains(type)) return false;
    return projectKey == null || project == null || projectKey.equals(project);
  }

  @Override
  public String toString() {
    return "Subscription[" + id + "]";
  }
}
