package dev.gangway.identity.scim;

import dev.gangway.directory.CurrentDirectory;
import dev.gangway.directory.DirectoryAuthentication;
import dev.gangway.platform.web.BearerToken;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.directory.scim.protocol.Constants;

/**
 * Runs before SCIMple sees a request: authenticates the directory token (discovery endpoints
 * excepted), then — for the routes that take a body, however the path is spelled (matrix
 * parameters, encoded letters, extra slashes) — reads the body within its limit and checks its
 * shape ({@link ScimBody}), the message and resource schemas and the bulk limits
 * ({@link ScimLimits}); accepts a body without Content-Type as SCIM JSON (Okta's spec test sends
 * some), reads {@code If-Match}, rewrites IdP filter dialects (refusing filters over the limits)
 * and notes whether members are wanted.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ScimRequestFilter implements ContainerRequestFilter {
  private static final Set<String> DISCOVERY = Set.of("serviceproviderconfig", "schemas", "resourcetypes");

  @Inject DirectoryAuthentication authentication;
  @Inject CurrentDirectory current;
  @Inject ScimRequest scim;

  @Override
  public void filter(ContainerRequestContext request) {
    // decoded segments without matrix parameters: /Bulk;a=b, /B%75lk and //Bulk/ all name Bulk
    List<String> segments = request.getUriInfo().getPathSegments(true).stream()
        .map(jakarta.ws.rs.core.PathSegment::getPath).filter(s -> s != null && !s.isEmpty()).toList();
    String first = segments.isEmpty() ? "" : segments.get(0).toLowerCase(java.util.Locale.ROOT);
    boolean search = !segments.isEmpty() && segments.get(segments.size() - 1).equalsIgnoreCase(".search");
    String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
    boolean discovery = DISCOVERY.contains(first) && method.equals("GET");
    if (!discovery) {
      String token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
      var directory = token == null ? java.util.Optional.<dev.gangway.directory.DirectoryId>empty()
          : authentication.authenticate(token);
      if (directory.isEmpty()) {
        request.abortWith(jakarta.ws.rs.core.Response.fromResponse(ScimErrors.response(401, null,
                token == null ? "Authorization: Bearer <directory token> is required"
                    : "the bearer token is not the token of an active directory"))
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gangway-scim\"").build());
        return;
      }
      current.set(directory.get());
    }
    scim.baseUri(request.getUriInfo().getBaseUri().toString());

    ScimLimits limits = ScimLimits.get();
    boolean bulk = first.equals("bulk");
    ObjectNode body = null;
    boolean takesBody = bulk || search || first.equals("users") || first.equals("groups");
    if (WITH_BODY.contains(method) && takesBody) {
      Object read = ScimBody.read(request, bulk ? limits.bulkMaxPayload() : limits.maxBodyBytes(), limits.jsonMaxDepth(),
          bulk ? "a bulk request may hold at most " + limits.bulkMaxPayload() + " bytes (maxPayloadSize)" : null);
      if (read instanceof jakarta.ws.rs.core.Response refused) {
        request.abortWith(refused);
        return;
      }
      body = (ObjectNode) read;
      if (request.getMediaType() == null) {
        // Okta's spec test sends some bodies without Content-Type: they are SCIM JSON
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Constants.SCIM_CONTENT_TYPE);
      }
    }
    String ifMatch = request.getHeaderString(HttpHeaders.IF_MATCH);
    if (ifMatch != null) scim.expectedVersion(ScimMeta.parseEtag(ifMatch));

    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    String problem = QueryCheck.problem(first, query);
    if (problem != null) {
      request.abortWith(ScimErrors.response(400, org.apache.directory.scim.protocol.ErrorMessageType.INVALID_VALUE, problem));
      return;
    }
    String attributes = query.getFirst("attributes");
    String excluded = query.getFirst("excludedAttributes");
    try {
      if (body == null) {
        // no route takes a body here (Jersey answers 404 or 405 without reading one)
      } else if (bulk && method.equals("POST")) {
        JsonNode ops = body.path("Operations");
        if (ops.isArray() && ops.size() > limits.bulkMaxOperations()) {
          request.abortWith(ScimErrors.response(413, null,
              "a bulk request may hold at most " + limits.bulkMaxOperations() + " operations (maxOperations)"));
          return;
        }
        scim.bulkDocument(body);
      }
      ScimSchema resource = first.equals("users") ? ScimSchema.USERS : first.equals("groups") ? ScimSchema.GROUPS : null;
      boolean write = method.equals("POST") || method.equals("PUT");
      if (body != null && write && !search && resource != null) {
        RequestValidation.schemas(resource, body);
        // validation reads what the client sent, not SCIMple's typed copy (which adds defaults)
        scim.body(body);
      }
      if (body != null && method.equals("PATCH")) {
        // SCIMple parses PATCH paths while reading the body; give it the dialect-normalised form
        for (JsonNode op : RequestValidation.patchOperations(body)) {
          if (op instanceof ObjectNode o && o.path("path").isTextual()) {
            o.put("path", normalizedPath(o.get("path").asText()));
          }
        }
        request.setEntityStream(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)));
      }
      if (body != null && method.equals("POST") && search) {
        // a .search body names its projection in the body; take it out, like the query parameters
        RequestValidation.searchRequest(body);
        attributes = names(body.remove("attributes"));
        excluded = names(body.remove("excludedAttributes"));
        String bad = QueryCheck.problem(first, attributes, excluded);
        if (bad != null) {
          request.abortWith(ScimErrors.response(400, org.apache.directory.scim.protocol.ErrorMessageType.INVALID_VALUE, bad));
          return;
        }
        if (body.path("filter").isTextual()) body.put("filter", FilterDialect.normalize(body.get("filter").asText()));
        request.setEntityStream(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)));
      }
    } catch (dev.gangway.platform.errors.DomainException e) {
      request.abortWith(ScimErrors.of(e));
      return;
    } catch (ScimErrors.Refusal e) {
      request.abortWith(new ScimErrors.RefusalMapper().toResponse(e));
      return;
    }
    scim.membersWanted(membersWanted(attributes, excluded));
    scim.projectionRequested(attributes != null || excluded != null);
    scim.projection(Projection.names(attributes), Projection.names(excluded));
    // SCIMple would project too (and resolves group names against the User schema): the
    // response filter projects the adapters' documents instead.
    UriBuilder uri = UriBuilder.fromUri(request.getUriInfo().getRequestUri())
        .replaceQueryParam("attributes").replaceQueryParam("excludedAttributes");
    String filter = query.getFirst("filter");
    boolean rewrite = query.containsKey("attributes") || query.containsKey("excludedAttributes");
    if (filter != null) {
      String normalized;
      try {
        normalized = FilterDialect.normalize(filter);
      } catch (dev.gangway.platform.errors.DomainException e) {
        request.abortWith(ScimErrors.of(e));
        return;
      }
      if (!normalized.equals(filter)) {
        request.setRequestUri(uri.replaceQueryParam("filter", "{f}").build(normalized));
        return;
      }
    }
    if (rewrite) request.setRequestUri(uri.build());
  }

  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  /** A PATCH path in RFC grammar; one over the filter limits is an invalid path. */
  private static String normalizedPath(String path) {
    try {
      return FilterDialect.normalize(path);
    } catch (dev.gangway.platform.errors.DomainException e) {
      throw new dev.gangway.platform.errors.DomainException(dev.gangway.platform.errors.DomainException.Kind.INVALID_PATH,
          "the path " + e.getMessage().replaceFirst("^a filter ", ""));
    }
  }

  /** A .search field: an array of names or one comma-separated string; null when absent. */
  private static String names(JsonNode field) {
    if (field == null || field.isNull()) return null;
    if (field.isArray()) {
      List<String> out = new ArrayList<>();
      field.forEach(n -> out.add(n.asText()));
      return String.join(",", out);
    }
    return field.asText();
  }

  static boolean membersWanted(String attributes, String excluded) {
    if (excluded != null && mentionsMembers(excluded)) return false;
    return attributes == null || attributes.isBlank() || mentionsMembers(attributes);
  }

  private static boolean mentionsMembers(String list) {
    return Arrays.stream(list.split(",")).map(String::strip)
        .anyMatch(a -> a.equalsIgnoreCase("members") || a.toLowerCase().startsWith("members.")
            || a.toLowerCase().endsWith(":group:members"));
  }
}
