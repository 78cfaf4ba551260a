package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the request filter learned about the current SCIM request that SCIMple does not pass to
 * repositories: the base URI, the version an {@code If-Match} names, whether group members are
 * wanted, the projection asked for, the true match count of a list, and the JSON documents the
 * adapters rendered (the response is built from them, not from SCIMple's objects).
 */
@RequestScoped
public class ScimRequest {
  private String baseUri = "/scim/v2/";
  private Long expectedVersion;
  private boolean membersWanted = true;
  private boolean projectionRequested;
  private Long totalResults;
  private int startIndex = 1;
  private List<String> attributes = List.of();
  private List<String> excluded = List.of();
  private final Map<String, ObjectNode> rendered = new LinkedHashMap<>();
  private ObjectNode body;
  private ObjectNode bulkDocument;

  public String baseUri() { return baseUri; }
  void baseUri(String baseUri) { this.baseUri = baseUri.endsWith("/") ? baseUri : baseUri + "/"; }

  public Long expectedVersion() { return expectedVersion; }
  void expectedVersion(Long v) { this.expectedVersion = v; }

  public boolean membersWanted() { return membersWanted; }

  /** Whether the request names attributes or excludedAttributes. */
  public boolean projectionRequested() { return projectionRequested; }
  void projectionRequested(boolean requested) { this.projectionRequested = requested; }
  void membersWanted(boolean wanted) { this.membersWanted = wanted; }

  Long totalResults() { return totalResults; }
  int startIndex() { return startIndex; }

  void listed(long total, int startIndex) {
    this.totalResults = total;
    this.startIndex = startIndex;
  }

  List<String> attributes() { return attributes; }
  List<String> excludedAttributes() { return excluded; }

  void projection(List<String> attributes, List<String> excluded) {
    this.attributes = List.copyOf(attributes);
    this.excluded = List.copyOf(excluded);
  }

  /** Notes the document an adapter answered with; the response filter projects and writes it. */
  void rendered(ObjectNode doc) { rendered.put(doc.path("id").asText(), doc); }

  Optional<ObjectNode> rendered(String id) { return Optional.ofNullable(rendered.get(id)); }

  /** The resource document of a POST or PUT as the client sent it, before SCIMple read it. */
  Optional<ObjectNode> body() { return Optional.ofNullable(body); }
  void body(ObjectNode body) { this.body = body; }

  /** A /Bulk request's document as the request filter read and checked it (ScimBulk need not parse it again). */
  Optional<ObjectNode> bulkDocument() { return Optional.ofNullable(bulkDocument); }
  void bulkDocument(ObjectNode document) { this.bulkDocument = document; }
}
