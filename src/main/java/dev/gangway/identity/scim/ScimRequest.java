package dev.gangway.identity.scim;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the request filter learned about the current SCIM request that SCIMple does not pass to
 * repositories: the base URI, the version an {@code If-Match} names, whether group members are
 * wanted, and the true match count of a list (for the response).
 */
@RequestScoped
public class ScimRequest {
  private String baseUri = "/scim/v2/";
  private Long expectedVersion;
  private boolean membersWanted = true;
  private boolean projectionRequested;
  private Long totalResults;
  private int startIndex = 1;

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
}
