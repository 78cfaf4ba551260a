package dev.gangway.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * What the servlet container answers by itself — a path no application serves, a method it does not
 * take, an error that escaped every exception mapper — in the protocol's own format instead of
 * Payara's HTML page with its Java class names: a SCIM Error under {@code /scim/}, problem+json
 * elsewhere. Declared as the default error page in {@code web.xml}.
 */
public final class ErrorPages {
  private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

  private ErrorPages() {}

  /** The container's error page: the status it chose, written in the protocol's format. */
  @WebServlet(name = "error-page", urlPatterns = "/error-page")
  public static class Page extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Object code = request.getAttribute("jakarta.servlet.error.status_code");
      Object uri = request.getAttribute("jakarta.servlet.error.request_uri");
      Object error = request.getAttribute("jakarta.servlet.error.exception");
      int status = code instanceof Integer i && i >= 400 ? i : 500;
      String detail = reason(status);
      if (error instanceof Throwable t) {
        String incident = UUID.randomUUID().toString();
        LOG.warning(
            "request failed outside the application's error handling, incident "
                + incident
                + ": "
                + t.getClass().getSimpleName());
        status = 500;
        detail = "Gangway failed to answer; the server log names incident " + incident;
      }
      write(response, uri instanceof String s ? s : request.getRequestURI(), status, detail);
    }
  }

  /**
   * Catches what escapes the SCIM application (a {@link StackOverflowError} in a parser, say)
   * before the container logs its stack trace and renders HTML: one log line, one SCIM error.
   */
  @WebFilter(filterName = "scim-guard", urlPatterns = "/scim/*")
  public static class ScimGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw e;
        String incident = UUID.randomUUID().toString();
        LOG.warning(
            "SCIM request failed outside the SCIM error mappers, incident "
                + incident
                + ": "
                + e.getClass().getSimpleName()
                + (e.getCause() != null
                    ? " caused by " + e.getCause().getClass().getSimpleName()
                    : ""));
        if (response.isCommitted()) return;
        response.reset();
        write(
            response,
            request.getRequestURI(),
            500,
            "Gangway failed to answer; the server log names incident " + incident);
      }
    }
  }

  static void write(HttpServletResponse response, String path, int status, String detail)
      throws IOException {
    if (response.isCommitted()) return;
    response.setStatus(status);
    String body;
    String text = detail.replace("\\", "\\\\").replace("\"", "\\\"");
    if (path != null && path.startsWith("/scim/")) {
      response.setContentType("application/scim+json");
      body =
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
              + status
              + "\",\"detail\":\""
              + text
              + "\"}";
    } else {
      response.setContentType("application/problem+json");
      body =
          "{\"type\":\"about:blank\",\"title\":\""
              + reason(status)
              + "\",\"status\":"
              + status
              + ",\"detail\":\""
              + text
              + "\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Request refused";
    };
  }
}
