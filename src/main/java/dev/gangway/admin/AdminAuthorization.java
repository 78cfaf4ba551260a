package dev.gangway.admin;

import dev.gangway.audit.AuditLog;
import dev.gangway.signin.Caller;
import dev.gangway.signin.CurrentCaller;
import dev.gangway.signin.Role;
import dev.gangway.signin.SignInAudit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces roles on every admin API method, whoever added it: {@link RolePolicy} says which role
 * the matched method needs; a caller without it gets 403 problem+json before the method runs, and
 * the refusal is audited (rate-limited per caller). Uses of the break-glass token are audited here
 * too (one record per source and minute, with how many were left out) — once the call has been
 * answered, so that the record of a use never shows up in what that very call reads (an audit
 * verify or listing).
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AdminAuthorization implements ContainerRequestFilter, ContainerResponseFilter {
  private CurrentCaller current;
  private SignInAudit audit;
  @Context ResourceInfo resource;
  @Context HttpServletRequest http;

  protected AdminAuthorization() {}

  @Inject
  AdminAuthorization(CurrentCaller current, SignInAudit audit) {
    this.current = current;
    this.audit = audit;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Caller caller = current.get().orElse(null);
    if (caller == null) return; // not signed in: AdminAuthentication answered already
    String call = call(request);
    Role needed = RolePolicy.needed(request.getMethod(), resource.getResourceMethod());
    if (caller.role().covers(needed)) return;
    audit.limited(
        SignInAudit.Noisy.REFUSED,
        caller.actor(),
        "admin",
        caller.actor(),
        AuditLog.details("role", caller.role().key(), "needed", needed.key(), "request", call));
    request.abortWith(
        Problems.response(
                403,
                "Forbidden",
                "this call needs the role '"
                    + needed.key()
                    + "'; you are signed in as '"
                    + caller.role().key()
                    + "'")
            .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Caller caller = current.get().orElse(null);
    if (caller == null || caller.kind() != Caller.Kind.BREAK_GLASS) return;
    String source = http == null ? "unknown" : http.getRemoteAddr();
    audit.limited(
        SignInAudit.Noisy.BREAK_GLASS_USED,
        source,
        "admin",
        "break-glass",
        AuditLog.details(
            "source", source, "request", call(request), "status", response.getStatus()));
  }

  private static String call(ContainerRequestContext request) {
    return request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath();
  }
}
