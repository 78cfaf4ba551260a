package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.directory.scim.protocol.ErrorMessageType;

/**
 * Checks a resource document a client sends (POST, PUT, or the result of a PATCH) against the
 * schema files: {@code required} attributes are present, values have their {@code type}, {@code
 * canonicalValues} are respected (case-insensitively), {@code readOnly} attributes are ignored (RFC
 * 7644 §3.5.1) and {@code immutable} ones keep their value once set. {@code uniqueness} is the
 * database's job (unique keys per directory).
 *
 * <p>The IdP dialects stay accepted: booleans as the strings "True"/"False" (Entra), a complex
 * attribute with a {@code value} given as that bare value (Entra's manager id), and a single value
 * where a list is expected.
 */
final class RequestValidation {
  private RequestValidation() {}

  /**
   * A copy of {@code doc} without its read-only attributes, after checking it.
   *
   * @param current the resource as stored, for immutability; null on create
   */
  static ObjectNode check(ScimSchema schema, ObjectNode doc, ObjectNode current) {
    ObjectNode out = doc.deepCopy();
    container(schema, null, out, current, "");
    for (String urn : schema.extensionUrns()) {
      String key = fieldName(out, urn);
      JsonNode ext = key == null ? null : out.get(key);
      if (ext == null || ext.isNull()) continue;
      if (!ext.isObject()) throw invalid(urn + " must be an object of its attributes");
      JsonNode cur = current == null ? null : current.get(urn);
      container(schema, urn, (ObjectNode) ext, cur instanceof ObjectNode c ? c : null, urn + ":");
    }
    for (String name : schema == ScimSchema.GROUPS ? IDENTIFIERS_OF_GROUPS : IDENTIFIERS_OF_USERS) {
      JsonNode v = out.get(name);
      if (v != null
          && v.isTextual()
          && padded(v.asText())
          && (current == null || !v.equals(current.get(name)))) {
        throw invalid(
            name
                + " must not begin or end with white space: \""
                + shortened(v.asText())
                + "\" would be a look-alike of the value without it");
      }
    }
    return out;
  }

  /** Identifiers IdPs look resources up by: compared exactly, so never padded with white space. */
  private static final List<String> IDENTIFIERS_OF_USERS = List.of("userName", "externalId");

  private static final List<String> IDENTIFIERS_OF_GROUPS = List.of("displayName", "externalId");

  static boolean padded(String s) {
    if (s.isEmpty()) return false;
    int first = s.codePointAt(0);
    int last = s.codePointBefore(s.length());
    return blank(first) || blank(last);
  }

  private static boolean blank(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }

  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  /** RFC 7644 §3.4.3: a .search body names the SearchRequest schema. */
  static void searchRequest(ObjectNode body) {
    if (!names(body, SEARCH_REQUEST)) {
      throw new ScimErrors.Refusal(
          ErrorMessageType.INVALID_SYNTAX,
          "a .search request's \"schemas\" must be [\"" + SEARCH_REQUEST + "\"]");
    }
  }

