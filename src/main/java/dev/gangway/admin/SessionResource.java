package dev.gangway.admin;

import dev.gangway.signin.Caller;
import dev.gangway.signin.CurrentCaller;
import dev.gangway.signin.OidcClient;
import dev.gangway.signin.Role;
import dev.gangway.signin.Sessions;
import dev.gangway.signin.SignInSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/api/session}: who is signed in, with which role and what that role may do (the
 * dashboard offers only those controls), and the session's CSRF token; {@code DELETE} signs out.
 * Every role may call both.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
  private CurrentCaller current;
  private Sessions sessions;
  private OidcClient oidc;
  private SignInSettings settings;
  @Context HttpServletRequest http;

  protected SessionResource() {}

  @Inject
  SessionResource(
      CurrentCaller current, Sessions sessions, OidcClient oidc, SignInSettings settings) {
    this.current = current;
    this.sessions = sessions;
    this.oidc = oidc;
    this.settings = settings;
  }

  @GET
  @MinimumRole(Role.VIEWER)
  public Response get() {
    Caller c = current.get().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "method",
        switch (c.kind()) {
          case PERSON -> "oidc";
          case PERSONAL_TOKEN -> "token";
          case BREAK_GLASS -> "break-glass";
        });
    body.put("role", c.role().key());
    body.put("actor", c.actor());
    if (c.subject() != null) body.put("subject", c.subject());
    if (c.email() != null) body.put("email", c.email());
    if (c.name() != null) body.put("name", c.name());
    if (c.tokenId() != null) body.put("tokenId", c.tokenId());
    body.put(
        "may",
        Map.of(
            "change", c.role().covers(Role.ADMIN),
            "audit", c.role().covers(Role.AUDITOR),
            "export", c.role().covers(Role.AUDITOR)));
    current
        .sessionSecret()
        .ifPresent(
            s -> {
              body.put("csrfToken", Sessions.csrfToken(s));
              body.put("idleTimeoutSeconds", settings.idleTimeout().toSeconds());
            });
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }

  /**
   * Ends the browser session at Gangway (and clears its cookie); offers the IdP's end-session URL.
   */
  @DELETE
  @MinimumRole(Role.VIEWER)
  public Response signOut() {
    Caller c = current.get().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    Response.ResponseBuilder r = Response.ok().header("Cache-Control", "no-store");
    if (c.kind() == Caller.Kind.PERSON) {
      sessions.close(c.sessionHash(), c.subject());
      r.header(
          "Set-Cookie",
          SessionCookies.header(
              SessionCookies.SESSION,
              "",
              SessionCookies.sessionPath(http),
              SessionCookies.secure(http),
              0));
      if (settings.oidcEnabled()) {
        URI back =
            URI.create(http.getRequestURL().toString()).resolve(http.getContextPath() + "/admin/");
        oidc.endSession(back).ifPresent(u -> body.put("endSession", u.toString()));
      }
    }
    body.put("signedOut", true);
    return r.entity(body).build();
  }
}
