package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.jpa.FilterCriteria;
import dev.gangway.identity.jpa.FilterRepair;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * {@code POST /.search} at the root (RFC 7644 §3.4.3): the body's filter over users and groups
 * alike. Each type answers the filter narrowed to its own attributes ({@link ResourceTypeFilter});
 * the matches are users then groups, each in their stable order (or by {@code sortBy} where the
 * type has that attribute); {@code startIndex} and {@code count} page the merged list and {@code
 * totalResults} is the sum. {@code attributes}/{@code excludedAttributes} ({@link ScimQuery}) apply
 * to each type as on /Users and /Groups; a name only the other type has is ignored for this one.
 */
@Path(".search")
@ApplicationScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimRootSearch {
  private static final List<ScimSchema> TYPES = List.of(ScimSchema.USERS, ScimSchema.GROUPS);

  private ScimUsers users;
  private ScimGroups groups;

  protected ScimRootSearch() {}

  @Inject
  ScimRootSearch(ScimUsers users, ScimGroups groups) {
    this.users = users;
    this.groups = groups;
  }

  @POST
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response search(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ScimQuery query = ScimQuery.ofSearch("", ScimBody.read(body, length));
    FilterExpression filter = filter(query.filter());
    AttributeReference sortBy = sortBy(query.sortBy());
    for (String name : query.attributes()) known(name, "attributes");
    for (String name : query.excluded()) known(name, "excludedAttributes");
    String baseUri = ScimAnswer.baseUri(uri);

    // Users first, then groups: the groups' window starts where the users' matches end.
    int count = query.windowSize();
    int offset = query.firstIndex() - 1;
    ResourceTypeFilter.Narrowed userFilter = ResourceTypeFilter.narrow(filter, ScimSchema.USERS);
    ResourceTypeFilter.Narrowed groupFilter = ResourceTypeFilter.narrow(filter, ScimSchema.GROUPS);
    Page<ObjectNode> u =
        userFilter.none()
            ? new Page<>(List.of(), 0)
            : users.documents(
                baseUri,
                new ResourceQuery(
                    FilterCriteria.of(
                        userFilter.query(), sortFor(ScimSchema.USERS, sortBy), query.descending()),
                    offset,
                    count));
    int left = count - u.items().size();
    int groupOffset = (int) Math.max(0, offset - u.total());
    Page<ObjectNode> g =
        groupFilter.none()
            ? new Page<>(List.of(), 0)
            : groups.documents(
                baseUri,
                new ResourceQuery(
                    FilterCriteria.of(
                        groupFilter.query(),
                        sortFor(ScimSchema.GROUPS, sortBy),
                        query.descending()),
                    groupOffset,
                    left),
                query.membersWanted());

    ArrayNode resources = JsonNodeFactory.instance.arrayNode();
    Projection userProjection = projection(ScimSchema.USERS, query);
    Projection groupProjection = projection(ScimSchema.GROUPS, query);
    u.items().forEach(d -> resources.add(userProjection.apply(d)));
    g.items().forEach(d -> resources.add(groupProjection.apply(d)));
    return Response.ok(ScimAnswer.list(resources, u.total() + g.total(), query.firstIndex()))
        .build();
  }

  private static FilterExpression filter(String filter) {
    if (filter == null) return null;
    FilterExpression e = FilterRepair.apply(ScimQuery.parse(filter));
    ResourceTypeFilter.check(e, TYPES);
    return e;
  }

  private static AttributeReference sortBy(String sortBy) {
    if (sortBy == null) return null;
    AttributeReference ref = new AttributeReference(sortBy);
    if (TYPES.stream().noneMatch(s -> ResourceTypeFilter.defined(s, ref))) {
      throw DomainException.invalid(
          "sortBy " + sortBy + " is not an attribute of any resource type");
    }
    return ref;
  }

  /** sortBy applies to the types that have the attribute; the others keep their stable order. */
  private static AttributeReference sortFor(ScimSchema schema, AttributeReference sortBy) {
    return sortBy != null && ResourceTypeFilter.defined(schema, sortBy) ? sortBy : null;
  }

  private static void known(String name, String list) {
    if (TYPES.stream().noneMatch(s -> QueryCheck.known(s, name))) {
      throw DomainException.invalid(
          "'" + name + "' in " + list + " is not an attribute of any resource type");
    }
  }

  /**
   * The request's projection for one type: names the type does not have are left out; an attributes
   * list naming none of its attributes keeps only what is always returned.
   */
  private static Projection projection(ScimSchema schema, ScimQuery query) {
    List<String> attributes =
        new ArrayList<>(
            query.attributes().stream().filter(n -> QueryCheck.known(schema, n)).toList());
    if (attributes.isEmpty() && !query.attributes().isEmpty()) attributes.add("id");
    List<String> excluded =
        query.excluded().stream().filter(n -> QueryCheck.known(schema, n)).toList();
    return Projection.of(schema, attributes, excluded);
  }
}
