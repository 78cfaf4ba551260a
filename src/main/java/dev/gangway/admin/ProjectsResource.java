package dev.gangway.admin;

import dev.gangway.access.AccessQueries;
import dev.gangway.access.Binding;
import dev.gangway.access.ProjectAdministration;
import dev.gangway.access.ProjectSummary;
import dev.gangway.signin.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import java.util.List;

/** {@code /admin/api/projects}: projects, roles, bindings and who has access. */
@Path("projects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectsResource {
  private ProjectAdministration projects;
  private AccessQueries access;

  protected ProjectsResource() {}

  @Inject
  ProjectsResource(ProjectAdministration projects, AccessQueries access) {
    this.projects = projects;
    this.access = access;
  }

  public record NewProject(String key, String name) {}

  public record NewRole(String name, String licencePool) {}

  public record NewBinding(String role, String group, String company) {}

  public record RoleView(String name, String licencePool) {}

  public record ProjectView(String key, String name, Instant createdAt, List<RoleView> roles) {}

  public record Subject(String type, String id, String name) {}

  public record LeftOut(long count, List<String> users) {}

  public record BindingView(
      long id,
      String project,
      String role,
      Subject subject,
      String licencePool,
      Instant createdAt,
      long granted,
      LeftOut leftOut) {
    static BindingView of(ProjectAdministration.BindingReport r) {
      boolean group = r.subjectType() == Binding.SubjectType.GROUP;
      return new BindingView(
          r.id(),
          r.projectKey(),
          r.role(),
          new Subject(
              group ? "group" : "company",
              group ? r.subjectRef() : r.subjectName(),
              r.subjectName()),
          r.poolKey(),
          r.createdAt(),
          r.granted(),
          new LeftOut(r.leftOutCount(), r.leftOut()));
    }
  }

  @POST
  public Response create(NewProject body, @Context UriInfo uri) {
    Admin.require(body, "{\"key\",\"name\"}");
    ProjectSummary p = projects.create(body.key(), body.name());
    return Response.created(uri.getAbsolutePathBuilder().path(p.key()).build())
        .entity(view(p))
        .build();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  public List<ProjectView> list() {
    return projects.list().stream().map(ProjectsResource::view).toList();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{key}")
  public ProjectView get(@PathParam("key") String key) {
    return view(projects.get(key));
  }

  @POST
  @Path("{key}/roles")
  public Response addRole(@PathParam("key") String key, NewRole body, @Context UriInfo uri) {
    Admin.require(body, "{\"name\",\"licencePool\"}");
    ProjectSummary.RoleSummary role = projects.addRole(key, body.name(), body.licencePool());
    return Response.status(201).entity(new RoleView(role.name(), role.licencePool())).build();
  }

  /** Binds a group or a company to a role: {"role","group"} or {"role","company"}. */
  @POST
  @Path("{key}/bindings")
  public Response bind(@PathParam("key") String key, NewBinding body, @Context UriInfo uri) {
    Admin.require(body, "{\"role\",\"group\"} or {\"role\",\"company\"}");
    var report = projects.bind(key, body.role(), body.group(), body.company());
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(report.id())).build())
        .entity(BindingView.of(report))
        .build();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{key}/bindings")
  public List<BindingView> bindings(@PathParam("key") String key) {
    return projects.bindings(key).stream().map(BindingView::of).toList();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{key}/bindings/{id}")
  public BindingView binding(@PathParam("key") String key, @PathParam("id") long id) {
    return BindingView.of(projects.binding(key, id));
  }

  /**
   * What removing a binding would revoke (who loses which role), before it is removed; changes
   * nothing.
   */
  @GET
  @Path("{key}/bindings/{id}/removal-preview")
  public RemovalPreview removalPreview(
      @PathParam("key") String key,
      @PathParam("id") long id,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    BindingView binding = BindingView.of(projects.binding(key, id));
    return new RemovalPreview(binding, access.withoutBindings(List.of(id), Admin.limit(limit)));
  }

  public record RemovalPreview(BindingView binding, AccessQueries.Impact revokes) {}

  @DELETE
  @Path("{key}/bindings/{id}")
  public Response unbind(@PathParam("key") String key, @PathParam("id") long id) {
    projects.unbind(key, id);
    return Response.noContent().build();
  }

  /**
   * Everyone with a role in the project, why, and since when; a page of users at a time: follow
   * {@code next} with {@code after=} (cheap at any depth), or use {@code offset=}.
   */
  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{key}/access")
  public AccessQueries.ProjectAccess access(
      @PathParam("key") String key,
      @QueryParam("after") String after,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return access.project(key, after, Math.max(0, offset), Admin.limit(limit));
  }

  private static ProjectView view(ProjectSummary p) {
    return new ProjectView(
        p.key(),
        p.name(),
        p.createdAt(),
        p.roles().stream().map(r -> new RoleView(r.name(), r.licencePool())).toList());
  }
}
