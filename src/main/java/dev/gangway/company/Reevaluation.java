package dev.gangway.company;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Placing many users again after a rule or domain change, with its progress. */
@Entity
@Table(name = "reevaluation")
public class Reevaluation {
  public enum Status {
    RUNNING,
    DONE,
    FAILED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  @Column(nullable = false)
  private String reason;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(nullable = false)
  private long total;

  @Column(nullable = false)
  private long done;

  @Column(nullable = false)
  private long moved;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected Reevaluation() {}

  Reevaluation(String reason, long total, Instant now) {
    this.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
    this.status = Status.RUNNING;
    this.total = total;
    this.startedAt = now;
  }

  void progress(long doneNow, long movedNow) {
    done += doneNow;
    moved += movedNow;
  }

  void finish(Status status, Instant now) {
    this.status = status;
    this.finishedAt = now;
  }

  /**
   * Its id, given by the store on insert (the database does it for JPA; an in-memory store calls
   * this).
   */
  void assignId(long id) {
    this.id = id;
  }

  public long id() {
    return id;
  }

  public String reason() {
    return reason;
  }

  public Status status() {
    return status;
  }

  public long total() {
    return total;
  }

  public long done() {
    return done;
  }

  public long moved() {
    return moved;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }
}
