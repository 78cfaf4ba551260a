package dev.gangway.access;

import java.time.Instant;
import java.util.List;

/** A project as the admin API shows it, with its roles and the licence pool each draws on. */
public record ProjectSummary(String key, String name, Instant createdAt, List<RoleSummary> roles) {
  /** A role of a project; {@code licencePool} is the pool's key, or null for none. */
  public record RoleSummary(String name, String licencePool) {}
}
