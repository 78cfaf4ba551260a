package dev.gangway.platform.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counts requests in flight for {@link GracefulStop}, and refuses new ones while Gangway stops: 503
 * with {@code Retry-After}, in the protocol's own error format. Declared in {@code web.xml}, to run
 * before every other filter.
 */
public class DrainFilter extends HttpFilter {
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    GracefulStop.serverClassLoader(request.getServletContext().getClass().getClassLoader());
    if (!GracefulStop.enter()) {
      refuse(request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
      if (GracefulStop.isStopping()) {
        if (!response.isCommitted()) response.setHeader("Connection", "close");
        response.flushBuffer();
      }
    } finally {
      GracefulStop.leave();
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
    response.setHeader("Connection", "close");
    String detail = "Gangway is stopping; retry in a few seconds.";
    String body;
    if (path.startsWith("/scim/")) {
      response.setContentType("application/scim+json");
      body =
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"503\",\"detail\":\""
              + detail
              + "\"}";
    } else if (path.startsWith("/admin/api/")) {
      response.setContentType("application/problem+json");
      body =
          "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
              + detail
              + "\"}";
    } else {
      response.setContentType("text/plain");
      body = detail;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
