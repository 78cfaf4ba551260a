package dev.gangway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.Retry;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Turns every failure of an admin call into problem+json; a client mistake is never a 500. */
final class AdminErrors {
  private static final Logger LOG = Logger.getLogger(AdminErrors.class.getName());

  private AdminErrors() {}

  static Response of(DomainException e) {
    int status =
        switch (e.kind()) {
          case INVALID, INVALID_PATH, INVALID_FILTER, MUTABILITY -> 400;
          case NOT_FOUND -> 404;
          case UNIQUENESS, CONFLICT -> 409;
          case PRECONDITION_FAILED -> 412;
          case TOO_LARGE -> 413;
        };
    String title =
        switch (status) {
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
    @Override
    public Response toResponse(DomainException e) {
      return of(e);
    }
  }

  @Provider
  public static class Json implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      return Problems.response(400, "Invalid request body", detail(e)).build();
    }

    /** What is wrong with the body, naming the field; never a Java type or class name. */
    static String detail(JsonProcessingException e) {
      if (e instanceof UnrecognizedPropertyException u)
        return "unknown field '" + u.getPropertyName() + "'";
      if (e instanceof StreamReadException) {
        var at = e.getLocation();
        return "the body is not valid JSON"
            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
      }
      if (e instanceof MismatchedInputException m) {
        String field = field(m);
        if (m.getMessage() != null && m.getMessage().startsWith("Trailing token")) {
          return "the body holds data after the JSON document";
        }
        if (field.isEmpty()) return "the body must be a JSON " + expected(m.getTargetType());
        return "field '" + field + "' must be " + expected(m.getTargetType());
      }
      return "the body is not valid JSON of the expected shape";
    }

    private static String field(MismatchedInputException m) {
      StringBuilder b = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null)
          b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
        else if (ref.getIndex() >= 0) b.append('[').append(ref.getIndex()).append(']');
      }
      return b.toString();
    }

    private static String expected(Class<?> type) {
      if (type == null) return "a value of another type";
      if (type == String.class || type == char.class || type == Character.class) return "a string";
      if (type == boolean.class || type == Boolean.class) return "true or false";
      if (type == int.class
          || type == long.class
          || type == short.class
          || type == Integer.class
          || type == Long.class
          || type == Short.class
          || type == BigInteger.class) return "a whole number";
      if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class)
        return "a number";
      if (type.isEnum()) {
        return "one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> "\"" + c + "\"")
                .collect(Collectors.joining(", "));
      }
      if (type.isArray() || Collection.class.isAssignableFrom(type)) return "an array";
      if (Temporal.class.isAssignableFrom(type)) return "an ISO-8601 instant";
      return "an object";
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r.getStatus() >= 500) return new Unexpected().toResponse(e);
      Response.StatusType status = r.getStatusInfo();
      Response.ResponseBuilder b =
          Problems.response(status, status.getReasonPhrase(), e.getMessage());
      r.getHeaders()
          .forEach(
              (k, v) -> {
                if (k.equalsIgnoreCase("Allow")) v.forEach(x -> b.header(k, x));
              });
      return b.build();
    }
  }

  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      if (e instanceof DomainException d) return of(d);
      if (e instanceof JsonProcessingException j) return new Json().toResponse(j);
      if (Retry.isConcurrencyConflict(e)) {
        // the use case was retried until its attempts ran out (RetriedOnConflict)
        LOG.warning("admin change lost every attempt to concurrent writers; answered 409");
        return Problems.response(
                409,
                "Conflict",
                "the change collided with concurrent changes; send the request again")
            .build();
      }
      if (Retry.isDatabaseUnavailable(e)) {
        LOG.warning(
            "admin request failed: the database cannot serve ("
                + e.getClass().getSimpleName()
                + "); answered 503");
        return Problems.response(
                503,
                "Service unavailable",
                "the database is not available at the moment; retry later")
            .header("Retry-After", "5")
            .build();
      }
      return log(e);
    }

    static Response log(Throwable e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "admin API failure, incident " + incident, e);
      return Problems.response(
              500,
              "Internal error",
              "Gangway failed to answer; the server log names incident " + incident)
          .build();
    }
  }
}
