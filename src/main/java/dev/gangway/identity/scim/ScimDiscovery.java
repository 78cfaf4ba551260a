package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Collection;
import java.util.Map;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.data.ListResponse;

/**
 * The discovery endpoints of RFC 7644 §4: /Schemas and /ResourceTypes serve the files of {@code
 * scim-schemas/} exactly (plus {@code meta}), /ServiceProviderConfig says what this server really
 * supports.
 */
@Path("")
@RequestScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimDiscovery {
  static final String DOCUMENTATION = "https://github.com/gangway-dev/gangway#scim-20--scimv2";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Context private UriInfo uri;

  @GET
  @Path("Schemas")
  public Response schemas(@QueryParam("filter") String filter) {
    if (filter != null) return noFilter();
    return list(withMeta(ScimContract.schemas(), "Schema", "Schemas").values());
  }

  @GET
  @Path("Schemas/{id}")
  public Response schema(@PathParam("id") String id) {
    return ScimContract.schema(id)
        .map(s -> Response.ok(meta(s, "Schema", "Schemas/" + s.get("id").asText())).build())
        .orElseGet(() -> ScimErrors.response(404, null, "no schema " + id));
  }

  @GET
  @Path("ResourceTypes")
  public Response resourceTypes(@QueryParam("filter") String filter) {
    if (filter != null) return noFilter();
    return list(withMeta(ScimContract.resourceTypes(), "ResourceType", "ResourceTypes").values());
  }

  @GET
  @Path("ResourceTypes/{id}")
  public Response resourceType(@PathParam("id") String id) {
    ObjectNode rt = ScimContract.resourceTypes().get(id);
    return rt == null
        ? ScimErrors.response(404, null, "no resource type " + id)
        : Response.ok(meta(rt, "ResourceType", "ResourceTypes/" + id)).build();
  }

  @GET
  @Path("ServiceProviderConfig")
  public Response serviceProviderConfig() {
    ObjectNode c = JSON.objectNode();
    c.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    c.put("documentationUri", DOCUMENTATION);
    c.putObject("patch").put("supported", true);
    c.putObject("bulk")
        .put("supported", true)
        .put("maxOperations", ScimApplication.BULK_MAX_OPERATIONS)
        .put("maxPayloadSize", ScimApplication.BULK_MAX_PAYLOAD);
    c.putObject("filter").put("supported", true).put("maxResults", ScimApplication.MAX_RESULTS);
    c.putObject("changePassword").put("supported", false); // passwords are discarded on arrival
    c.putObject("sort").put("supported", true);
    c.putObject("etag").put("supported", true);
    c.putArray("authenticationSchemes")
        .addObject()
        .put("type", "oauthbearertoken")
        .put("name", "Directory bearer token")
        .put(
            "description",
            "The token Gangway issued for this directory: Authorization: Bearer gwd_…")
        .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
        .put("documentationUri", DOCUMENTATION)
        .put("primary", true);
    return Response.ok(meta(c, "ServiceProviderConfig", "ServiceProviderConfig")).build();
  }

  private Map<String, ObjectNode> withMeta(
      Map<String, ObjectNode> docs, String type, String endpoint) {
    docs.forEach((id, d) -> meta(d, type, endpoint + "/" + id));
    return docs;
  }

  private ObjectNode meta(ObjectNode doc, String resourceType, String path) {
    doc.putObject("meta")
        .put("resourceType", resourceType)
        .put("location", ScimAnswer.baseUri(uri) + path);
    return doc;
  }

  private static Response list(Collection<ObjectNode> resources) {
    ObjectNode l = JSON.objectNode();
    l.putArray("schemas").add(ListResponse.SCHEMA_URI);
    l.put("totalResults", resources.size())
        .put("itemsPerPage", resources.size())
        .put("startIndex", 1);
    ArrayNode arr = l.putArray("Resources");
    resources.forEach(arr::add);
    return Response.ok(l).build();
  }

  /** RFC 7644 §4: a filter on a discovery endpoint SHOULD be answered 403. */
  private static Response noFilter() {
    return ScimErrors.response(403, null, "discovery endpoints take no filter");
  }
}
