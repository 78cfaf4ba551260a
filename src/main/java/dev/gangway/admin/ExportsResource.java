package dev.gangway.admin;

import dev.gangway.export.ExportFormat;
import dev.gangway.export.ExportQueries;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /admin/api/exports/*}: evidence for auditors, streamed as CSV (header row) or JSON
 * Lines ({@code format=jsonl}), a batch of rows at a time.
 */
@Path("exports")
@RequestScoped
public class ExportsResource {
  @Inject ExportQueries queries;
  @Inject Clock clock;
  @Inject dev.gangway.audit.AuditLog audit;
  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri;

  /** Who has access, now or as of {@code at}: one row per (user, project, role, path). */
  @GET @Path("access")
  public Response access(@QueryParam("project") String project, @QueryParam("at") String at,
                         @QueryParam("format") String format) {
    Instant when = AccessResource.instant("at", at);
    if (when == null) {
      Long projectId = project == null ? null : queries.projectId(project);
      if (project != null && projectId == null) throw DomainException.notFound("no project '" + project + "'");
      java.util.Map<Long, String[]> subjects = new java.util.HashMap<>();
      return stream("access", format, List.of("user_id", "user_name", "directory_id", "project", "role", "via_type",
          "via", "since"), key -> queries.currentAccess(projectId, (Long) key), r -> (Object) r[0],
          r -> {
            String[] via = subjects.computeIfAbsent(((Number) r[6]).longValue(), queries::subject);
            return Arrays.asList(r[1], r[2], r[3], r[4], r[5], via[0], via[1], ExportQueries.instant(r[7]));
          }, 0L);
    }
    if (when.isAfter(clock.instant())) throw DomainException.invalid("at is in the future");
    return stream("access-" + when, format, List.of("user_id", "user_name", "project", "role", "via_type", "via", "since"),
        key -> queries.accessAt(when, project, (Long) key), r -> (Object) r[0],
        r -> Arrays.asList(r[1], r[2], r[3], r[4], lower(r[5]), r[6], ExportQueries.instant(r[7])), 0L);
  }

  /** Every grant and revocation in a window, with its cause. */
  @GET @Path("access-changes")
  public Response accessChanges(@QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("format") String format) {
    Instant f = AccessResource.instant("from", from);
    Instant t = AccessResource.instant("to", to);
    Instant fromAt = f == null ? Instant.EPOCH : f;
    Instant toAt = t == null ? clock.instant().plusSeconds(1) : t;
    if (!fromAt.isBefore(toAt)) throw DomainException.invalid("from must be before to");
    return stream("access-changes", format, List.of("at", "kind", "user_id", "user_name", "project", "role", "via_type",
        "via", "cause"), key -> queries.accessChanges(fromAt, toAt, (Long) key), r -> (Object) r[0],
        r -> List.of(ExportQueries.instant(r[1]), lower(r[2]), r[3], r[4], r[5], r[6], lower(r[7]), r[8], r[9]), 0L);
  }

  /** All users with directory, company, status, created and deactivated times. */
  @GET @Path("users")
  public Response users(@QueryParam("format") String format) {
    return stream("users", format, List.of("user_id", "user_name", "directory_id", "directory", "company", "active",
        "created_at", "deactivated_at"), key -> queries.users((String) key), r -> (Object) r[0],
        r -> Arrays.asList(r[0], r[1], r[2], r[3], r[4], bool(r[5]), ExportQueries.instant(r[6]), ExportQueries.instant(r[7])), "");
  }

  /** For each deactivation or deletion: when the IdP said so, and when access was gone. */
  @GET @Path("deprovisioning")
  public Response deprovisioning(@QueryParam("format") String format) {
    return stream("deprovisioning", format, List.of("user_id", "user_name", "action", "requested_by", "requested_at",
        "access_revoked_at", "paths_revoked", "paths_still_granted"), key -> queries.deprovisioning((Long) key),
        r -> (Object) r[0], r -> Arrays.asList(r[1], queries.userName((String) r[1]), r[2], r[3],
            ExportQueries.instant(r[4]), ExportQueries.instant(r[5]), num(r[6]), num(r[7])), 0L);
  }

  private Response stream(String name, String formatName, List<String> columns, Function<Object, List<Object[]>> batch,
                          Function<Object[], Object> keyOf, Function<Object[], List<?>> row, Object firstKey) {
    ExportFormat format = ExportFormat.of(formatName);
    // exports carry personal data: each one is audited (who, which, with which parameters) before it streams
    java.util.Map<String, Object> params = new java.util.TreeMap<>();
    uri.getQueryParameters().forEach((k, v) -> params.put(k, v.size() == 1 ? v.get(0) : v));
    audit.recordAlone("admin", "export.downloaded", "export", name.replaceFirst("-\\d.*$", "").replaceFirst("-as-of$", ""),
        dev.gangway.audit.AuditLog.details("format", format.extension(), "parameters", params));
    StreamingOutput body = out -> {
      try (ExportFormat.RowWriter w = format.open(out, columns)) {
        Object key = firstKey;
        while (true) {
          List<Object[]> rows = batch.apply(key);
          for (Object[] r : rows) w.row(row.apply(r));
          if (rows.size() < ExportQueries.BATCH) break;
          key = keyOf.apply(rows.get(rows.size() - 1));
          if (key instanceof Number n) key = n.longValue();
        }
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("export " + name + " failed", e);
      }
    };
    String file = "gangway-" + name.replace(':', '-') + "." + format.extension();
    return Response.ok(body, format.mediaType()).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .header("Cache-Control", "no-store").build();
  }

  private static String lower(Object v) { return v == null ? null : v.toString().toLowerCase(); }
  private static Boolean bool(Object v) { return v instanceof Boolean b ? b : v instanceof Number n ? n.intValue() != 0 : null; }
  private static Long num(Object v) { return v == null ? null : ((Number) v).longValue(); }
}
