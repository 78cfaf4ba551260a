package dev.gangway.admin;

import dev.gangway.company.CompanyAdministration;
import dev.gangway.company.IssueSummary;
import dev.gangway.company.MappingRule;
import dev.gangway.company.ReevaluationProgress;
import dev.gangway.company.Reevaluations;
import dev.gangway.company.RuleAttribute;
import dev.gangway.company.RuleCondition;
import dev.gangway.company.RuleEvaluator;
import dev.gangway.company.RuleSummary;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Locale;

/**
 * Mapping rules ({@code /mapping-rules}, with a dry-run {@code /mapping-rules/preview}), the users
 * they could not place ({@code /mapping-issues}) and re-evaluations ({@code /reevaluations}).
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MappingResource {
  private CompanyAdministration companies;
  private Reevaluations reevaluations;

  protected MappingResource() {}

  @Inject
  MappingResource(CompanyAdministration companies, Reevaluations reevaluations) {
    this.companies = companies;
    this.reevaluations = reevaluations;
  }

  /** {@code {"attribute","equals"}} or {@code {"groupName"}} (a pattern with {@code *}). */
  public record When(String attribute, String equals, String groupName) {
    RuleCondition condition() {
      if (groupName != null && attribute == null && equals == null)
        return RuleCondition.groupName(groupName);
      if (groupName == null && attribute != null)
        return RuleCondition.attribute(RuleAttribute.of(attribute), equals);
      throw DomainException.invalid(
          "\"when\" is {\"attribute\": …, \"equals\": …} or {\"groupName\": \"pattern*\"}");
    }
  }

  public record NewRule(Integer priority, When when, String company) {
    RuleCondition condition() {
      if (when == null) throw DomainException.invalid("\"when\" is required");
      if (company == null) throw DomainException.invalid("\"company\" (a company key) is required");
      return when.condition();
    }

    int priorityOrDefault() {
      return priority == null ? 100 : priority;
    }
  }

  public record RuleView(
      long id,
      int priority,
      When when,
      String company,
      Instant createdAt,
      CompaniesResource.ReevaluationView reevaluation) {}

  @POST
  @Path("mapping-rules")
  public Response add(NewRule body, @Context UriInfo uri) {
    Admin.require(body, "{\"priority\",\"when\",\"company\"}");
    var added = companies.addRule(body.priorityOrDefault(), body.condition(), body.company());
    return Response.created(
            uri.getAbsolutePathBuilder().path(String.valueOf(added.subject().id())).build())
        .entity(view(added.subject(), added.reevaluation()))
        .build();
  }

  @GET
  @Path("mapping-rules")
  public List<RuleView> list() {
    return companies.rules().stream().map(r -> view(r, null)).toList();
  }

  @GET
  @Path("mapping-rules/{id}")
  public RuleView get(@PathParam("id") long id) {
    return view(companies.rule(id), null);
  }

  @DELETE
  @Path("mapping-rules/{id}")
  public RuleView delete(@PathParam("id") long id) {
    var deleted = companies.deleteRule(id);
    return view(deleted.subject(), deleted.reevaluation());
  }

  public record RuleChange(Integer priority) {}

  /** Moves a rule in the order ({@code {"priority"}}); the users it matches are placed again. */
  @PATCH
  @Path("mapping-rules/{id}")
  public RuleView update(@PathParam("id") long id, RuleChange body) {
    Admin.require(body, "{\"priority\"}");
    if (body.priority() == null) throw DomainException.invalid("priority is required");
    var changed = companies.reprioritize(id, body.priority());
    return view(changed.subject(), changed.reevaluation());
  }

  /** Who would move if the rule were saved; saves nothing. */
  @POST
  @Path("mapping-rules/preview")
  public CompanyAdministration.Preview preview(NewRule body) {
    Admin.require(body, "{\"priority\",\"when\",\"company\"}");
    return companies.preview(body.priorityOrDefault(), body.condition(), body.company());
  }

  public record IssueView(
      String userId, long directoryId, String kind, String detail, Instant since) {}

  public record IssuesView(long total, List<IssueView> items) {}

  @GET
  @Path("mapping-issues")
  public IssuesView issues(
      @QueryParam("kind") String kind,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    RuleEvaluator.Placement.Issue k = null;
    if (kind != null) {
      try {
        k = RuleEvaluator.Placement.Issue.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw DomainException.invalid("kind is conflict or unmatched, not '" + kind + "'");
      }
    }
    var issues = companies.issues(k, Math.max(0, offset), Admin.limit(limit));
    return new IssuesView(
        issues.total(), issues.items().stream().map(MappingResource::view).toList());
  }

  @GET
  @Path("reevaluations/{id}")
  public CompaniesResource.ReevaluationView reevaluation(@PathParam("id") long id) {
    return CompaniesResource.ReevaluationView.of(reevaluations.get(id));
  }

  private static RuleView view(RuleSummary r, ReevaluationProgress re) {
    RuleCondition c = r.condition();
    When when =
        c.kind() == MappingRule.Kind.ATTRIBUTE
            ? new When(c.attribute().canonical(), c.value(), null)
            : new When(null, null, c.value());
    return new RuleView(
        r.id(),
        r.priority(),
        when,
        r.company(),
        r.createdAt(),
        CompaniesResource.ReevaluationView.of(re));
  }

  private static IssueView view(IssueSummary i) {
    return new IssueView(
        i.userId(),
        i.directoryId(),
        i.kind().name().toLowerCase(Locale.ROOT),
        i.detail(),
        i.since());
  }
}
