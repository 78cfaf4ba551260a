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
 * One path of effective access: a user holds a binding's role through that binding since a
 * moment; LEFT_OUT when the role's licence pool had no seat left for the user.
 */
@Entity
@Table(name = "access_grant")
public class AccessGrant {
  public enum State { GRANTED, LEFT_OUT }

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(name = "user_id", nullable = false, updatable = false) private String userId;
  @Column(name = "binding_id", nullable = false, updatable = false) private long bindingId;
  @Column(name = "project_id", nullable = false, updatable = false) private long projectId;
  @Column(name = "role_id", nullable = false, updatable = false) private long roleId;
  @Column(name = "pool_id", updatable = false) private Long poolId;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private State state;
  @Column(nullable = false) private Instant since;

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

  public long id() { return id; }
  public String userId() { return userId; }
  public long bindingId() { return bindingId; }
  public long projectId() { return projectId; }
  public long roleId() { return roleId; }
  public Long poolId() { return poolId; }
  public State state() { return state; }
  public boolean granted() { return state == State.GRANTED; }
  public Instant since() { return since; }
}
