package dev.gangway.access;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.regex.Pattern;

/** A role in a project; a licensed role draws a seat from its pool for each holder. */
@Entity
@Table(name = "project_role")
public class ProjectRole {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private long projectId;

  @Column(nullable = false, updatable = false)
  private String name;

  @Column(name = "pool_id")
  private Long poolId;

  protected ProjectRole() {}

  public ProjectRole(Project project, String name, LicencePool pool) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw DomainException.invalid(
          "a role name is 1 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
    this.projectId = project.id();
    this.name = name;
    this.poolId = pool == null ? null : pool.id();
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

  public String name() {
    return name;
  }

  public Long poolId() {
    return poolId;
  }

  @Override
  public String toString() {
    return "ProjectRole[" + id + "]";
  }
}
