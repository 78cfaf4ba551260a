package dev.gangway.admin;

import dev.gangway.access.AccessQueries;
import dev.gangway.company.CompanyAdministration;
import dev.gangway.company.CompanyRepository;
import dev.gangway.company.CompanySummary;
import dev.gangway.company.ReevaluationProgress;
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
import java.util.List;
import java.util.Set;

/** {@code /admin/api/companies}: external companies and their derived company groups. */
@Path("companies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompaniesResource {
  private CompanyAdministration companies;
  private AccessQueries access;

  protected CompaniesResource() {}

  @Inject
  CompaniesResource(CompanyAdministration companies, AccessQueries access) {
    this.companies = companies;
    this.access = access;
  }

  public record NewCompany(String key, String name, List<String> domains) {}

  public record CompanyChange(String name, List<String> domains) {}

  public record CompanyView(
      String key,
      String name,
      Set<String> domains,
      String status,
      long memberCount,
      Instant createdAt,
      Instant retiredAt,
      ReevaluationView reevaluation,
      List<CompanyRepository.MemberRow> members) {}

  /** Progress of placing users again after a change. */
  public record ReevaluationView(
      long id,
      String status,
      long total,
      long done,
      long moved,
      Instant startedAt,
      Instant finishedAt,
      String reason) {
    static ReevaluationView of(ReevaluationProgress r) {
      return r == null
          ? null
          : new ReevaluationView(
              r.id(),
              r.status().name().toLowerCase(),
              r.total(),
              r.done(),
              r.moved(),
              r.startedAt(),
              r.finishedAt(),
              r.reason());
    }
  }

  @POST
  public Response create(NewCompany body, @Context UriInfo uri) {
    Admin.require(body, "{\"key\",\"name\",\"domains\"}");
    var created = companies.create(body.key(), body.name(), body.domains());
    return Response.created(uri.getAbsolutePathBuilder().path(created.subject().key()).build())
        .entity(view(created.subject(), created.reevaluation(), null))
        .build();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  public List<CompanyView> list() {
    return companies.list().stream().map(c -> view(c, null, null)).toList();
  }

  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{key}")
  public CompanyView get(
      @PathParam("key") String key,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return view(
        companies.get(key), null, companies.members(key, Math.max(0, offset), Admin.limit(limit)));
  }

  @PATCH
  @Path("{key}")
  public CompanyView update(@PathParam("key") String key, CompanyChange body) {
    Admin.require(body, "{\"name\"} and/or {\"domains\"}");
    var changed = companies.update(key, body.name(), body.domains());
    return view(changed.subject(), changed.reevaluation(), null);
  }

  /**
   * What retiring a company would do, before it is done: its members leave its group, and the roles
   * only its bindings grant are revoked. Changes nothing.
   */
  @GET
  @Path("{key}/retire-preview")
  public RetirePreview retirePreview(
      @PathParam("key") String key, @QueryParam("limit") @DefaultValue("100") int limit) {
    CompanySummary c = companies.get(key);
    List<Long> bindings = access.bindingsOfCompany(c.id());
    return new RetirePreview(
        c.key(),
        c.status().name().toLowerCase(),
        c.memberCount(),
        bindings.size(),
        access.withoutBindings(bindings, Admin.limit(limit)));
  }

  public record RetirePreview(
      String company, String status, long members, long bindings, AccessQueries.Impact revokes) {}

  @POST
  @Path("{key}/retire")
  public CompanyView retire(@PathParam("key") String key) {
    var changed = companies.retire(key);
    return view(changed.subject(), changed.reevaluation(), null);
  }

  private static CompanyView view(
      CompanySummary c, ReevaluationProgress r, List<CompanyRepository.MemberRow> members) {
    return new CompanyView(
        c.key(),
        c.name(),
        c.domains(),
        c.status().name().toLowerCase(),
        c.memberCount(),
        c.createdAt(),
        c.retiredAt(),
        ReevaluationView.of(r),
        members);
  }
}
