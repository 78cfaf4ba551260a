package dev.gangway.company;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's place in a company group, derived by the rules, with why and since when. */
@Entity
@Table(name = "company_member")
public class CompanyMember {
  @Id
  @Column(name = "user_id", length = 36)
  private String userId;

  @Column(name = "company_id", nullable = false)
  private long companyId;

  @Column(name = "directory_id", nullable = false)
  private long directoryId;

  @Column(nullable = false)
  private String reason;

  @Column(nullable = false)
  private Instant since;

  protected CompanyMember() {}

  CompanyMember(String userId, long directoryId, long companyId, String reason, Instant since) {
    this.userId = userId;
    this.directoryId = directoryId;
    this.companyId = companyId;
    this.reason = reason;
    this.since = since;
  }

  void explain(String reason) {
    this.reason = reason;
  }

  public String userId() {
    return userId;
  }

  public long companyId() {
    return companyId;
  }

  public long directoryId() {
    return directoryId;
  }

  public String reason() {
    return reason;
  }

  public Instant since() {
    return since;
  }
}
