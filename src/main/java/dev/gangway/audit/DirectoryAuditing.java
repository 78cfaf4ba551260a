package dev.gangway.audit;

import dev.gangway.directory.DirectoryChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Writes the audit record of a directory change, in the transaction of the change (a synchronous
 * observer).
 */
@ApplicationScoped
public class DirectoryAuditing {
  private AuditLog audit;

  protected DirectoryAuditing() {}

  @Inject
  DirectoryAuditing(AuditLog audit) {
    this.audit = audit;
  }

  void on(@Observes DirectoryChanged change) {
    audit.record(
        "directory." + change.change(),
        "directory",
        String.valueOf(change.directoryId()),
        change.details());
  }
}
