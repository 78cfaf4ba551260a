package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.identity.GroupProfile;
import dev.gangway.identity.GroupProvisioning;
import dev.gangway.identity.GroupProvisioning.GroupChange;
import dev.gangway.identity.GroupSnapshot;
import dev.gangway.identity.MemberChange;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;

/**
 * {@code /Groups} (RFC 7644 §3), the same pipeline as {@link ScimUsers}: authenticated directory,
 * body and query checked against {@code scim-schemas/}, {@link GroupProvisioning}, the group's
 * document ({@link GroupJson}), the answer ({@link ScimAnswer}). Members are loaded only when the
 * answer shows them. PATCH operations on {@code members} become row inserts and deletes ({@link
 * MemberChange}), never a load of the member list; the rest is applied to the group's own
 * attributes. A PATCH is answered 204 unless the request names a projection (RFC 7644 §3.5.2 allows
 * it; Entra prefers it, and it spares a large group's member list).
 */
@Path("Groups")
@ApplicationScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimGroups {
  private static final String ENDPOINT = "groups";
  private static final JsonPatch PATCH = new JsonPatch(ScimSchema.GROUPS);

  private GroupProvisioning provisioning;
  private CurrentDirectory directory;

  protected ScimGroups() {}

  @Inject
  ScimGroups(GroupProvisioning provisioning, CurrentDirectory directory) {
    this.provisioning = provisioning;
    this.directory = directory;
  }

  @GET
  public Response list(@Context UriInfo uri) {
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    Page<ObjectNode> found =
        documents(ScimAnswer.baseUri(uri), query.resourceQuery(), query.membersWanted());
    return ScimAnswer.list(found, query.firstIndex(), query.projection(ScimSchema.GROUPS));
  }

  @POST
  @Path(".search")
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response search(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ScimQuery query = ScimQuery.ofSearch(ENDPOINT, ScimBody.read(body, length));
    Page<ObjectNode> found =
        documents(ScimAnswer.baseUri(uri), query.resourceQuery(), query.membersWanted());
    return ScimAnswer.list(found, query.firstIndex(), query.projection(ScimSchema.GROUPS));
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
    ObjectNode group =
        GroupJson.toJson(
            provisioning.get(directory.get(), id, query.membersWanted()), ScimAnswer.baseUri(uri));
    return ScimAnswer.read(group, ifNoneMatch, query.projection(ScimSchema.GROUPS));
  }

  @POST
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response create(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ObjectNode sent = ScimBody.read(body, length);
    ScimQuery query = ScimQuery.of(ENDPOINT, uri.getQueryParameters());
    ObjectNode group = create(ScimAnswer.baseUri(uri), sent, query.membersWanted());
    return ScimAnswer.resource(201, group, query.projection(ScimSchema.GROUPS));
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
    ObjectNode group =
        replace(
            ScimAnswer.baseUri(uri), id, ScimMeta.parseEtag(ifMatch), sent, query.membersWanted());
    return ScimAnswer.resource(200, group, query.projection(ScimSchema.GROUPS));
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
    boolean answerWithGroup = query.projectionRequested();
    ObjectNode group =
        patch(
            ScimAnswer.baseUri(uri),
            id,
            ScimMeta.parseEtag(ifMatch),
            JsonPatch.operations(sent),
            answerWithGroup && query.membersWanted());
    return answerWithGroup
        ? ScimAnswer.resource(200, group, query.projection(ScimSchema.GROUPS))
        : ScimAnswer.noContent(group);
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
  ObjectNode create(String baseUri, ObjectNode body, boolean returnMembers) {
    RequestValidation.schemas(ScimSchema.GROUPS, body);
    ObjectNode doc = RequestValidation.check(ScimSchema.GROUPS, body, null);
    GroupProfile profile = GroupJson.toProfile(doc);
    List<String> members = GroupJson.memberIds(doc);
    return GroupJson.toJson(
        Retry.transaction(
            () -> provisioning.create(directory.get(), profile, members, returnMembers)),
        baseUri);
  }

  /** PUT: the member list given becomes the member list (as a difference of rows). */
  ObjectNode replace(
      String baseUri, String id, Long expectedVersion, ObjectNode body, boolean returnMembers) {
    RequestValidation.schemas(ScimSchema.GROUPS, body);
    ObjectNode doc = RequestValidation.check(ScimSchema.GROUPS, body, null);
    GroupProfile profile = GroupJson.toProfile(doc);
    List<String> members = GroupJson.memberIds(doc);
    return GroupJson.toJson(
        Retry.transaction(
            () ->
                provisioning.replace(
                    directory.get(), id, expectedVersion, profile, members, returnMembers)),
        baseUri);
  }

  /**
   * PATCH: operations on members become row inserts and deletes, never a load of the member list;
   * the others apply to a copy of the group's own attributes, checked like a PUT.
   */
  ObjectNode patch(
      String baseUri,
      String id,
      Long expectedVersion,
      List<JsonPatch.Operation> ops,
      boolean returnMembers) {
    List<JsonPatch.Operation> own = new ArrayList<>();
    List<MemberChange> members = new ArrayList<>();
    for (JsonPatch.Operation op : ops) split(op, own, members);
    return GroupJson.toJson(
        Retry.transaction(
            () ->
                provisioning.modify(
                    directory.get(),
                    id,
                    expectedVersion,
                    group -> {
                      if (own.isEmpty()) return new GroupChange(null, members);
                      ObjectNode before = GroupJson.toJson(new GroupSnapshot(group, null), baseUri);
                      return new GroupChange(
                          GroupJson.toProfile(
                              RequestValidation.check(
                                  ScimSchema.GROUPS, PATCH.apply(before, own), before)),
                          members);
                    },
                    returnMembers)),
        baseUri);
  }

  void delete(String id, Long expectedVersion) {
    Retry.transaction(
        () -> {
          provisioning.delete(directory.get(), id, expectedVersion);
          return null;
        });
  }

  /** A page of matching groups as their documents. */
  Page<ObjectNode> documents(String baseUri, ResourceQuery query, boolean withMembers) {
    Page<GroupSnapshot> found = provisioning.search(directory.get(), query, withMembers);
    return new Page<>(
        found.items().stream().map(g -> GroupJson.toJson(g, baseUri)).toList(), found.total());
  }

  /** Sorts one operation into membership changes and changes of the group's own attributes. */
  private static void split(
      JsonPatch.Operation op, List<JsonPatch.Operation> own, List<MemberChange> members) {
    if (op.path() != null && !op.path().isBlank()) {
      JsonPatch.Target t = JsonPatch.parsePath(op.path());
      boolean core = t.urn() == null || t.urn().equalsIgnoreCase(ScimSchema.GROUP);
      if (core && "members".equalsIgnoreCase(t.attribute())) {
        members.addAll(memberChanges(op.op(), t, op.value()));
      } else {
        own.add(op);
      }
      return;
    }
    JsonNode value = op.value();
    if (value == null || !value.isObject()) {
      own.add(op);
      return;
    }
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equalsIgnoreCase("members")) {
        members.addAll(
            memberChanges(
                op.op(), new JsonPatch.Target(null, "members", null, null), f.getValue()));
      } else {
        rest.set(f.getKey(), f.getValue());
      }
    }
    if (!rest.isEmpty()) own.add(new JsonPatch.Operation(op.op(), null, rest));
  }

  static List<MemberChange> memberChanges(String op, JsonPatch.Target t, JsonNode value) {
    String o = op == null ? "" : op.toLowerCase();
    List<MemberChange> out = new ArrayList<>();
    if (t.sub() != null) {
      throw new DomainException(
          Kind.INVALID_PATH, "members." + t.sub() + " cannot be patched; add or remove members");
    }
    if (t.filter() != null) {
      if (!o.equals("remove")) {
        throw new DomainException(
            Kind.INVALID_PATH, "a members[...] filter applies to remove only");
      }
      List<String> ids = new ArrayList<>();
      if (!valueEqualities(t.filter(), ids)) {
        throw new DomainException(
            Kind.INVALID_FILTER,
            "members can be selected by value only: members[value eq \"id\"] (or several joined by or)");
      }
      ids.forEach(id -> out.add(MemberChange.remove(id)));
      return out;
    }
    List<JsonNode> listed = new ArrayList<>();
    if (value != null && !value.isNull()) {
      if (value.isArray()) value.forEach(listed::add);
      else listed.add(value);
    }
    switch (o) {
      case "add" -> listed.forEach(v -> out.add(MemberChange.add(GroupJson.memberId(v))));
      case "replace" -> {
        out.add(MemberChange.removeAll());
        listed.forEach(v -> out.add(MemberChange.add(GroupJson.memberId(v))));
      }
      case "remove" -> {
        if (listed.isEmpty()) out.add(MemberChange.removeAll());
        else
          listed.forEach(
              v -> out.add(MemberChange.remove(GroupJson.memberId(v)))); // Entra: only these
      }
      default ->
          throw new DomainException(Kind.INVALID, "op '" + op + "' is not add, replace or remove");
    }
    return out;
  }

  private static boolean valueEqualities(FilterExpression f, List<String> ids) {
    if (f instanceof AttributeComparisonExpression c
        && c.getOperation() == CompareOperator.EQ
        && "value"
            .equalsIgnoreCase(
                c.getAttributePath().getSubAttributeName() != null
                    ? c.getAttributePath().getSubAttributeName()
                    : c.getAttributePath().getAttributeName())
        && c.getCompareValue() != null) {
      ids.add(String.valueOf(c.getCompareValue()));
      return true;
    }
    return f instanceof LogicalExpression l
        && l.getOperator() == LogicalOperator.OR
        && valueEqualities(l.getLeft(), ids)
        && valueEqualities(l.getRight(), ids);
  }
}
