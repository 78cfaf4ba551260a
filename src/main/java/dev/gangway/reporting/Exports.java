package dev.gangway.reporting;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance exports — access now or at a past instant, access changes, users, deprovisioning
 * evidence — with their columns and how each row reads; and the audit record of each download.
 */
@ApplicationScoped
public class Exports {
  private ExportQueries queries;
  private Clock clock;
  private AuditLog audit;

  protected Exports() {}

  @Inject
  Exports(ExportQueries queries, Clock clock, AuditLog audit) {
    this.queries = queries;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Who has access, now ({@code at} null) or as of {@code at}: one row per (user, project, role,
   * path).
   */
  public Export access(String project, Instant at) {
    if (at == null) {
      Long projectId =
          project == null
              ? null
              : queries
                  .projectId(project)
                  .orElseThrow(() -> DomainException.notFound("no project '" + project + "'"));
      Map<Long, ExportQueries.Subject> subjects =
          new HashMap<>(); // a binding's subject, read once per export
      return new Export(
          "access",
          List.of(
              "user_id",
              "user_name",
              "directory_id",
              "project",
              "role",
              "via_type",
              "via",
              "since"),
          key -> queries.currentAccess(projectId, (Long) key),
          r -> r[0],
          r -> {
            ExportQueries.Subject via =
                subjects.computeIfAbsent(((Number) r[6]).longValue(), queries::subject);
            return Arrays.asList(r[1], r[2], r[3], r[4], r[5], via.type(), via.name(), r[7]);
          },
          0L);
    }
    if (at.isAfter(clock.instant())) throw DomainException.invalid("at is in the future");
    return new Export(
        "access-" + at,
        List.of("user_id", "user_name", "project", "role", "via_type", "via", "since"),
        key -> queries.accessAt(at, project, (Long) key),
        r -> r[0],
        r -> Arrays.asList(r[1], r[2], r[3], r[4], lower(r[5]), r[6], r[7]),
        0L);
  }

  /**
   * Every grant and revocation in a window ({@code from} null: the start; {@code to} null: now),
   * with its cause.
   */
  public Export accessChanges(Instant from, Instant to) {
    Instant fromAt = from == null ? Instant.EPOCH : from;
    Instant toAt = to == null ? clock.instant().plusSeconds(1) : to;
    if (!fromAt.isBefore(toAt)) throw DomainException.invalid("from must be before to");
    return new Export(
        "access-changes",
        List.of(
            "at", "kind", "user_id", "user_name", "project", "role", "via_type", "via", "cause"),
        key -> queries.accessChanges(fromAt, toAt, (Long) key),
        r -> r[0],
        r -> Arrays.asList(r[1], lower(r[2]), r[3], r[4], r[5], r[6], lower(r[7]), r[8], r[9]),
        0L);
  }

  /** All users with directory, company, status, created and deactivated times. */
  public Export users() {
    return new Export(
        "users",
        List.of(
            "user_id",
            "user_name",
            "directory_id",
            "directory",
            "company",
            "active",
            "created_at",
            "deactivated_at"),
        key -> queries.users((String) key),
        r -> r[0],
        r -> Arrays.asList(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]),
        "");
  }

  /** For each deactivation or deletion: when the IdP said so, and when access was gone. */
  public Export deprovisioning() {
    return new Export(
        "deprovisioning",
        List.of(
            "user_id",
            "user_name",
            "action",
            "requested_by",
            "requested_at",
            "access_revoked_at",
            "paths_revoked",
            "paths_still_granted"),
        key -> queries.deprovisioning((Long) key),
        r -> r[0],
        r ->
            Arrays.asList(
                r[1],
                queries.userName((String) r[1]).orElse(null),
                r[2],
                r[3],
                r[4],
                r[5],
                num(r[6]),
                num(r[7])),
        0L);
  }

  /**
   * Exports carry personal data: each download is audited (who, which, with which parameters), in a
   * transaction of its own, before it streams.
   */
  public void downloaded(Export export, ExportFormat format, Map<String, Object> parameters) {
    audit.recordAlone(
        "admin",
        "export.downloaded",
        "export",
        export.kind(),
        AuditLog.details("format", format.extension(), "parameters", parameters));
  }

  private static String lower(Object v) {
    return v == null ? null : v.toString().toLowerCase();
  }

  private static Boolean bool(Object v) {
    return v instanceof Boolean b ? b : v instanceof Number n ? n.intValue() != 0 : null;
  }

  private static Long num(Object v) {
    return v == null ? null : ((Number) v).longValue();
  }
}
