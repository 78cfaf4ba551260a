package dev.gangway.identity.scim;

import dev.gangway.directory.CurrentDirectory;
import dev.gangway.directory.DirectoryAuthentication;
import dev.gangway.directory.DirectoryId;
import dev.gangway.platform.web.BearerToken;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.scim.protocol.Constants;

/**
 * The first step of every SCIM request, before JAX-RS picks a resource: the directory bearer token
 * names the directory the request acts for ({@link CurrentDirectory}), or the request is answered
 * 401 — however its path is spelled, so that an unknown path or method tells a stranger nothing.
 * Only the discovery documents (GET /ServiceProviderConfig, /Schemas, /ResourceTypes) are public. A
 * body sent without {@code Content-Type} is taken as SCIM JSON (Okta's spec test sends some).
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ScimAuthenticationFilter implements ContainerRequestFilter {
  private static final Set<String> DISCOVERY =
      Set.of("serviceproviderconfig", "schemas", "resourcetypes");
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private DirectoryAuthentication authentication;
  private CurrentDirectory current;

  protected ScimAuthenticationFilter() {}

  @Inject
  ScimAuthenticationFilter(DirectoryAuthentication authentication, CurrentDirectory current) {
    this.authentication = authentication;
    this.current = current;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (!(method.equals("GET") && DISCOVERY.contains(firstSegment(request)))) {
      String token =
          BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
      Optional<DirectoryId> directory =
          token == null ? Optional.empty() : authentication.authenticate(token);
      if (directory.isEmpty()) {
        request.abortWith(
            Response.fromResponse(
                    ScimErrors.response(
                        401,
                        null,
                        token == null
                            ? "Authorization: Bearer <directory token> is required"
                            : "the bearer token is not the token of an active directory"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gangway-scim\"")
                .build());
        return;
      }
      current.set(directory.get());
    }
    if (WITH_BODY.contains(method) && request.getMediaType() == null) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Constants.SCIM_CONTENT_TYPE);
    }
  }

  /**
   * The first path segment, decoded, lower-case, without matrix parameters: /Schemas;a=b and
   * //schemas name Schemas.
   */
  private static String firstSegment(ContainerRequestContext request) {
    List<String> segments =
        request.getUriInfo().getPathSegments(true).stream()
            .map(PathSegment::getPath)
            .filter(s -> s != null && !s.isEmpty())
            .toList();
    return segments.isEmpty() ? "" : segments.get(0).toLowerCase(Locale.ROOT);
  }
}
