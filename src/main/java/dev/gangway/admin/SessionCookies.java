package dev.gangway.admin;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The dashboard's cookies, written as headers so that every attribute is explicit: HttpOnly,
 * SameSite=Lax, Secure when the request came over TLS (directly or through a proxy that says {@code
 * X-Forwarded-Proto: https}), no Domain, a path under {@code /admin/}.
 */
final class SessionCookies {
  static final String SESSION = "gangway_session";
  static final String SIGN_IN = "gangway_signin";

  private SessionCookies() {}

  static boolean secure(HttpServletRequest request) {
    return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }

  /**
   * A cookie that lives as long as the browser session (or {@code maxAge} seconds; 0 deletes it).
   */
  static String header(String name, String value, String path, boolean secure, Integer maxAge) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + (maxAge == null ? "" : "; Max-Age=" + maxAge)
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  static String sessionPath(HttpServletRequest request) {
    return request.getContextPath() + "/admin/";
  }

  static String signInPath(HttpServletRequest request) {
    return request.getContextPath() + "/admin/auth/";
  }
}