  private static boolean names(ObjectNode body, String urn) {
    String key = fieldName(body, "schemas");
    JsonNode schemas = key == null ? null : body.get(key);
    boolean found = false;
    if (schemas != null && schemas.isArray()) {
      for (JsonNode s : schemas) found |= s.isTextual() && s.asText().equalsIgnoreCase(urn);
    }
    return found;
  }

  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /**
   * RFC 7643 §3: a resource's {@code schemas} lists its core schema and only extensions its
   * resource type declares (Entra's group schema is the one tolerated exception).
   */
  static void schemas(ScimSchema schema, ObjectNode doc) {
    String key = fieldName(doc, "schemas");
    JsonNode schemas = key == null ? null : doc.get(key);
    if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
      throw new ScimErrors.Refusal(
          ErrorMessageType.INVALID_SYNTAX,
          "\"schemas\" must list " + schema.coreUrn() + " (and the extensions used)");
    }
    boolean core = false;
    for (JsonNode s : schemas) {
      String urn = s.isTextual() ? s.asText() : null;
      if (urn == null) throw invalid("\"schemas\" lists schema URNs (strings), not " + s);
      if (urn.equalsIgnoreCase(schema.coreUrn())) core = true;
      else if (schema.extension(urn).isEmpty()
          && !(schema == ScimSchema.GROUPS && urn.equalsIgnoreCase(ScimSchema.MS_GROUP))) {
        throw invalid(
            "\"schemas\" names "
                + shortened(urn)
                + ", which is not a schema of a "
                + schema.resourceType()
                + " ("
                + schema.coreUrn()
                + (schema.extensionUrns().isEmpty()
                    ? ""
                    : " and its extensions " + schema.extensionUrns())
                + ")");
      }
    }
    if (!core) throw invalid("\"schemas\" must list " + schema.coreUrn());
  }

  /**
   * The operations of a PATCH request (RFC 7644 §3.5.2): the body names the PatchOp schema and
   * holds a non-empty list of operation objects, each with its {@code op}.
   */
  static ArrayNode patchOperations(ObjectNode body) {
    if (!names(body, PATCH_OP)) {
      throw new ScimErrors.Refusal(
          ErrorMessageType.INVALID_SYNTAX,
          "a PATCH request's \"schemas\" must be [\"" + PATCH_OP + "\"]");
    }
    JsonNode ops = body.get("Operations");
    if (ops == null)
      ops = fieldName(body, "Operations") == null ? null : body.get(fieldName(body, "Operations"));
    if (!(ops instanceof ArrayNode list) || list.isEmpty()) {
      throw new ScimErrors.Refusal(
          ErrorMessageType.INVALID_SYNTAX,
          "a PATCH request needs \"Operations\": a list of at least one operation");
    }
    for (JsonNode op : list) {
      if (!op.isObject() || !op.path("op").isTextual()) {
        throw new ScimErrors.Refusal(
            ErrorMessageType.INVALID_SYNTAX,
            "each PATCH operation is an object with \"op\" (add, remove or replace), not "
                + shortened(op.toString()));
      }
    }
    return list;
  }

  private static String shortened(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }

  private static void container(
      ScimSchema schema, String urn, ObjectNode node, ObjectNode current, String prefix) {
    Map<String, ScimSchema.Attr> attrs = schema.attributes(urn);
    for (ScimSchema.Attr a : attrs.values()) {
      String key = fieldName(node, a.name());
      if (key != null
          && !key.equals(a.name())) { // names are case-insensitive: store the canonical one
        node.set(a.name(), node.remove(key));
        key = a.name();
      }
      JsonNode v = key == null ? null : node.get(key);
      if (a.mutability() == ScimSchema.Mutability.READ_ONLY) {
        if (key != null && !a.name().equals("schemas")) node.remove(key); // ignored, never an error
        continue;
      }
      if (absent(v)) {
        if (a.required()) throw invalid(prefix + a.name() + " is required");
        continue;
      }
      value(a, v, prefix + a.name());
      if (a.mutability() == ScimSchema.Mutability.IMMUTABLE && current != null) {
        JsonNode was = current.get(a.name());
        if (!absent(was) && !was.equals(v)) {
          throw new DomainException(
              Kind.MUTABILITY, prefix + a.name() + " is immutable and cannot change");
        }
      }
    }
  }

  private static void value(ScimSchema.Attr a, JsonNode v, String path) {
    if (a.multiValued()) {
      for (JsonNode e : v.isArray() ? v : List.of(v)) {
        if (!absent(e)) single(a, e, path);
      }
      return;
    }
    if (v.isArray()) throw invalid(path + " takes a single value, not a list");
    single(a, v, path);
  }

  private static void single(ScimSchema.Attr a, JsonNode v, String path) {
    switch (a.type()) {
      case "complex" -> {
        if (v.isTextual() && a.subAttr("value").isPresent()) return; // Entra's bare manager id
        if (!v.isObject())
          throw invalid(path + " is complex: give it as an object of its sub-attributes");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          var sub = a.subAttr(f.getKey());
          if (sub.isEmpty() || absent(f.getValue())) continue;
          if (sub.get().mutability() == ScimSchema.Mutability.READ_ONLY) continue;
          single(sub.get(), f.getValue(), path + "." + sub.get().name());
        }
        for (ScimSchema.Attr sub : a.subAttributes().values()) {
          if (sub.required() && absent(v.get(sub.name())))
            throw invalid(path + "." + sub.name() + " is required");
        }
      }
      case "boolean" -> {
        if (!v.isBoolean() && !(v.isTextual() && v.asText().strip().matches("(?i)true|false"))) {
          throw invalid(path + " must be true or false, not " + v);
        }
      }
      case "integer" -> {
        if (!v.isIntegralNumber()) throw invalid(path + " must be an integer, not " + v);
      }
      case "decimal" -> {
        if (!v.isNumber()) throw invalid(path + " must be a number, not " + v);
      }
      case "dateTime" -> {
        try {
          OffsetDateTime.parse(v.asText());
        } catch (DateTimeParseException e) {
          throw invalid(path + " must be a dateTime such as 2026-01-31T12:00:00Z, not " + v);
        }
      }
      default -> { // string, reference, binary
        if (!v.isTextual()) {
          // a value never returned (password) is not echoed either: error details are kept as
          // recent errors
          throw invalid(
              path
                  + " must be a string"
                  + (a.returned() == ScimSchema.Returned.NEVER ? "" : ", not " + v));
        }
        if (!a.canonicalValues().isEmpty()
            && a.canonicalValues().stream().noneMatch(c -> c.equalsIgnoreCase(v.asText()))) {
          throw invalid(
              path + " must be one of " + a.canonicalValues() + ", not \"" + v.asText() + "\"");
        }
      }
    }
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull() || v.isTextual() && v.asText().isEmpty();
  }

  /** The document's spelling of an attribute name (names are case-insensitive). */
  private static String fieldName(ObjectNode node, String name) {
    if (node.has(name)) return name;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (f.equalsIgnoreCase(name)) return f;
    }
    return null;
  }

  private static DomainException invalid(String message) {
    return new DomainException(Kind.INVALID, message);
  }
}
