package dev.gangway.admin;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.DatabaseBackup;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /admin/api/backups}: an online backup of the embedded database into the data folder's
 * {@code backups/}; on MariaDB, a 409 that names the tools to use instead.
 */
@Path("backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {
  private DatabaseBackup backup;
  private AuditLog audit;

  protected BackupsResource() {}

  @Inject
  BackupsResource(DatabaseBackup backup, AuditLog audit) {
    this.backup = backup;
    this.audit = audit;
  }

  public record BackupView(String file, long bytes) {}

  @POST
  @Transactional
  public Response create() {
    DatabaseBackup.Backup b = backup.create();
    audit.record(
        "backup.created", "backup", b.file().getFileName().toString(), Map.of("bytes", b.bytes()));
    return Response.status(Response.Status.CREATED)
        .entity(new BackupView(b.file().toString(), b.bytes()))
        .build();
  }
}
