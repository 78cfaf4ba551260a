package dev.gangway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.Retry;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure of an admin call into problem+json; a client mistake is never a 500. */
final class AdminErrors {
  private static final Logger LOG = Logger.getLogger(AdminErrors.class.getName());

  private AdminErrors() {}

  static Response of(DomainException e) {
    int status = switch (e.kind()) {
      case INVALID, INVALID_PATH, INVALID_FILTER, MUTABILITY -> 400;
      case NOT_FOUND -> 404;
      case UNIQUENESS, CONFLICT -> 409;
      case PRECONDITION_FAILED -> 412;
      case TOO_LARGE -> 413;
    };
    String title = switch (status) {
      case 400 -> "Invalid request";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 412 -> "Precondition failed";
      default -> "Request too large";
    };
    return Problems.response(status, title, e.getMessage()).build();
  }

  @Provider
  public static class Domain implements ExceptionMapper<DomainException> {
    @Override public Response toResponse(DomainException e) { return of(e); }
  }

  @Provider
  public static class Json implements ExceptionMapper<JsonProcessingException> {
    @Override public Response toResponse(JsonProcessingException e) {
      String detail = e instanceof UnrecognizedPropertyException u
          ? "unknown field '" + u.getPropertyName() + "'"
          : "the body is not valid JSON of the expected shape: " + e.getOriginalMessage();
      return Problems.response(400, "Invalid request body", detail).build();
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r.getStatus() >= 500) return new Unexpected().toResponse(e);
      Response.StatusType status = r.getStatusInfo();
      Response.ResponseBuilder b = Problems.response(status, status.getReasonPhrase(), e.getMessage());
      r.getHeaders().forEach((k, v) -> { if (k.equalsIgnoreCase("Allow")) v.forEach(x -> b.header(k, x)); });
      return b.build();
    }
  }

  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override public Response toResponse(Throwable e) {
      if (e instanceof DomainException d) return of(d);
      if (e instanceof JsonProcessingException j) return new Json().toResponse(j);
      if (Retry.isConcurrencyConflict(e)) {
        // the use case was retried until its attempts ran out (RetriedOnConflict)
        LOG.warning("admin change lost every attempt to concurrent writers; answered 409");
        return Problems.response(409, "Conflict",
            "the change collided with concurrent changes; send the request again").build();
      }
      if (Retry.isDatabaseUnavailable(e)) {
        LOG.warning("admin request failed: the database cannot serve (" + e.getClass().getSimpleName() + "); answered 503");
        return Problems.response(503, "Service unavailable", "the database is not available at the moment; retry later")
            .header("Retry-After", "5").build();
      }
      return log(e);
    }

    static Response log(Throwable e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "admin API failure, incident " + incident, e);
      return Problems.response(500, "Internal error",
          "Gangway failed to answer; the server log names incident " + incident).build();
    }
  }
}
