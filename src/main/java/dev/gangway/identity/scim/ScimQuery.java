package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Criteria;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.jpa.FilterCriteria;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * What a request asks to see: the list parameters of RFC 7644 §3.4.2 (filter, sort, the 1-based
 * window, clamped per §3.4.2.4) and the projection of §3.4.2.5 ({@code attributes} or {@code
 * excludedAttributes}), from a query string or a {@code .search} body, checked against the schema
 * files before anything runs.
 *
 * @param filter the filter as sent (IdP dialect and all), null for none
 * @param attributes the names of {@code attributes}, empty for none
 * @param excluded the names of {@code excludedAttributes}, empty for none
 * @param projectionRequested whether the request names {@code attributes} or {@code
 *     excludedAttributes} at all
 * @param inBody whether it came in a {@code .search} body (a filter that does not parse says why)
 */
record ScimQuery(
    String filter,
    String sortBy,
    boolean descending,
    Integer startIndex,
    Integer count,
    List<String> attributes,
    List<String> excluded,
    boolean projectionRequested,
    boolean inBody) {

  /**
   * The query string of a GET (or of a write, for its projection).
   *
   * @param resource the endpoint ("users", "groups"): the names of its schema are checked
   */
  static ScimQuery of(String resource, MultivaluedMap<String, String> query) {
    String problem = QueryCheck.problem(resource, query);
    if (problem != null) throw DomainException.invalid(problem);
    String attributes = query.getFirst("attributes");
    String excluded = query.getFirst("excludedAttributes");
    return new ScimQuery(
        query.getFirst("filter"),
        query.getFirst("sortBy"),
        "descending".equals(query.getFirst("sortOrder")),
        integer(query.getFirst("startIndex")),
        integer(query.getFirst("count")),
        Projection.names(attributes),
        Projection.names(excluded),
        attributes != null || excluded != null,
        false);
  }

  /**
   * A {@code .search} body (RFC 7644 §3.4.3): it names the SearchRequest schema; {@code attributes}
   * and {@code excludedAttributes} are a list of names or one comma-separated string. On /Users and
   * /Groups the body is read as leniently as before Gangway owned these resources (SCIMple's
   * Jackson binding): {@code sortOrder} in any case, a number or numeric string as an integer
   * (truncated). The root /.search takes {@code "ascending"}/{@code "descending"} and integers
   * only.
   *
   * @param resource the endpoint ("users", "groups"), or "" for the root, whose names are checked
   *     per type
   */
  static ScimQuery ofSearch(String resource, ObjectNode body) {
    boolean lenient = !resource.isEmpty();
    RequestValidation.searchRequest(body);
    String attributes = names(body.get("attributes"));
    String excluded = names(body.get("excludedAttributes"));
    String problem = QueryCheck.problem(resource, attributes, excluded);
    if (problem != null) throw DomainException.invalid(problem);
    JsonNode filter = body.get("filter");
    if (filter != null && !filter.isNull() && (!filter.isTextual() || filter.asText().isBlank())) {
      throw new DomainException(Kind.INVALID_FILTER, "filter must be a non-empty string");
    }
    JsonNode sortBy = body.get("sortBy");
    return new ScimQuery(
        filter == null || filter.isNull() ? null : filter.asText(),
        sortBy == null || sortBy.isNull() ? null : sortBy.asText().strip(),
        descending(body.get("sortOrder"), lenient),
        integer(body, "startIndex", lenient),
        integer(body, "count", lenient),
        Projection.names(attributes),
        Projection.names(excluded),
        attributes != null || excluded != null,
        true);
  }

  /** The first resource of the window, 1-based. */
  int firstIndex() {
    return startIndex == null || startIndex < 1 ? 1 : startIndex;
  }

  /**
   * The size of the window: the default when none is asked, at most {@link
   * ScimLimits#maxResults()}.
   */
  int windowSize() {
    if (count == null) return ScimApplication.DEFAULT_COUNT;
    return Math.max(0, Math.min(count, ScimApplication.MAX_RESULTS));
  }

  /** The filter in RFC grammar, parsed by SCIMple; null for none. */
  FilterExpression filterExpression() {
    if (inBody) return parse(filter);
    if (filter == null || filter.isEmpty()) return null; // "?filter=" filters nothing
    try {
      return parse(filter);
    } catch (DomainException e) {
      // the query parameter's refusal as SCIMple worded it; over the limits, the limit is named
      if (e.getMessage().startsWith("cannot parse")) {
        throw new DomainException(Kind.INVALID_FILTER, ErrorMessageType.INVALID_FILTER.getDetail());
      }
      throw e;
    }
  }

  /** The query for the use cases of one resource type. */
  ResourceQuery resourceQuery() {
    Criteria criteria =
        FilterCriteria.of(
            filterExpression(), sortBy == null ? null : new AttributeReference(sortBy), descending);
    return new ResourceQuery(criteria, firstIndex() - 1, windowSize());
  }

  Projection projection(ScimSchema schema) {
    return Projection.of(schema, attributes, excluded);
  }

  /**
   * Whether a group's members are to be loaded: not when excluded, nor when attributes leaves them
   * out.
   */
  boolean membersWanted() {
    if (excluded.stream().anyMatch(ScimQuery::isMembers)) return false;
    return attributes.isEmpty() || attributes.stream().anyMatch(ScimQuery::isMembers);
  }

  private static boolean isMembers(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("members") || n.startsWith("members.") || n.endsWith(":group:members");
  }

  /**
   * A filter as IdPs send it, rewritten to RFC grammar within the limits ({@link FilterDialect})
   * and parsed.
   */
  static FilterExpression parse(String filter) {
    if (filter == null) return null;
    try {
      FilterExpression e = new Filter(FilterDialect.normalize(filter)).getExpression();
      if (e == null) throw new DomainException(Kind.INVALID_FILTER, "empty filter");
      return e;
    } catch (FilterParseException e) {
      throw new DomainException(Kind.INVALID_FILTER, "cannot parse the filter: " + e.getMessage());
    }
  }

  private static Integer integer(String v) {
    return v == null ? null : Integer.valueOf(v.strip());
  }

  private static Integer integer(JsonNode doc, String name, boolean lenient) {
    JsonNode v = doc.get(name);
    if (v == null || v.isNull()) return null;
    if (v.isIntegralNumber() && v.canConvertToInt()) return v.asInt();
    if (lenient && v.isNumber() && v.canConvertToInt()) return v.asInt();
    if (lenient && v.isTextual() && v.asText().strip().matches("-?\\d{1,9}"))
      return Integer.valueOf(v.asText().strip());
    throw DomainException.invalid(name + " must be an integer, not " + v);
  }

  private static boolean descending(JsonNode field, boolean anyCase) {
    if (field == null || field.isNull()) return false;
    String order = anyCase ? field.asText().toLowerCase(Locale.ROOT) : field.asText();
    if (order.equals("ascending")) return false;
    if (order.equals("descending")) return true;
    throw DomainException.invalid("sortOrder must be ascending or descending, not " + field);
  }

  /** A .search field: an array of names or one comma-separated string; null when absent. */
  private static String names(JsonNode field) {
    if (field == null || field.isNull()) return null;
    if (field.isArray()) {
      List<String> out = new ArrayList<>();
      field.forEach(n -> out.add(n.asText()));
      return String.join(",", out);
    }
    return field.asText();
  }
}
