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

/**
 * One path of effective access: a user holds a binding's role through that binding since a moment;
 * LEFT_OUT when the role's licence pool had no seat left for the user.
 */
@Entity
@Table(name = "access_grant")
public class AccessGrant {
  public enum State {
    GRANTED,
    LEFT_OUT
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false, updatable = false)
  private String userId;

  @Column(name = "binding_id", nullable = false, updatable = false)
  private long bindingId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private long projectId;

  @Column(name = "role_id", nullable = false, updatable = false)
  private long roleId;

  @Column(name = "pool_id", updatable = false)
  private Long poolId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(nullable = false)
  private Instant since;

  /** Set while the guard holds this path's revocation: the path stays granted until released. */
  @Column(name = "held_directory_id")
  private Long heldDirectoryId;

  @Column(name = "held_since")
  private Instant heldSince;

  @Column(name = "held_cause")
  private String heldCause;

  @Column(name = "held_user_name")
  private String heldUserName;

  protected AccessGrant() {}

  AccessGrant(String userId, Binding binding, Long poolId, State state, Instant now) {
    this.userId = userId;
    this.bindingId = binding.id();
    this.projectId = binding.projectId();
    this.roleId = binding.roleId();
    this.poolId = poolId;
    this.state = state;
    this.since = now;
  }

  void grant(Instant now) {
    state = State.GRANTED;
    since = now;
  }

  /**
   * The guard holds this path's revocation, caused by {@code cause} (a SCIM call of the directory).
   */
  void hold(long directoryId, Instant now, String cause, String userName) {
    heldDirectoryId = directoryId;
    heldSince = now;
    heldCause = cause.length() > 500 ? cause.substring(0, 500) : cause;
    heldUserName = userName.length() > 255 ? userName.substring(0, 255) : userName;
  }

  /** The IdP reversed the change whose revocation was held: nothing left to release. */
  void cancelHold() {
    heldDirectoryId = null;
    heldSince = null;
    heldCause = null;
    heldUserName = null;
  }

  public boolean held() {
    return heldSince != null;
  }

  public Long heldDirectoryId() {
    return heldDirectoryId;
  }

  public Instant heldSince() {
    return heldSince;
  }

  public String heldCause() {
    return heldCause;
  }

  public String heldUserName() {
    return heldUserName;
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

  public String userId() {
    return userId;
  }

  public long bindingId() {
    return bindingId;
  }

  public long projectId() {
    return projectId;
  }

  public long roleId() {
    return roleId;
  }

  public Long poolId() {
    return poolId;
  }

  public State state() {
    return state;
  }

  public boolean granted() {
    return state == State.GRANTED;
  }

  public Instant since() {
    return since;
  }
}
