package dev.gangway.platform;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Why the current transaction changes anything: the request (method and path, and who made it) or
 * the background job. Access events and audit records carry it. Never holds request bodies.
 */
@RequestScoped
public class ChangeCause {
  private String request = "system";
  private String actor;
  private Instant startedAt;
  private String via;

  /** Set once per HTTP request by {@link CauseFilter}, or by a background job. */
  public void set(String request) {
    this.request = request;
  }

  /** Set by {@link CauseFilter}: when the request arrived. */
  public void startedAt(Instant at) {
    this.startedAt = at;
  }

  /** When the request that causes the change arrived, if there is one. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /** Who is acting: "directory okta-prod (3)" or "admin"; set by the authenticating filters. */
  public void actor(String actor) {
    this.actor = actor;
  }

  public String actor() {
    return actor == null ? "system" : actor;
  }

  /** How the actor signed in (e.g. "break-glass admin token", the OIDC subject, the token id). */
  public void via(String how) {
    this.via = how;
  }

  /** E.g. "PATCH /scim/v2/Groups/9b… by directory okta-prod (3)". */
  public String describe() {
    String d =
        request + (actor == null ? "" : " by " + actor) + (via == null ? "" : " (" + via + ")");
    return d.length() > 500 ? d.substring(0, 500) : d;
  }
}
