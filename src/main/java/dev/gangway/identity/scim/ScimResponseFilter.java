package dev.gangway.identity.scim;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.apache.directory.scim.protocol.data.ListResponse;
import org.apache.directory.scim.spec.resources.ScimResource;

/**
 * Completes SCIMple's answers: the {@code ETag} header is {@code meta.version} as issued (and
 * {@code If-None-Match} on it gives 304); an empty list still says how many match, where it
 * starts and {@code "Resources": []}.
 */
@Provider
public class ScimResponseFilter implements ContainerResponseFilter {
  @Inject ScimRequest scim;

  /** A projection that leaves meta out leaves an empty object behind in SCIMple; drop it. */
  private static void dropEmptyMeta(ScimResource r) {
    var m = r.getMeta();
    if (m != null && m.getResourceType() == null && m.getCreated() == null && m.getLastModified() == null
        && m.getLocation() == null && m.getVersion() == null) {
      r.setMeta(null);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object entity = response.getEntity();
    if (response.getStatus() >= 400 && !response.hasEntity()) {
      // SCIMple answers some refusals (501 for root /.search, 403 for a filter on a single
      // resource) without a body; every SCIM error carries one.
      var info = response.getStatusInfo();
      String detail = response.getStatus() == 501 ? "not implemented by Gangway: " + request.getMethod() + " "
          + request.getUriInfo().getPath() : info.getReasonPhrase();
      response.setEntity(new org.apache.directory.scim.protocol.data.ErrorResponse(response.getStatus(), detail),
          new java.lang.annotation.Annotation[0],
          jakarta.ws.rs.core.MediaType.valueOf(org.apache.directory.scim.protocol.Constants.SCIM_CONTENT_TYPE));
      return;
    }
    if (request.getMethod().equals("PATCH") && response.getStatus() == 200 && !scim.projectionRequested()
        && entity instanceof org.apache.directory.scim.spec.resources.ScimGroup) {
      // RFC 7644 §3.5.2 allows 204; Entra prefers it, and it spares a large group's member list.
      response.setStatus(204);
      response.setEntity(null);
      return;
    }
    if (entity instanceof ScimResource r && r.getMeta() != null && r.getMeta().getVersion() != null) {
      String etag = r.getMeta().getVersion();
      response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
      String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
      if (request.getMethod().equals("GET") && ifNoneMatch != null && response.getStatus() == 200
          && ScimMeta.parseEtag(ifNoneMatch) != null
          && ScimMeta.parseEtag(ifNoneMatch).equals(ScimMeta.parseEtag(etag))) {
        response.setStatus(304);
        response.setEntity(null);
      }
    }
    if (entity instanceof ScimResource r) dropEmptyMeta(r);
    if (entity instanceof ListResponse<?> list) {
      if (list.getResources() != null) {
        list.getResources().forEach(x -> { if (x instanceof ScimResource r) dropEmptyMeta(r); });
      }
      if (list.getResources() == null) list.setResources(List.of());
      if (scim.totalResults() != null) list.setTotalResults(scim.totalResults().intValue());
      if (list.getStartIndex() == null) list.setStartIndex(scim.startIndex());
      if (list.getItemsPerPage() == null) list.setItemsPerPage(list.getResources().size());
    }
  }
}
