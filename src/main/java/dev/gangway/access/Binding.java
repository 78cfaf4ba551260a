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

/** A subject — an IdP group (by SCIM id) or a company (by id) — holds a role in a project. */
@Entity
@Table(name = "binding")
public class Binding {
  public enum SubjectType {
    GROUP,
    COMPANY
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private long projectId;

  @Column(name = "role_id", nullable = false, updatable = false)
  private long roleId;

  @Enumerated(EnumType.STRING)
  @Column(name = "subject_type", nullable = false, updatable = false)
  private SubjectType subjectType;

  @Column(name = "subject_ref", nullable = false, updatable = false)
  private String subjectRef;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected Binding() {}

  public Binding(ProjectRole role, SubjectType type, String subjectRef, Instant now) {
    this.projectId = role.projectId();
    this.roleId = role.id();
    this.subjectType = type;
    this.subjectRef = subjectRef;
    this.createdAt = now;
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

  public long projectId() {
    return projectId;
  }

  public long roleId() {
    return roleId;
  }

  public SubjectType subjectType() {
    return subjectType;
  }

  public String subjectRef() {
    return subjectRef;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Binding[" + id + "]";
  }
}
