package dev.gangway.admin;

import dev.gangway.access.AccessGuard;
import dev.gangway.access.GuardReleaseRun;
import dev.gangway.directory.DirectoryAdministration;
import dev.gangway.directory.DirectorySummary;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.reporting.SyncStatus;
import dev.gangway.signin.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code /admin/api/directories}: IdP connections and their tokens. */
@Path("directories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DirectoriesResource {
  private DirectoryAdministration administration;
  private SyncStatus syncStatus;

  private GuardReleaseRun release;
  private AccessGuard guard;

  protected DirectoriesResource() {}

  @Inject
  DirectoriesResource(
      DirectoryAdministration administration,
      SyncStatus syncStatus,
      GuardReleaseRun release,
      AccessGuard guard) {
    this.administration = administration;
    this.syncStatus = syncStatus;
    this.release = release;
    this.guard = guard;
  }

  public record NewDirectory(String name, String idp) {}

  /** The mass-deprovisioning guard's settings; in a PATCH, what is left out keeps its value. */
  public record GuardSettings(Boolean enabled, Integer percent, Integer minimum, String window) {
    static GuardSettings of(DirectorySummary d) {
      var g = d.guard();
      return new GuardSettings(g.enabled(), g.percent(), g.minimum(), g.window().toString());
    }
  }

  /** {@code PATCH} body: the fields to change, null leaves one as it is. */
  public record DirectoryChange(String name, GuardSettings guard) {}

  /** A directory as admins see it; {@code token} only in the answer that issued it. */
  public record DirectoryView(
      long id,
      String name,
      String idp,
      String status,
      Instant createdAt,
      Instant tokenIssuedAt,
      String token,
      GuardSettings guard) {
    static DirectoryView of(DirectorySummary d, String token) {
      return new DirectoryView(
          d.id(),
          d.name(),
          d.idp(),
          d.status(),
          d.createdAt(),
          d.tokenIssuedAt(),
          token,
          GuardSettings.of(d));
    }
  }

  @POST
  public Response create(NewDirectory body, @Context UriInfo uri) {
    if (body == null) throw DomainException.invalid("a JSON body {\"name\",\"idp\"} is required");
    DirectoryAdministration.Issued issued = administration.create(body.name(), body.idp());
    return Response.created(
            uri.getAbsolutePathBuilder().path(String.valueOf(issued.directory().id())).build())
        .entity(DirectoryView.of(issued.directory(), issued.token()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  public List<DirectoryView> list() {
    return administration.list().stream().map(d -> DirectoryView.of(d, null)).toList();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{id}")
  public DirectoryView get(@PathParam("id") String id) {
    return DirectoryView.of(administration.get(parseId(id)), null);
  }

  /**
   * Renames a directory (its token, id and data stay) and/or sets its guard ({@code {"guard":
   * {"enabled", "percent", "minimum", "window"}}}); all of it or nothing.
   */
  @PATCH
  @Path("{id}")
  public DirectoryView update(@PathParam("id") String id, DirectoryChange body) {
    Admin.require(body, "{\"name\"?, \"guard\"?}");
    long directory = parseId(id);
    if (body.name() == null && body.guard() == null)
      throw DomainException.invalid("nothing to change: give \"name\" or \"guard\"");
    GuardSettings g = body.guard();
    return DirectoryView.of(
        g == null
            ? administration.rename(directory, body.name())
            : administration.change(
                directory, body.name(), g.enabled(), g.percent(), g.minimum(), g.window()),
        null);
  }

  /** Health, activity, counts, traffic, recent errors and drift of one IdP connection. */
  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{id}/status")
  public SyncStatus.Status status(@PathParam("id") String id) {
    return syncStatus.of(parseId(id));
  }

  /**
   * The users whose revocations the guard holds, the longest held first, with their paths and
   * causes.
   */
  @GET
  @Path("{id}/guard/held")
  public Map<String, Object> held(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
    long directoryId = parseId(id);
    DirectorySummary d = administration.get(directoryId);
    if (limit < 1 || limit > 1000)
      throw DomainException.invalid("limit must be between 1 and 1000");
    var state = guard.state(d.id(), d.guard());
    return Map.of("guard", state, "users", guard.held(directoryId, limit));
  }

  /**
   * What a release applies: every held revocation, or — with {@code heldUpTo} — those of the users
   * held at or before that instant (all their held paths), so that an admin who confirmed a list
   * releases that list and not users held while the confirmation was open.
   */
  public record Release(String heldUpTo) {}

  /** Applies held revocations (audited, announced); answers how many users lost access. */
  @POST
  @Path("{id}/guard/release")
  public Map<String, Object> releaseGuard(@PathParam("id") String id, Release body) {
    long directoryId = parseId(id);
    Instant upTo =
        body == null || body.heldUpTo() == null ? null : instant("heldUpTo", body.heldUpTo());
    int released = release.releaseAll(directoryId, upTo);
    DirectorySummary d = administration.get(directoryId);
    return Map.of("released", released, "guard", guard.state(d.id(), d.guard()));
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  @POST
  @Path("{id}/rotate-token")
  public Response rotate(@PathParam("id") String id) {
    DirectoryAdministration.Issued issued = administration.rotateToken(parseId(id));
    return Response.ok(DirectoryView.of(issued.directory(), issued.token()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("{id}/disable")
  public DirectoryView disable(@PathParam("id") String id) {
    return DirectoryView.of(administration.disable(parseId(id)), null);
  }

  @POST
  @Path("{id}/enable")
  public DirectoryView enable(@PathParam("id") String id) {
    return DirectoryView.of(administration.enable(parseId(id)), null);
  }

  static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw DomainException.notFound("no directory " + id);
    }
  }
}
