package dev.gangway.admin;

import dev.gangway.directory.Directory;
import dev.gangway.directory.DirectoryAdministration;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.util.List;

/** {@code /admin/api/directories}: IdP connections and their tokens. */
@Path("directories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DirectoriesResource {
  @Inject DirectoryAdministration administration;
  @Inject dev.gangway.audit.SyncStatus syncStatus;

  public record NewDirectory(String name, String idp) {}

  /** {@code PATCH} body: the fields to change, null leaves one as it is. (The guard settings join here.) */
  public record DirectoryChange(String name) {}

  /** A directory as admins see it; {@code token} only in the answer that issued it. */
  public record DirectoryView(long id, String name, String idp, String status, Instant createdAt,
                              Instant tokenIssuedAt, String token) {
    static DirectoryView of(Directory d, String token) {
      return new DirectoryView(d.id(), d.name(), d.idp().key(), d.status().name().toLowerCase(),
          d.createdAt(), d.tokenIssuedAt(), token);
    }
  }

  @POST
  public Response create(NewDirectory body, @Context UriInfo uri) {
    if (body == null) throw DomainException.invalid("a JSON body {\"name\",\"idp\"} is required");
    DirectoryAdministration.Issued issued = administration.create(body.name(), body.idp());
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(issued.directory().id())).build())
        .entity(DirectoryView.of(issued.directory(), issued.token()))
        .header("Cache-Control", "no-store").build();
  }

  @GET @MinimumRole(dev.gangway.signin.Role.VIEWER)
  public List<DirectoryView> list() {
    return administration.list().stream().map(d -> DirectoryView.of(d, null)).toList();
  }

  @GET @MinimumRole(dev.gangway.signin.Role.VIEWER) @Path("{id}")
  public DirectoryView get(@PathParam("id") String id) {
    return DirectoryView.of(administration.get(parseId(id)), null);
  }

  /** Renames a directory; its token, id and data stay. */
  @PATCH @Path("{id}")
  public DirectoryView update(@PathParam("id") String id, DirectoryChange body) {
    Admin.require(body, "{\"name\"}");
    long directory = parseId(id);
    if (body.name() == null) throw DomainException.invalid("nothing to change: give \"name\"");
    return DirectoryView.of(administration.rename(directory, body.name()), null);
  }

  /** Health, activity, counts, traffic, recent errors and drift of one IdP connection. */
  @GET @MinimumRole(dev.gangway.signin.Role.VIEWER) @Path("{id}/status")
  public dev.gangway.audit.SyncStatus.Status status(@PathParam("id") String id) {
    return syncStatus.of(parseId(id));
  }

  @POST @Path("{id}/rotate-token")
  public Response rotate(@PathParam("id") String id) {
    DirectoryAdministration.Issued issued = administration.rotateToken(parseId(id));
    return Response.ok(DirectoryView.of(issued.directory(), issued.token()))
        .header("Cache-Control", "no-store").build();
  }

  @POST @Path("{id}/disable")
  public DirectoryView disable(@PathParam("id") String id) {
    return DirectoryView.of(administration.disable(parseId(id)), null);
  }

  @POST @Path("{id}/enable")
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
