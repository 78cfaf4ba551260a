package dev.gangway.admin;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details, the admin API's only error shape. */
final class Problems {
  static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  static Map<String, Object> body(int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    if (detail != null) body.put("detail", detail);
    return body;
  }

  static Response.ResponseBuilder response(
      Response.StatusType status, String title, String detail) {
    return Response.status(status)
        .type(MEDIA_TYPE)
        .entity(body(status.getStatusCode(), title, detail));
  }

  static Response.ResponseBuilder response(int status, String title, String detail) {
    return Response.status(status).type(MEDIA_TYPE).entity(body(status, title, detail));
  }
}
