package dev.gangway.company;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user the rules could not place, and why: shown to admins, never resolved by a guess. */
@Entity
@Table(name = "mapping_issue")
public class MappingIssue {
  @Id
  @Column(name = "user_id", length = 36)
  private String userId;

  @Column(name = "directory_id", nullable = false)
  private long directoryId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RuleEvaluator.Placement.Issue kind;

  @Column(nullable = false)
  private String detail;

  @Column(nullable = false)
  private Instant since;

  protected MappingIssue() {}

  MappingIssue(
      String userId,
      long directoryId,
      RuleEvaluator.Placement.Issue kind,
      String detail,
      Instant since) {
    this.userId = userId;
    this.directoryId = directoryId;
    update(kind, detail, since);
  }

  void update(RuleEvaluator.Placement.Issue kind, String detail, Instant now) {
    if (this.kind != kind || !detail.equals(this.detail)) since = now;
    this.kind = kind;
    this.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
  }

  public String userId() {
    return userId;
  }

  public long directoryId() {
    return directoryId;
  }

  public RuleEvaluator.Placement.Issue kind() {
    return kind;
  }

  public String detail() {
    return detail;
  }

  public Instant since() {
    return since;
  }
}
