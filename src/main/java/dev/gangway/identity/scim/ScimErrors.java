package dev.gangway.identity.scim;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.Retry;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.xml.bind.annotation.XmlEnumValue;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.protocol.data.ErrorResponse;
import org.apache.directory.scim.spec.exception.MutabilityException;
import org.apache.directory.scim.spec.exception.UnsupportedFilterException;
import org.apache.directory.scim.spec.filter.FilterParseException;

/**
 * SCIM error bodies (RFC 7644 §3.12) for every failure: domain rules, unparsable JSON, bad filters
 * and paths, and — logged with an incident id, never with request data — the unexpected.
 */
final class ScimErrors {
  private static final Logger LOG = Logger.getLogger(ScimErrors.class.getName());

  private ScimErrors() {}

  /**
   * A SCIM Error body: {@code detail}, {@code status} (a string), {@code scimType} when there is
   * one, {@code schemas}.
   */
  static Response response(int status, ErrorMessageType scimType, String detail) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("detail", safe(detail));
    body.put("status", String.valueOf(status));
    if (scimType != null) body.put("scimType", name(scimType));
    body.putArray("schemas").add(ErrorResponse.SCHEMA_URI);
    return Response.status(status).type(Constants.SCIM_CONTENT_TYPE).entity(body).build();
  }

  /**
   * The name RFC 7644 gives a scimType ("invalidValue"): SCIMple keeps it in the enum's XML
   * binding.
   */
  static String name(ErrorMessageType type) {
    try {
      return ErrorMessageType.class.getField(type.name()).getAnnotation(XmlEnumValue.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A request answered before it reached its use case (a body over the limit, say): the answer is
   * complete.
   */
  static final class Answered extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    Answered(Response response) {
      super(null, null, false, false);
      this.response = response;
    }

    Response response() {
      return response;
    }
  }

  @Provider
  public static class AnsweredMapper implements ExceptionMapper<Answered> {
    @Override
    public Response toResponse(Answered e) {
      return e.response();
    }
  }

  /** What JAX-RS itself refuses: no such path (404), method (405) or media type (415, 406). */
  @Provider
  public static class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      return response(e.getResponse().getStatus(), null, e.getMessage());
    }
  }

  /**
   * A detail fit for a client: no Java type names (Jackson's messages name them in backquotes), no
   * stack or source excerpt, at most 500 characters.
   */
  static String safe(String detail) {
    if (detail == null) return null;
    String d = detail;
    int nl = d.indexOf('\n');
    if (nl >= 0) d = d.substring(0, nl);
    if (d.length() > 500) d = d.substring(0, 500) + "…";
    StringBuilder out = new StringBuilder(d.length());
    int i = 0;
    while (i < d.length()) {
      int tick = d.indexOf('`', i);
      if (tick < 0) {
        out.append(d, i, d.length());
        break;
      }
      int end = d.indexOf('`', tick + 1);
      if (end < 0) {
        out.append(d, i, d.length());
        break;
      }
      out.append(d, i, tick).append(typeName(d.substring(tick + 1, end)));
      i = end + 1;
    }
    return JAVA_NAME.matcher(out).replaceAll("value").replace("Exception", "error");
  }

  /** A dotted name in a Java package (java.lang.String, org.apache…): linear, one pass. */
  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "\\b(?:java|javax|jakarta|sun|org\\.(?:apache|eclipse|glassfish|jboss|h2|mariadb|flywaydb)|com\\.fasterxml|fish\\.payara|dev\\.gangway)\\.[A-Za-z0-9_$.]*");

  private static String typeName(String javaType) {
    if (javaType.startsWith("JsonToken.")) return javaType.substring("JsonToken.".length());
    String t = javaType;
    int generic = t.indexOf('<');
    if (generic >= 0) t = t.substring(0, generic);
    t = t.substring(t.lastIndexOf('.') + 1).replace("[]", "");
    return switch (t) {
      case "String" -> "a string";
      case "Boolean", "boolean" -> "a boolean";
      case "Integer", "int", "Long", "long", "Short", "BigInteger" -> "an integer";
      case "Double", "double", "Float", "float", "BigDecimal" -> "a number";
      case "List", "ArrayList", "Set", "Collection" -> "a list";
      case "LocalDateTime", "Instant", "Date", "OffsetDateTime" -> "a dateTime";
      default -> javaType.contains(".") ? "an object" : javaType;
    };
  }

  static Response of(DomainException e) {
    return switch (e.kind()) {
      case INVALID -> response(400, ErrorMessageType.INVALID_VALUE, e.getMessage());
      case INVALID_PATH -> response(400, ErrorMessageType.INVALID_PATH, e.getMessage());
      case INVALID_FILTER -> response(400, ErrorMessageType.INVALID_FILTER, e.getMessage());
      case MUTABILITY -> response(400, ErrorMessageType.MUTABILITY, e.getMessage());
      case NOT_FOUND -> response(404, null, e.getMessage());
      case UNIQUENESS -> response(409, ErrorMessageType.UNIQUENESS, e.getMessage());
      case CONFLICT -> response(409, null, e.getMessage());
      case PRECONDITION_FAILED -> response(412, null, e.getMessage());
      case TOO_LARGE -> response(413, null, e.getMessage());
    };
  }

  /** A refusal whose SCIM error type the domain has no kind for (e.g. noTarget). */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorMessageType type;

    Refusal(ErrorMessageType type, String detail) {
      super(detail);
      this.type = type;
    }
  }

  @Provider
  public static class RefusalMapper implements ExceptionMapper<Refusal> {
    @Override
    public Response toResponse(Refusal e) {
      return response(400, e.type, e.getMessage());
    }
  }

  @Provider
  public static class Domain implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
      return of(e);
    }
  }

  /** Bodies that are not JSON, or JSON of the wrong shape, including bad PATCH paths. */
  @Provider
  public static class Json implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof FilterParseException f) {
          boolean inFilter =
              e instanceof JsonMappingException m
                  && m.getPath().stream().anyMatch(r -> "filter".equals(r.getFieldName()));
          return inFilter
              ? response(
                  400,
                  ErrorMessageType.INVALID_FILTER,
                  "cannot parse the filter: " + f.getMessage())
              : response(
                  400, ErrorMessageType.INVALID_PATH, "cannot parse the path: " + f.getMessage());
        }
        if (t instanceof DomainException d) return of(d);
      }
      if (e instanceof MismatchedInputException
          && !(e.getCause() instanceof JsonParseException)
          && e.getLocation() != null
          && !e.getOriginalMessage().contains("end-of-input")) {
        // well-formed JSON with a value of the wrong type (a list for a string, "perhaps" for a
        // boolean)
        return response(
            400,
            ErrorMessageType.INVALID_VALUE,
            "a value does not have its attribute's type: " + e.getOriginalMessage());
      }
      return response(
          400,
          ErrorMessageType.INVALID_SYNTAX,
          "the request body is not valid SCIM JSON: " + e.getOriginalMessage());
    }
  }

  @Provider
  public static class Mutability implements ExceptionMapper<MutabilityException> {
    @Override
    public Response toResponse(MutabilityException e) {
      return response(400, ErrorMessageType.MUTABILITY, e.getMessage());
    }
  }

  @Provider
  public static class FilterParse implements ExceptionMapper<FilterParseException> {
    @Override
    public Response toResponse(FilterParseException e) {
      return response(
          400, ErrorMessageType.INVALID_FILTER, "cannot parse the filter: " + e.getMessage());
    }
  }

  @Provider
  public static class UnsupportedFilter implements ExceptionMapper<UnsupportedFilterException> {
    @Override
    public Response toResponse(UnsupportedFilterException e) {
      return response(400, ErrorMessageType.INVALID_FILTER, e.getMessage());
    }
  }

  /**
   * The answer to any failure, as the mappers above give it; what Gangway's own resources (/Bulk
   * per operation, /.search) use for failures they catch themselves.
   */
  static Response of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MutabilityException m) return new Mutability().toResponse(m);
      if (t instanceof FilterParseException f) return new FilterParse().toResponse(f);
      if (t instanceof UnsupportedFilterException u) return new UnsupportedFilter().toResponse(u);
    }
    return new Unexpected().toResponse(e);
  }

  /**
   * The column a value was too long for (empty when the database did not say), or null when {@code
   * e} is not a "string data, right truncation" (SQLState 22001) refusal.
   */
  static String tooLongFor(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException q && "22001".equals(q.getSQLState())) {
        String m = q.getMessage() == null ? "" : q.getMessage();
        int at = m.toLowerCase(Locale.ROOT).indexOf("column ");
        if (at < 0) return "";
        StringBuilder column = new StringBuilder();
        for (int i = at + 7; i < m.length() && column.length() < 64; i++) {
          char c = m.charAt(i);
          if (c == '\'' || c == '"' || c == '`') {
            if (column.length() > 0) break;
            continue;
          }
          if (!Character.isLetterOrDigit(c) && c != '_') break;
          column.append(Character.toLowerCase(c));
        }
        return column.toString().replace('_', ' ');
      }
    }
    return null;
  }

  /**
   * Everything else: never a message or type name of the failure, which the log keeps under an
   * incident id.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof DomainException d) return of(d);
        if (t instanceof Refusal r) return new RefusalMapper().toResponse(r);
        if (t instanceof Answered a) return a.response();
        if (t instanceof JsonProcessingException j) return new Json().toResponse(j);
      }
      if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
        return response(w.getResponse().getStatus(), null, w.getMessage());
      }
      String tooLong = tooLongFor(e);
      if (tooLong != null) {
        // SQLState 22001 (MariaDB "Data too long", H2 "Value too long"): nothing was written
        return response(
            400,
            ErrorMessageType.INVALID_VALUE,
            "a value is longer than Gangway stores"
                + (tooLong.isEmpty() ? "" : " for " + tooLong)
                + "; shorten it");
      }
      if (Retry.isConcurrencyConflict(e)) {
        // retried until the attempts ran out (see Retry): the IdP may send it again
        LOG.warning("SCIM change lost every attempt to concurrent writers; answered 409");
        return response(
            409,
            null,
            "the resource was changed concurrently by other requests; send the request again");
      }
      if (Retry.isDatabaseUnavailable(e)) {
        LOG.warning(
            "SCIM request failed: the database cannot serve ("
                + e.getClass().getSimpleName()
                + "); answered 503");
        return Response.fromResponse(
                response(503, null, "the database is not available at the moment; retry later"))
            .header("Retry-After", "5")
            .build();
      }
      String incident = UUID.randomUUID().toString();
      if (e instanceof StackOverflowError) {
        // thousands of identical frames would say nothing more, and a client could repeat them at
        // will
        LOG.severe("SCIM request failed, incident " + incident + ": stack overflow");
      } else {
        LOG.log(Level.SEVERE, "SCIM request failed, incident " + incident, e);
      }
      return response(
          500, null, "Gangway failed to answer; the server log names incident " + incident);
    }
  }
}
