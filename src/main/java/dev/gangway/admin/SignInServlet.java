package dev.gangway.admin;

import dev.gangway.audit.AuditLog;
import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.json.JsonMapper;
import dev.gangway.signin.OidcClient;
import dev.gangway.signin.Role;
import dev.gangway.signin.Sessions;
import dev.gangway.signin.SignInAudit;
import dev.gangway.signin.SignInSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The browser side of OpenID Connect sign-in, under {@code /admin/auth/}: {@code config} tells the
 * dashboard which ways in exist; {@code login} starts the authorization code flow (PKCE, state and
 * nonce kept in a ten-minute HttpOnly cookie, nothing on the server); {@code callback} finishes it,
 * maps the person's claim to a role, opens a session and sends the browser to the dashboard. A
 * failed sign-in lands on the dashboard with a reason word and is audited (rate-limited per
 * source), without any secret.
 */
@WebServlet(urlPatterns = "/admin/auth/*")
public class SignInServlet extends HttpServlet {
  private static final Logger LOG = Logger.getLogger(SignInServlet.class.getName());
  private static final int SIGN_IN_SECONDS = 600;

  @Inject SignInSettings settings;
  @Inject OidcClient oidc;
  @Inject Sessions sessions;
  @Inject SignInAudit audit;
  @Inject ChangeCause cause;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    switch (path) {
      case "/config" ->
          json(
              response,
              200,
              Map.of("oidc", settings.oidcEnabled(), "breakGlass", settings.breakGlass()));
      case "/login" -> login(request, response);
      case "/callback" -> callback(request, response);
      default -> json(response, 404, Problems.body(404, "Not found", "no such sign-in step"));
    }
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!settings.oidcEnabled()) {
      json(
          response,
          404,
          Problems.body(
              404, "Not found", "OpenID Connect sign-in is not configured (GANGWAY_OIDC_ISSUER)"));
      return;
    }
    try {
      OidcClient.Start start = oidc.start(redirectUri(request));
      response.addHeader(
          "Set-Cookie",
          SessionCookies.header(
              SessionCookies.SIGN_IN,
              start.state() + "." + start.nonce() + "." + start.verifier(),
              SessionCookies.signInPath(request),
              SessionCookies.secure(request),
              SIGN_IN_SECONDS));
      response.sendRedirect(start.authorizationUri().toString());
    } catch (OidcClient.SignInFailed e) {
      failed(request, response, e);
    }
  }

  private void callback(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    cause.set("GET " + request.getRequestURI());
    response.addHeader(
        "Set-Cookie",
        SessionCookies.header(
            SessionCookies.SIGN_IN,
            "",
            SessionCookies.signInPath(request),
            SessionCookies.secure(request),
            0));
    try {
      if (!settings.oidcEnabled())
        throw new OidcClient.SignInFailed("failed", "OpenID Connect sign-in is not configured");
      String[] started =
          signInCookie(request)
              .map(v -> v.split("\\."))
              .filter(a -> a.length == 3)
              .orElseThrow(
                  () ->
                      new OidcClient.SignInFailed(
                          "expired",
                          "no sign-in was started in this browser within the last ten minutes"));
      String query = request.getQueryString();
      URI callback = URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
      OidcClient.Person person =
          oidc.finish(callback, started[0], started[1], started[2], redirectUri(request));
      Role role = settings.roles().roleOf(person.claims()).orElse(null);
      if (role == null) {
        cause.actor("person " + (person.email() != null ? person.email() : person.subject()));
        throw new OidcClient.SignInFailed(
            "no-role",
            "the person's '" + settings.roles().claim() + "' claim maps to no Gangway role");
      }
      cause.actor("person " + (person.email() != null ? person.email() : person.subject()));
      cause.via("OpenID Connect sign-in, subject " + person.subject());
      String secret = sessions.open(person.subject(), person.email(), person.name(), role);
      response.addHeader(
          "Set-Cookie",
          SessionCookies.header(
              SessionCookies.SESSION,
              secret,
              SessionCookies.sessionPath(request),
              SessionCookies.secure(request),
              null));
      response.sendRedirect(request.getContextPath() + "/admin/");
    } catch (OidcClient.SignInFailed e) {
      failed(request, response, e);
    }
  }

  private void failed(
      HttpServletRequest request, HttpServletResponse response, OidcClient.SignInFailed e)
      throws IOException {
    String source = request.getRemoteAddr();
    LOG.info("sign-in failed from " + source + ": " + e.getMessage());
    audit.limited(
        SignInAudit.Noisy.SIGN_IN_FAILED,
        source,
        "sign-in",
        source,
        AuditLog.details("source", source, "reason", e.getMessage(), "code", e.code()));
    response.sendRedirect(request.getContextPath() + "/admin/?sign-in-error=" + e.code());
  }

  private static Optional<String> signInCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) return Optional.empty();
    for (Cookie c : cookies) {
      if (SessionCookies.SIGN_IN.equals(c.getName()) && !c.getValue().isEmpty())
        return Optional.of(c.getValue());
    }
    return Optional.empty();
  }

  private URI redirectUri(HttpServletRequest request) {
    return settings
        .redirectUri()
        .map(URI::create)
        .orElseGet(
            () ->
                URI.create(request.getRequestURL().toString())
                    .resolve(request.getContextPath() + "/admin/auth/callback"));
  }

  private static void json(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(status >= 400 ? Problems.MEDIA_TYPE : "application/json");
    response.setCharacterEncoding("UTF-8");
    JsonMapper.get().writeValue(response.getOutputStream(), body);
  }
}
