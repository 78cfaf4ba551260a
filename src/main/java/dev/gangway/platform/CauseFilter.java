package dev.gangway.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/** Names every request as the cause of what it changes: method and path, no query, no body. */
@WebFilter(urlPatterns = {"/scim/*", "/admin/api/*"})
public class CauseFilter extends HttpFilter {
  @Inject ChangeCause cause;
  @Inject Clock clock;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    cause.set(request.getMethod() + " " + request.getRequestURI());
    cause.startedAt(clock.instant());
    chain.doFilter(request, response);
  }
}
