package dev.gangway.admin;

import dev.gangway.platform.web.BearerToken;
import dev.gangway.signin.CurrentCaller;
import dev.gangway.signin.SignInAudit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every admin API call needs the admin token; a directory token is not one. Refusals are audited,
 * at most one record per source a minute plus a count ({@link SignInAudit#refused}).
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthentication implements ContainerRequestFilter {
  private AdminToken adminToken;
  private SignInAudit audit;
  @Context HttpServletRequest http;
  private CurrentCaller caller;

  protected AdminAuthentication() {}

  @Inject
  AdminAuthentication(AdminToken adminToken, SignInAudit audit, CurrentCaller caller) {
    this.adminToken = adminToken;
    this.audit = audit;
    this.caller = caller;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (caller.known()) return; // a person's session or a personal token, recognised by AdminSignIn
    String token = BearerToken.from(request.getHeaderString("Authorization")).orElse(null);
    if (token == null || !adminToken.accepts(token)) {
      audit.refused(
          http == null ? null : http.getRemoteAddr(),
          token == null ? "no bearer token" : "wrong token");
      request.abortWith(
          Problems.response(
                  Response.Status.UNAUTHORIZED,
                  token == null ? "Missing bearer token" : "Invalid admin token",
                  "The admin API needs 'Authorization: Bearer <admin token>'.")
              .header("WWW-Authenticate", "Bearer realm=\"gangway-admin\"")
              .build());
      return;
    }
    caller.breakGlass(); // audited as "admin", by the break-glass token
  }
}
