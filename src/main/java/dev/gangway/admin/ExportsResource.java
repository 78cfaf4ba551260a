package dev.gangway.admin;

import dev.gangway.reporting.Export;
import dev.gangway.reporting.ExportFormat;
import dev.gangway.reporting.Exports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /admin/api/exports/*}: evidence for auditors, streamed as CSV (header row) or JSON Lines
 * ({@code format=jsonl}), a batch of rows at a time. Which rows and columns: {@link Exports}.
 */
@Path("exports")
@RequestScoped
public class ExportsResource {
  private Exports exports;
  @Context UriInfo uri;

  protected ExportsResource() {}

  @Inject
  ExportsResource(Exports exports) {
    this.exports = exports;
  }

  /** Who has access, now or as of {@code at}: one row per (user, project, role, path). */
  @GET
  @Path("access")
  public Response access(
      @QueryParam("project") String project,
      @QueryParam("at") String at,
      @QueryParam("format") String format) {
    return stream(exports.access(project, AccessResource.instant("at", at)), format);
  }

  /** Every grant and revocation in a window, with its cause. */
  @GET
  @Path("access-changes")
  public Response accessChanges(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("format") String format) {
    return stream(
        exports.accessChanges(
            AccessResource.instant("from", from), AccessResource.instant("to", to)),
        format);
  }

  /** All users with directory, company, status, created and deactivated times. */
  @GET
  @Path("users")
  public Response users(@QueryParam("format") String format) {
    return stream(exports.users(), format);
  }

  /** For each deactivation or deletion: when the IdP said so, and when access was gone. */
  @GET
  @Path("deprovisioning")
  public Response deprovisioning(@QueryParam("format") String format) {
    return stream(exports.deprovisioning(), format);
  }

  private Response stream(Export export, String formatName) {
    ExportFormat format = ExportFormat.of(formatName);
    Map<String, Object> params = new TreeMap<>();
    uri.getQueryParameters().forEach((k, v) -> params.put(k, v.size() == 1 ? v.get(0) : v));
    exports.downloaded(export, format, params);
    StreamingOutput body = out -> export.writeTo(out, format);
    return Response.ok(body, format.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + export.fileName(format) + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
