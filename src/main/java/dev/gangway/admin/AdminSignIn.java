package dev.gangway.admin;

import dev.gangway.platform.web.BearerToken;
import dev.gangway.signin.Caller;
import dev.gangway.signin.CurrentCaller;
import dev.gangway.signin.PersonalTokens;
import dev.gangway.signin.Sessions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Recognises people and their tokens before {@link AdminAuthentication} looks for the static admin
 * token: a personal API token ({@code Authorization: Bearer gwp_…}) or, without an Authorization
 * header, the dashboard's session cookie. A write with the cookie must carry the session's CSRF
 * token in {@code X-CSRF-Token}, or it is refused (403) before anything runs.
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class AdminSignIn implements ContainerRequestFilter {
  static final String CSRF_HEADER = "X-CSRF-Token";

  private CurrentCaller current;
  private PersonalTokens tokens;
  private Sessions sessions;

  protected AdminSignIn() {}

  @Inject
  AdminSignIn(CurrentCaller current, PersonalTokens tokens, Sessions sessions) {
    this.current = current;
    this.tokens = tokens;
    this.sessions = sessions;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString("Authorization");
    if (header != null) {
      BearerToken.from(header)
          .filter(t -> t.startsWith(PersonalTokens.PREFIX))
          .flatMap(tokens::authenticate)
          .ifPresent(t -> current.set(Caller.token(t), null));
      return;
    }
    Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
    if (cookie == null) return;
    String secret = cookie.getValue();
    sessions
        .find(secret)
        .ifPresent(
            s -> {
              if (!RolePolicy.isRead(request.getMethod())
                  && !csrfMatches(request.getHeaderString(CSRF_HEADER), secret)) {
                request.abortWith(
                    Problems.response(
                            403,
                            "Forbidden",
                            "a change from the dashboard needs the session's CSRF token in the X-CSRF-Token header")
                        .build());
                return;
              }
              current.set(Caller.person(s), secret);
            });
  }

  private static boolean csrfMatches(String presented, String secret) {
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            Sessions.csrfToken(secret).getBytes(StandardCharsets.UTF_8));
  }
}
