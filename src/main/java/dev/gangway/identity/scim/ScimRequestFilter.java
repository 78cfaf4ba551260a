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
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * excepted), accepts a body without Content-Type as SCIM JSON (Okta's spec test sends some),
 * reads {@code If-Match}, rewrites IdP filter dialects and notes whether members are wanted.
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
    String path = request.getUriInfo().getPath();
    String first = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).findFirst().orElse("").toLowerCase();
    boolean discovery = DISCOVERY.contains(first) && request.getMethod().equals("GET");
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
    if (request.hasEntity() && request.getMediaType() == null) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Constants.SCIM_CONTENT_TYPE);
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
    if (first.equals("bulk") && request.getMethod().equals("POST") && request.hasEntity()) {
      String tooLarge = bulkTooLarge(request);
      if (tooLarge != null) {
        request.abortWith(ScimErrors.response(413, null, tooLarge));
        return;
      }
    }
    boolean write = request.getMethod().equals("POST") || request.getMethod().equals("PUT");
    if (write && !path.endsWith(".search") && (first.equals("users") || first.equals("groups")) && request.hasEntity()) {
      // validation reads what the client sent, not SCIMple's typed copy (which adds defaults)
      scim.body(readBody(request));
    }
    if (request.getMethod().equals("PATCH") && request.hasEntity()) {
      // SCIMple parses PATCH paths while reading the body; give it the dialect-normalised form
      ObjectNode body = readBody(request);
      if (body != null && body.get("Operations") instanceof com.fasterxml.jackson.databind.node.ArrayNode ops) {
        for (var op : ops) {
          if (op instanceof ObjectNode o && o.path("path").isTextual()) {
            o.put("path", FilterDialect.normalize(o.get("path").asText()));
          }
        }
        request.setEntityStream(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (request.getMethod().equals("POST") && path.endsWith(".search") && request.hasEntity()) {
      // a .search body names its projection in the body; take it out, like the query parameters
      ObjectNode body = readBody(request);
      if (body != null) {
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
      String normalized = FilterDialect.normalize(filter);
      if (!normalized.equals(filter)) {
        request.setRequestUri(uri.replaceQueryParam("filter", "{f}").build(normalized));
        return;
      }
    }
    if (rewrite) request.setRequestUri(uri.build());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * RFC 7644 §3.7.4: a bulk request over maxPayloadSize or maxOperations (as advertised) is 413.
   * Reads at most one byte more than the limit.
   */
  private static String bulkTooLarge(ContainerRequestContext request) {
    try {
      byte[] bytes = request.getEntityStream().readNBytes(ScimApplication.BULK_MAX_PAYLOAD + 1);
      if (bytes.length > ScimApplication.BULK_MAX_PAYLOAD) {
        return "a bulk request may hold at most " + ScimApplication.BULK_MAX_PAYLOAD + " bytes (maxPayloadSize)";
      }
      request.setEntityStream(new ByteArrayInputStream(bytes));
      JsonNode ops = JSON.readTree(bytes).path("Operations");
      if (ops.isArray() && ops.size() > ScimApplication.BULK_MAX_OPERATIONS) {
        return "a bulk request may hold at most " + ScimApplication.BULK_MAX_OPERATIONS + " operations (maxOperations)";
      }
      return null;
    } catch (IOException e) {
      return null; // ScimBulk reports the unparsable body
    }
  }

  /** The parsed body, with its stream reset for SCIMple; null when it is not a JSON object. */
  private static ObjectNode readBody(ContainerRequestContext request) {
    try {
      byte[] bytes = request.getEntityStream().readAllBytes();
      request.setEntityStream(new ByteArrayInputStream(bytes));
      return JSON.readTree(bytes) instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null; // SCIMple reports the unparsable body
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
