package dev.gangway.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;

/**
 * A path under {@code /scim/} that no SCIM application serves ({@code /scim/v1/Users}, {@code
 * /scim/anything}) would reach the container's default servlet, which answers an unknown method
 * with 501 and others with an HTML page. It is answered here instead: 404 with a SCIM Error body,
 * whatever the method. Nothing of the request is echoed.
 */
@WebFilter(urlPatterns = "/scim/*")
public class UnmappedScimPathFilter extends HttpFilter {
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getMappingMatch() != MappingMatch.DEFAULT) {
      chain.doFilter(request, response);
      return;
    }
    ErrorPages.write(
        response,
        request.getRequestURI(),
        404,
        "no SCIM endpoint at this path; SCIM 2.0 is served at /scim/v2");
  }
}
