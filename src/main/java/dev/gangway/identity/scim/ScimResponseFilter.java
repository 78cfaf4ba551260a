package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.data.ErrorResponse;
import org.apache.directory.scim.protocol.data.ListResponse;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.resources.ScimResource;

/**
 * Writes SCIMple's answers from the documents the adapters rendered ({@link ScimRequest}), so
 * that SCIMple's own defaults never leak out, projected by {@link Projection} from the schema
 * files. Adds the {@code ETag} header ({@code meta.version} as issued; {@code If-None-Match} on
 * it gives 304), and makes every list say how many match, where it starts and
 * {@code "Resources": []}.
 */
@Provider
public class ScimResponseFilter implements ContainerResponseFilter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final MediaType SCIM = MediaType.valueOf(Constants.SCIM_CONTENT_TYPE);

  @Inject ScimRequest scim;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object entity = response.getEntity();
    if (response.getStatus() >= 400 && !response.hasEntity()) {
      // SCIMple answers some refusals (403 for a filter on a single resource) without a body;
      // every SCIM error carries one.
      var info = response.getStatusInfo();
      String detail = response.getStatus() == 501 ? "not implemented by Gangway: " + request.getMethod() + " "
          + request.getUriInfo().getPath() : info.getReasonPhrase();
      response.setEntity(new ErrorResponse(response.getStatus(), detail), new Annotation[0], SCIM);
      return;
    }
    if (entity instanceof ScimResource r && response.getHeaders().containsKey(HttpHeaders.LOCATION)) {
      // SCIMple 1.0.0-M1 appends the id to a URI that already ends with it (…/Users/{id}/{id}):
      // Location is the resource's own URL, meta.location
      scim.rendered(r.getId()).map(d -> d.path("meta").path("location").asText(null))
          .ifPresent(location -> response.getHeaders().putSingle(HttpHeaders.LOCATION, location));
    }
    if (request.getMethod().equals("PATCH") && response.getStatus() == 200 && !scim.projectionRequested()
        && entity instanceof ScimGroup) {
      // RFC 7644 §3.5.2 allows 204; Entra prefers it, and it spares a large group's member list.
      response.setStatus(204);
      response.setEntity(null);
      return;
    }
    if (entity instanceof ScimResource r) {
      Optional<ObjectNode> doc = scim.rendered(r.getId());
      if (doc.isEmpty()) return;
      String etag = doc.get().path("meta").path("version").asText(null);
      if (etag != null) {
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (request.getMethod().equals("GET") && ifNoneMatch != null && response.getStatus() == 200
            && ScimMeta.parseEtag(ifNoneMatch) != null
            && ScimMeta.parseEtag(ifNoneMatch).equals(ScimMeta.parseEtag(etag))) {
          response.setStatus(304);
          response.setEntity(null);
          return;
        }
      }
      response.setEntity(projection(r).apply(doc.get()), new Annotation[0], mediaType(response));
      return;
    }
    if (entity instanceof ListResponse<?> list) {
      ObjectNode out = JSON.objectNode();
      out.putArray("schemas").add(ListResponse.SCHEMA_URI);
      ArrayNode resources = JSON.arrayNode();
      if (list.getResources() != null) {
        for (Object x : list.getResources()) {
          if (x instanceof ScimResource r) scim.rendered(r.getId()).ifPresent(d -> resources.add(projection(r).apply(d)));
        }
      }
      out.put("totalResults", scim.totalResults() != null ? scim.totalResults().intValue()
          : list.getTotalResults());
      out.put("itemsPerPage", resources.size());
      out.put("startIndex", scim.startIndex());
      out.set("Resources", resources);
      response.setEntity(out, new Annotation[0], mediaType(response));
    }
  }

  private Projection projection(ScimResource r) {
    ScimSchema schema = r instanceof ScimGroup ? ScimSchema.GROUPS : ScimSchema.USERS;
    return Projection.of(schema, scim.attributes(), scim.excludedAttributes());
  }

  private static MediaType mediaType(ContainerResponseContext response) {
    return response.getMediaType() != null ? response.getMediaType() : SCIM;
  }
}
