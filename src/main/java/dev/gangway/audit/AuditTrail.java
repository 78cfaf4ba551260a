package dev.gangway.audit;

import dev.gangway.identity.IdentityChange;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Writes an audit record for every change an IdP makes, in its transaction, after company mapping
 * and access have reacted (their own records are the access events).
 */
@ApplicationScoped
public class AuditTrail {
  static final int OBSERVER_PRIORITY = 1000;

  private AuditLog log;

  protected AuditTrail() {}

  @Inject
  AuditTrail(AuditLog log) {
    this.log = log;
  }

  void onIdentityChange(@Observes @Priority(OBSERVER_PRIORITY) IdentityChange change) {
    if (change instanceof IdentityChange.UserChanged u) {
      String action =
          switch (u.kind()) {
            case CREATED -> "user.created";
            case DELETED -> "user.deleted";
            case UPDATED ->
                u.changes().containsKey("active")
                    ? (Boolean.TRUE.equals(u.changes().get("active").get(1))
                        ? "user.reactivated"
                        : "user.deactivated")
                    : "user.updated";
          };
      log.record(
          action,
          "user",
          u.userId(),
          AuditLog.details("directory", u.directory().value(), "changes", u.changes()));
    } else if (change instanceof IdentityChange.GroupChanged g) {
      String action =
          "group."
              + switch (g.kind()) {
                case CREATED -> "created";
                case UPDATED -> "renamed";
                case DELETED -> "deleted";
              };
      log.record(
          action,
          "group",
          g.groupId(),
          AuditLog.details("directory", g.directory().value(), "displayName", g.displayName()));
    } else if (change instanceof IdentityChange.MembershipChanged m) {
      log.record(
          "group.members_changed",
          "group",
          m.groupId(),
          AuditLog.details(
              "directory", m.directory().value(), "added", m.added(), "removed", m.removed()));
    }
  }
}
