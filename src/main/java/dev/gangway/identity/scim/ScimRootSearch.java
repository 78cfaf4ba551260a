package dev.gangway.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.jpa.FilterRepair;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.protocol.data.ListResponse;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * {@code POST /.search} at the root (RFC 7644 §3.4.3): the body's filter over users and groups
 * alike. Each type answers the filter narrowed to its own attributes ({@link ResourceTypeFilter});
 * the matches are users then groups, each in their stable order (or by {@code sortBy} where the
 * type has that attribute); {@code startIndex} and {@code count} page the merged list and
 * {@code totalResults} is the sum. {@code attributes}/{@code excludedAttributes} (taken out of
 * the body by {@link ScimRequestFilter}) apply to each type as on /Users and /Groups; a name only
 * the other type has is ignored for this one.
 */
@Path(".search")
@RequestScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimRootSearch {
  private static final ObjectMapper PARSER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<ScimSchema> TYPES = List.of(ScimSchema.USERS, ScimSchema.GROUPS);

  private ScimUserAdapter users;
  private ScimGroupAdapter groups;
  private ScimRequest request;

  protected ScimRootSearch() {}

  @Inject
  ScimRootSearch(ScimUserAdapter users, ScimGroupAdapter groups, ScimRequest request) {
    this.users = users;
    this.groups = groups;
    this.request = request;
  }

  @POST
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response search(String body) {
    JsonNode doc;
    try {
      doc = body == null || body.isBlank() ? JSON.objectNode() : PARSER.readTree(body);
    } catch (JsonProcessingException e) {
      return ScimErrors.response(400, ErrorMessageType.INVALID_SYNTAX, "the search request is not JSON");
    }
    if (!doc.isObject()) {
      return ScimErrors.response(400, ErrorMessageType.INVALID_SYNTAX, "a search request is a JSON object");
    }
    try {
      return Response.ok(answer(doc)).build();
    } catch (RuntimeException e) {
      return ScimErrors.of(e);
    }
  }

  private ObjectNode answer(JsonNode doc) {
    FilterExpression filter = filter(doc.get("filter"));
    int startIndex = Math.max(1, integer(doc, "startIndex", 1));
    int count = Math.max(0, Math.min(integer(doc, "count", ScimApplication.DEFAULT_COUNT), ScimApplication.MAX_RESULTS));
    AttributeReference sortBy = sortBy(doc.get("sortBy"));
    boolean descending = descending(doc.get("sortOrder"));
    for (String name : request.attributes()) known(name, "attributes");
    for (String name : request.excludedAttributes()) known(name, "excludedAttributes");

    // Users first, then groups: the groups' window starts where the users' matches end.
    int offset = startIndex - 1;
    ResourceTypeFilter.Narrowed userFilter = ResourceTypeFilter.narrow(filter, ScimSchema.USERS);
    ResourceTypeFilter.Narrowed groupFilter = ResourceTypeFilter.narrow(filter, ScimSchema.GROUPS);
    Page<ObjectNode> u = userFilter.none() ? new Page<>(List.of(), 0)
        : users.documents(new ResourceQuery(userFilter.query(), sortFor(ScimSchema.USERS, sortBy), descending, offset, count));
    int left = count - u.items().size();
    int groupOffset = (int) Math.max(0, offset - u.total());
    Page<ObjectNode> g = groupFilter.none() ? new Page<>(List.of(), 0)
        : groups.documents(new ResourceQuery(groupFilter.query(), sortFor(ScimSchema.GROUPS, sortBy), descending,
            groupOffset, left), request.membersWanted());

    ArrayNode resources = JSON.arrayNode();
    Projection userProjection = projection(ScimSchema.USERS);
    Projection groupProjection = projection(ScimSchema.GROUPS);
    u.items().forEach(d -> resources.add(userProjection.apply(d)));
    g.items().forEach(d -> resources.add(groupProjection.apply(d)));
    ObjectNode out = JSON.objectNode();
    out.putArray("schemas").add(ListResponse.SCHEMA_URI);
    out.put("totalResults", u.total() + g.total());
    out.put("itemsPerPage", resources.size());
    out.put("startIndex", startIndex);
    out.set("Resources", resources);
    return out;
  }

  private static FilterExpression filter(JsonNode field) {
    if (field == null || field.isNull()) return null;
    if (!field.isTextual() || field.asText().isBlank()) {
      throw new DomainException(DomainException.Kind.INVALID_FILTER, "filter must be a non-empty string");
    }
    try {
      FilterExpression e = FilterRepair.apply(new Filter(FilterDialect.normalize(field.asText())).getExpression());
      ResourceTypeFilter.check(e, TYPES);
      return e;
    } catch (FilterParseException e) {
      throw new DomainException(DomainException.Kind.INVALID_FILTER, "cannot parse the filter: " + e.getMessage());
    }
  }

  private static int integer(JsonNode doc, String name, int absent) {
    JsonNode v = doc.get(name);
    if (v == null || v.isNull()) return absent;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw DomainException.invalid(name + " must be an integer, not " + v);
    return v.asInt();
  }

  private static AttributeReference sortBy(JsonNode field) {
    if (field == null || field.isNull()) return null;
    AttributeReference ref = new AttributeReference(field.asText().strip());
    if (TYPES.stream().noneMatch(s -> ResourceTypeFilter.defined(s, ref))) {
      throw DomainException.invalid("sortBy " + field.asText() + " is not an attribute of any resource type");
    }
    return ref;
  }

  /** sortBy applies to the types that have the attribute; the others keep their stable order. */
  private static AttributeReference sortFor(ScimSchema schema, AttributeReference sortBy) {
    return sortBy != null && ResourceTypeFilter.defined(schema, sortBy) ? sortBy : null;
  }

  private static boolean descending(JsonNode field) {
    if (field == null || field.isNull() || field.asText().equals("ascending")) return false;
    if (field.asText().equals("descending")) return true;
    throw DomainException.invalid("sortOrder must be ascending or descending, not " + field);
  }

  private static void known(String name, String list) {
    if (TYPES.stream().noneMatch(s -> QueryCheck.known(s, name))) {
      throw DomainException.invalid("'" + name + "' in " + list + " is not an attribute of any resource type");
    }
  }

  /**
   * The request's projection for one type: names the type does not have are left out; an
   * attributes list naming none of its attributes keeps only what is always returned.
   */
  private Projection projection(ScimSchema schema) {
    List<String> attributes = new ArrayList<>(request.attributes().stream().filter(n -> QueryCheck.known(schema, n)).toList());
    if (attributes.isEmpty() && !request.attributes().isEmpty()) attributes.add("id");
    List<String> excluded = request.excludedAttributes().stream().filter(n -> QueryCheck.known(schema, n)).toList();
    return Projection.of(schema, attributes, excluded);
  }
}
