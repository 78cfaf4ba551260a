package dev.gangway.admin;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.webhook.WebhookAdministration;
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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/webhooks}: subscriptions to signed access events, their deliveries, replays.
 */
@Path("webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhooksResource {
  private WebhookAdministration administration;

  protected WebhooksResource() {}

  @Inject
  WebhooksResource(WebhookAdministration administration) {
    this.administration = administration;
  }

  public record NewWebhook(String url, List<String> events, String project) {}

  /** The answer to a create: the subscription and, this once, its secret. */
  public record CreatedView(
      long id, String url, List<String> events, String project, Instant createdAt, String secret) {}

  public record Replay(String from) {}

  @POST
  public Response create(NewWebhook body, @Context UriInfo uri) {
    if (body == null)
      throw DomainException.invalid("a JSON body {\"url\", \"events\"?, \"project\"?} is required");
    WebhookAdministration.Created c =
        administration.create(body.url(), body.events(), body.project());
    var s = c.subscription();
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(s.id())).build())
        .entity(
            new CreatedView(s.id(), s.url(), s.events(), s.project(), s.createdAt(), c.secret()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  public List<WebhookAdministration.View> list() {
    return administration.list();
  }

  @GET
  @Path("{id}")
  public WebhookAdministration.View get(@PathParam("id") String id) {
    return administration.get(parseId(id));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    administration.delete(parseId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/deliveries")
  public Map<String, Object> deliveries(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000)
      throw DomainException.invalid("limit must be between 1 and 1000");
    return Map.of("deliveries", administration.deliveries(parseId(id), limit));
  }

  @POST
  @Path("{id}/replay")
  public Response replay(@PathParam("id") String id, Replay body) {
    if (body == null || body.from() == null)
      throw DomainException.invalid("a JSON body {\"from\": \"<instant>\"} is required");
    Instant from;
    try {
      from = Instant.parse(body.from());
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          "from must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
    return Response.accepted(Map.of("replayFrom", administration.replay(parseId(id), from)))
        .build();
  }

  static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw DomainException.notFound("no webhook " + id);
    }
  }
}
