package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Page;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.directory.scim.protocol.data.ListResponse;

/**
 * The last step of the SCIM pipeline: a resource's document (projected) or a list of them as the
 * HTTP answer. A single resource carries {@code Location} (its {@code meta.location}) and {@code
 * ETag} (its {@code meta.version}, as issued); a list says how many match, where it starts and
 * always has {@code "Resources"}. The media type is JAX-RS's choice from the resource's
 * {@code @Produces} and the {@code Accept} header ({@code application/scim+json} unless the client
 * asks for {@code application/json}).
 */
final class ScimAnswer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ScimAnswer() {}

  /**
   * The base URI resources' locations start with, ending with a slash ({@code
   * https://host/scim/v2/}).
   */
  static String baseUri(UriInfo uri) {
    String base = uri.getBaseUri().toString();
    return base.endsWith("/") ? base : base + "/";
  }

  /**
   * A resource as read: 304 when {@code If-None-Match} names its version, else 200 with the
   * document.
   */
  static Response read(ObjectNode doc, String ifNoneMatch, Projection projection) {
    String etag = doc.path("meta").path("version").asText(null);
    Long unchanged = ScimMeta.parseEtag(ifNoneMatch);
    if (etag != null && unchanged != null && unchanged.equals(ScimMeta.parseEtag(etag))) {
      return located(Response.notModified(), doc).build();
    }
    return resource(200, doc, projection);
  }

  /** A resource as created (201) or changed (200). */
  static Response resource(int status, ObjectNode doc, Projection projection) {
    return located(Response.status(status), doc).entity(projection.apply(doc)).build();
  }

  /** A change answered without the resource (RFC 7644 §3.5.2 allows 204 for PATCH). */
  static Response noContent(ObjectNode doc) {
    return located(Response.noContent(), doc).build();
  }

  private static Response.ResponseBuilder located(Response.ResponseBuilder answer, ObjectNode doc) {
    String location = doc.path("meta").path("location").asText(null);
    String etag = doc.path("meta").path("version").asText(null);
    if (location != null) answer.header(HttpHeaders.LOCATION, location);
    if (etag != null) answer.header(HttpHeaders.ETAG, etag);
    return answer;
  }

  /**
   * One page of matches (RFC 7644 §3.4.2): the total, the page's size and first index, the
   * projected documents.
   */
  static Response list(Page<ObjectNode> page, int startIndex, Projection projection) {
    ArrayNode resources = JSON.arrayNode();
    page.items().forEach(d -> resources.add(projection.apply(d)));
    return Response.ok(list(resources, page.total(), startIndex)).build();
  }

  static ObjectNode list(ArrayNode resources, long total, int startIndex) {
    ObjectNode out = JSON.objectNode();
    out.putArray("schemas").add(ListResponse.SCHEMA_URI);
    out.put("totalResults", total);
    out.put("itemsPerPage", resources.size());
    out.put("startIndex", startIndex);
    out.set("Resources", resources);
    return out;
  }
}
