package dev.gangway.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A grant or revocation of one access path, and the request or job that caused it. */
@Entity
@Table(name = "access_event")
public class AccessEvent {
  public enum Kind {
    GRANTED,
    REVOKED,
    LEFT_OUT,
    HELD
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  @Column(name = "user_id", nullable = false)
  private String userId;

  @Column(name = "user_name", nullable = false)
  private String userName;

  @Column(name = "project_key", nullable = false)
  private String projectKey;

  @Column(name = "role_name", nullable = false)
  private String roleName;

  @Column(name = "binding_id", nullable = false)
  private long bindingId;

  @Enumerated(EnumType.STRING)
  @Column(name = "via_type", nullable = false)
  private Binding.SubjectType viaType;

  @Column(name = "via_name", nullable = false)
  private String viaName;

  @Column(nullable = false)
  private String cause;

  /**
   * The directory whose guarded SCIM write applied this revocation (counted by its guard); null
   * otherwise.
   */
  @Column(name = "guard_directory_id")
  private Long guardDirectoryId;

  protected AccessEvent() {}

  AccessEvent(Instant at, Kind kind, String userId, String userName, Path path, String cause) {
    this.at = at;
    this.kind = kind;
    this.userId = userId;
    this.userName = userName;
    this.projectKey = path.projectKey();
    this.roleName = path.role();
    this.bindingId = path.bindingId();
    this.viaType = path.viaType();
    this.viaName = path.viaName();
    this.cause = cause.length() > 500 ? cause.substring(0, 500) : cause;
  }

  AccessEvent(
      Instant at,
      Kind kind,
      String userId,
      String userName,
      Path path,
      String cause,
      Long guardDirectoryId) {
    this(at, kind, userId, userName, path, cause);
    this.guardDirectoryId = guardDirectoryId;
  }

  /** What an event names: a binding with its project, role and subject. */
  record Path(
      long bindingId,
      String projectKey,
      String role,
      Binding.SubjectType viaType,
      String viaName) {}

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

  public Instant at() {
    return at;
  }

  public Kind kind() {
    return kind;
  }

  public String userId() {
    return userId;
  }

  public String userName() {
    return userName;
  }

  public String projectKey() {
    return projectKey;
  }

  public String roleName() {
    return roleName;
  }

  public long bindingId() {
    return bindingId;
  }

  public Binding.SubjectType viaType() {
    return viaType;
  }

  public String viaName() {
    return viaName;
  }

  public String cause() {
    return cause;
  }

  public Long guardDirectoryId() {
    return guardDirectoryId;
  }
}
