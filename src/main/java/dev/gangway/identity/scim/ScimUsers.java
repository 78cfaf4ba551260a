package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.UserProfile;
import dev.gangway.identity.UserProvisioning;
import dev.gangway.identity.UserSnapshot;
import dev.gangway.platform.persistence.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.apache.directory.scim.protocol.Constants;

/**
 * {@code /Users} (RFC 7644 §3): each method is the whole pipeline of its request, in order — the
 * directory was authenticated before ({@link ScimAuthenticationFilter}); the body is read and
 * checked ({@link ScimBody}, then {@link RequestValidation} against {@code scim-schemas/}), the
 * query string too ({@link ScimQuery}); {@link UserProvisioning} runs the use case; the user
 * becomes its document ({@link UserJson}) and the answer ({@link ScimAnswer}, projected by {@link
 * Projection}). Failures become SCIM errors in {@link ScimErrors}. /Bulk and the root /.search run
 * the same steps through the package-private methods.
 */
@Path("Users")
@ApplicationScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimUsers {
  private static final String ENDPOINT = "users";
  private static final JsonPatch PATCH = new JsonPatch(ScimSchema.USERS);

  private UserProvisioning provisioning;
  private CurrentDirectory directory;

  protected ScimUsers() {}

  @Inject
  ScimUsers(UserProvisioning provisioning, CurrentDirectory directory) {
    this.provisioning = provisioning;
    this.directory = directory;
  }

  @GET
  public Response list(@Context UriInfo uri) {
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    Page<ObjectNode> found = documents(ScimAnswer.baseUri(uri), query.resourceQuery());
    return ScimAnswer.list(found, query.firstIndex(), query.projection(ScimSchema.USERS));
  }

  @POST
  @Path(".search")
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response search(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ScimQuery query = ScimQuery.ofSearch(ENDPOINT, ScimBody.read(body, length));
    Page<ObjectNode> found = documents(ScimAnswer.baseUri(uri), query.resourceQuery());
    return ScimAnswer.list(found, query.firstIndex(), query.projection(ScimSchema.USERS));
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @Context UriInfo uri) {
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    if (query.filter() != null)
      return ScimErrors.response(403, null, "Forbidden"); // RFC 7644 §3.4.2: lists only
    ObjectNode user =
        UserJson.toJson(provisioning.get(directory.get(), id), ScimAnswer.baseUri(uri));
    return ScimAnswer.read(user, ifNoneMatch, query.projection(ScimSchema.USERS));
  }

  @POST
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response create(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ObjectNode sent = ScimBody.read(body, length);
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    ObjectNode user = create(ScimAnswer.baseUri(uri), sent);
    return ScimAnswer.resource(201, user, query.projection(ScimSchema.USERS));
  }

  @PUT
  @Path("{id}")
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response replace(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context UriInfo uri) {
    ObjectNode sent = ScimBody.read(body, length);
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    ObjectNode user = replace(ScimAnswer.baseUri(uri), id, ScimMeta.parseEtag(ifMatch), sent);
    return ScimAnswer.resource(200, user, query.projection(ScimSchema.USERS));
  }

  @PATCH
  @Path("{id}")
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response patch(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context UriInfo uri) {
    ObjectNode sent = ScimBody.read(body, length);
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    ObjectNode user =
        patch(ScimAnswer.baseUri(uri), id, ScimMeta.parseEtag(ifMatch), JsonPatch.operations(sent));
    return ScimAnswer.resource(200, user, query.projection(ScimSchema.USERS));
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context UriInfo uri) {
    ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    delete(id, ScimMeta.parseEtag(ifMatch));
    return Response.noContent().build();
  }

  /** POST: the document as the client sent it, checked against the schema files. */
  ObjectNode create(String baseUri, ObjectNode body) {
    RequestValidation.schemas(ScimSchema.USERS, body);
    UserProfile profile = UserJson.toProfile(RequestValidation.check(ScimSchema.USERS, body, null));
    return UserJson.toJson(
        Retry.transaction(() -> provisioning.create(directory.get(), profile)), baseUri);
  }

  /** PUT: what the document leaves out is cleared; read-only attributes are ignored. */
  ObjectNode replace(String baseUri, String id, Long expectedVersion, ObjectNode body) {
    RequestValidation.schemas(ScimSchema.USERS, body);
    return UserJson.toJson(
        Retry.transaction(
            () ->
                provisioning.modify(
                    directory.get(),
                    id,
                    expectedVersion,
                    current ->
                        UserJson.toProfile(
                            RequestValidation.check(
                                ScimSchema.USERS, body, UserJson.toJson(current, baseUri))))),
        baseUri);
  }

  /** PATCH: all operations on a copy of the stored document, the result checked like a PUT. */
  ObjectNode patch(String baseUri, String id, Long expectedVersion, List<JsonPatch.Operation> ops) {
    return UserJson.toJson(
        Retry.transaction(
            () ->
                provisioning.modify(
                    directory.get(),
                    id,
                    expectedVersion,
                    current -> {
                      ObjectNode before = UserJson.toJson(current, baseUri);
                      return UserJson.toProfile(
                          RequestValidation.check(
                              ScimSchema.USERS, PATCH.apply(before, ops), before));
                    })),
        baseUri);
  }

  void delete(String id, Long expectedVersion) {
    Retry.transaction(
        () -> {
          provisioning.delete(directory.get(), id, expectedVersion);
          return null;
        });
  }

  /** A page of matching users as their documents. */
  Page<ObjectNode> documents(String baseUri, ResourceQuery query) {
    Page<UserSnapshot> found = provisioning.search(directory.get(), query);
    return new Page<>(
        found.items().stream().map(u -> UserJson.toJson(u, baseUri)).toList(), found.total());
  }
}
