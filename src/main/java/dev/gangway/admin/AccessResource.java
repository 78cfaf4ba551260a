package dev.gangway.admin;

import dev.gangway.access.AccessQueries;
import dev.gangway.access.ProjectAdministration;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.signin.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** History of access ({@code /access-events}) and licence pools ({@code /licence-pools}). */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessResource {
  private AccessQueries access;
  private ProjectAdministration projects;

  protected AccessResource() {}

  @Inject
  AccessResource(AccessQueries access, ProjectAdministration projects) {
    this.access = access;
    this.projects = projects;
  }

  public record EventView(
      long id,
      Instant at,
      String kind,
      String userId,
      String userName,
      String project,
      String role,
      String viaType,
      String via,
      long bindingId,
      String cause) {
    static EventView of(AccessQueries.Event e) {
      return new EventView(
          e.id(),
          e.at(),
          e.kind().name().toLowerCase(),
          e.userId(),
          e.userName(),
          e.project(),
          e.role(),
          e.viaType().name().toLowerCase(),
          e.via(),
          e.bindingId(),
          e.cause());
    }
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("access-events")
  public List<EventView> events(
      @QueryParam("user") String user,
      @QueryParam("project") String project,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return access
        .events(user, project, instant("from", from), instant("to", to), Admin.limit(limit))
        .stream()
        .map(EventView::of)
        .toList();
  }

  public record PoolLimit(Integer seats) {}

  public record PoolView(String key, Integer seats, long used) {}

  @PUT
  @Path("licence-pools/{key}")
  public PoolView limit(@PathParam("key") String key, PoolLimit body) {
    Admin.require(body, "{\"seats\": n} (null for no limit)");
    var pool = projects.limitPool(key, body.seats());
    return new PoolView(pool.key(), pool.seats(), pool.used());
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("licence-pools")
  public List<PoolView> pools() {
    return projects.pools().stream().map(p -> new PoolView(p.key(), p.seats(), p.used())).toList();
  }

  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          name + " must be an instant like 2026-01-31T12:00:00Z, not '" + value + "'");
    }
  }
}
