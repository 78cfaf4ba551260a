package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gangway.identity.jpa.FilterRepair;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.AttributePresentExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.apache.directory.scim.spec.filter.GroupExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperationPath;

/**
 * Applies SCIM PATCH operations (RFC 7644 §3.5.2) to a resource's JSON document, in order, on a
 * copy: a failing operation leaves the caller's document untouched, so a request applies whole or
 * not at all.
 *
 * <p>Also the IdP dialects: op names in any case (Entra's "Replace"), path-less values whose keys
 * are paths ("name.givenName", "urn:…:User:department") or whole extension objects, booleans as
 * strings ("False"), the manager as a raw id string and {@code ""} or null to clear an attribute,
 * {@code remove} of listed values of a multi-valued attribute, and a {@code replace} through a
 * {@code type eq "work"} filter that creates the value when none matches.
 */
final class JsonPatch {
  /** One operation of a PatchOp request: op name, path text (or null), value. */
  record Operation(String op, String path, JsonNode value) {}

  /**
   * The operations of a PatchOp body ({@link RequestValidation#patchOperations}: the PatchOp
   * schema, at least one operation, each with its {@code op}); a path is text or absent.
   */
  static List<Operation> operations(ObjectNode body) {
    List<Operation> out = new ArrayList<>();
    for (JsonNode o : RequestValidation.patchOperations(body)) {
      JsonNode path = o.get("path");
      if (path != null && !path.isNull() && !path.isTextual()) {
        throw new DomainException(
            Kind.INVALID_PATH,
            "a PATCH path is a string, not " + path.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      String text = path == null || path.isNull() ? null : path.asText();
      if (text != null && !text.isBlank()) parsePath(text); // a bad path fails before any work
      out.add(new Operation(o.get("op").asText(), text, o.get("value")));
    }
    return out;
  }

  private enum Op {
    ADD,
    REPLACE,
    REMOVE
  }

  private final ScimSchema schema;

  JsonPatch(ScimSchema schema) {
    this.schema = schema;
  }

  /** The patched copy of {@code document}. */
  ObjectNode apply(ObjectNode document, List<Operation> operations) {
    ObjectNode doc = document.deepCopy();
    for (Operation o : operations) {
      Op op = parseOp(o.op());
      if (o.path() == null || o.path().isBlank()) {
        pathless(doc, op, o.value());
      } else {
        Target t = parsePath(o.path());
        applyAt(doc, op, t, o.value(), false);
      }
    }
    return doc;
  }

  private static Op parseOp(String op) {
    if (op == null)
      throw new DomainException(Kind.INVALID, "an operation needs \"op\": add, replace or remove");
    return switch (op.toLowerCase(Locale.ROOT)) {
      case "add" -> Op.ADD;
      case "replace" -> Op.REPLACE;
      case "remove" -> Op.REMOVE;
      default ->
          throw new DomainException(Kind.INVALID, "op '" + op + "' is not add, replace or remove");
    };
  }

  /** A parsed path: attribute (with its extension URN), optional filter, optional sub-attribute. */
  record Target(String urn, String attribute, FilterExpression filter, String sub) {}

  static Target parsePath(String path) {
    String p = path.strip();
    try {
      var vpe = PatchOperationPath.fromString(FilterDialect.normalize(p)).getValuePathExpression();
      AttributeReference ref = vpe.getAttributePath();
      var filter =
          vpe.getAttributeExpression() == null
              ? null
              : FilterRepair.apply(vpe.getAttributeExpression());
      return new Target(ref.getUrn(), ref.getAttributeName(), filter, ref.getSubAttributeName());
    } catch (FilterParseException | RuntimeException e) {
      throw new DomainException(Kind.INVALID_PATH, "path '" + path + "' cannot be parsed");
    }
  }

  private void pathless(ObjectNode doc, Op op, JsonNode value) {
    if (op == Op.REMOVE) {
      // RFC 7644 §3.5.2.2: a remove without a path fails with noTarget
      throw new ScimErrors.Refusal(ErrorMessageType.NO_TARGET, "remove needs a path");
    }
    if (value == null || !value.isObject()) {
      throw new DomainException(Kind.INVALID, "an operation without a path needs an object value");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      var extension = schema.extension(key);
      if (extension.isPresent()) {
        if (!f.getValue().isObject()) {
          throw new DomainException(Kind.INVALID, key + " must be an object of its attributes");
        }
        f.getValue()
            .fields()
            .forEachRemaining(
                e ->
                    applyAt(
                        doc,
                        op,
                        new Target(extension.get(), e.getKey(), null, null),
                        e.getValue(),
                        true));
      } else if (key.equalsIgnoreCase("schemas")) {
        // the resource's schemas follow from its attributes; a client's list is not applied
      } else {
        applyAt(doc, op, parsePath(key), f.getValue(), true);
      }
    }
  }

  private void applyAt(ObjectNode doc, Op op, Target t, JsonNode value, boolean pathless) {
    String urn =
        t.urn() == null || t.urn().equalsIgnoreCase(schema.coreUrn())
            ? null
            : schema
                .extension(t.urn())
                .orElseThrow(
                    () ->
                        new DomainException(Kind.INVALID_PATH, "unknown schema '" + t.urn() + "'"));
    ScimSchema.Attr a =
        schema
            .find(urn, t.attribute())
            .orElseThrow(
                () ->
                    new DomainException(
                        Kind.INVALID_PATH,
                        "'"
                            + t.attribute()
                            + "' is not an attribute of "
                            + (urn == null ? "this resource" : urn)));
    if (a.mutability() == ScimSchema.Mutability.READ_ONLY) {
      if (pathless
          && (a.name().equals("meta")
              || a.name().equals("id")
                  && value != null
                  && value.asText().equals(doc.path("id").asText()))) {
        return; // Okta re-sends the id (unchanged) in path-less replaces
      }
      throw new DomainException(Kind.MUTABILITY, a.name() + " is read-only");
    }
    String sub =
        t.sub() == null
            ? null
            : a.sub(t.sub())
                .orElseThrow(
                    () ->
                        new DomainException(
                            Kind.INVALID_PATH,
                            "'" + t.sub() + "' is not a sub-attribute of " + a.name()));
    ObjectNode container = urn == null ? doc : containerFor(doc, urn, op);
    if (container == null) return; // removing from an absent extension: nothing to do
    if (t.filter() != null) {
      filtered(container, op, a, t.filter(), sub, value);
    } else if (sub != null) {
      subAttribute(container, op, a, sub, value);
    } else {
      whole(container, op, a, value);
    }
    if (urn != null && container.isEmpty()) doc.remove(urn);
    if (a.multiValued()) onePrimary(container.path(a.name()));
  }

  private static ObjectNode containerFor(ObjectNode doc, String urn, Op op) {
    JsonNode existing = doc.get(urn);
    if (existing != null && existing.isObject()) return (ObjectNode) existing;
    if (op == Op.REMOVE) return null;
    return doc.putObject(urn);
  }

  private void whole(ObjectNode c, Op op, ScimSchema.Attr a, JsonNode value) {
    String name = a.name();
    if (op == Op.REMOVE) {
      if (a.required())
        throw new DomainException(Kind.MUTABILITY, name + " is required and cannot be removed");
      if (a.multiValued()
          && value != null
          && value.isArray()
          && c.get(name) instanceof ArrayNode arr) {
        removeListed(arr, value); // Entra: remove only the listed values
        if (arr.isEmpty()) c.remove(name);
      } else {
        c.remove(name);
      }
      return;
    }
    if (isEmpty(value)) {
      if (a.required())
        throw new DomainException(Kind.INVALID, name + " is required and cannot be empty");
      c.remove(name);
      return;
    }
    if (a.multiValued()) {
      ArrayNode values = asArray(value, a);
      if (op == Op.REPLACE || !(c.get(name) instanceof ArrayNode)) {
        c.set(name, values);
      } else {
        ArrayNode arr = (ArrayNode) c.get(name);
        for (JsonNode v : values) if (!contains(arr, v)) arr.add(v);
      }
    } else if (a.complex()) {
      ObjectNode v = complexValue(a, value);
      // RFC 7644 §3.5.2.3: sub-attributes the value leaves out stay as they are. A bare id
      // (Entra's manager) names a different reference, so it replaces the whole value.
      if (value.isObject() && c.get(name) instanceof ObjectNode current) {
        v.fields().forEachRemaining(e -> current.set(e.getKey(), e.getValue()));
      } else {
        c.set(name, v);
      }
    } else {
      c.set(name, scalar(a, value));
    }
  }

  private void subAttribute(ObjectNode c, Op op, ScimSchema.Attr a, String sub, JsonNode value) {
    JsonNode current = c.get(a.name());
    if (a.multiValued()) {
      if (current instanceof ArrayNode arr) {
        for (JsonNode e : arr) setOrRemove((ObjectNode) e, op, sub, value);
      }
      return;
    }
    if (op == Op.REMOVE || isEmpty(value)) {
      if (current instanceof ObjectNode o) {
        o.remove(sub);
        if (o.isEmpty()) c.remove(a.name());
      }
      return;
    }
    ObjectNode o = current instanceof ObjectNode x ? x : c.putObject(a.name());
    o.set(sub, value);
  }

  private void filtered(
      ObjectNode c, Op op, ScimSchema.Attr a, FilterExpression filter, String sub, JsonNode value) {
    if (!a.multiValued()) {
      // Entra removes the manager as manager[value eq "id"]: a filter on a single complex value
      JsonNode current = c.get(a.name());
      if (op == Op.REMOVE && current != null && current.isObject() && matches(current, filter))
        c.remove(a.name());
      else if (op == Op.REMOVE) return;
      else
        throw new DomainException(
            Kind.INVALID_PATH, a.name() + " is not multi-valued; '[...]' does not apply");
      return;
    }
    ArrayNode arr = c.get(a.name()) instanceof ArrayNode x ? x : null;
    List<ObjectNode> hits = new ArrayList<>();
    if (arr != null)
      for (JsonNode e : arr) if (e.isObject() && matches(e, filter)) hits.add((ObjectNode) e);
    if (op == Op.REMOVE) {
      if (arr == null) return;
      if (sub == null) {
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); )
          if (hits.contains(it.next())) it.remove();
        if (arr.isEmpty()) c.remove(a.name());
      } else {
        hits.forEach(h -> h.remove(sub));
      }
      return;
    }
    if (hits.isEmpty()) {
      ObjectNode created =
          seedFrom(filter)
              .orElseThrow(
                  () ->
                      new DomainException(
                          Kind.INVALID_PATH,
                          "no value of " + a.name() + " matches " + filter.toFilter()));
      if (isEmpty(value)) return;
      if (sub != null) setOrRemove(created, op, sub, value);
      else if (value.isObject())
        value.fields().forEachRemaining(e -> created.set(e.getKey(), e.getValue()));
      else throw new DomainException(Kind.INVALID, a.name() + " values are objects");
      (arr != null ? arr : c.putArray(a.name())).add(created);
      return;
    }
    for (ObjectNode h : hits) {
      if (sub != null) {
        setOrRemove(h, isEmpty(value) ? Op.REMOVE : op, sub, value);
      } else if (value != null && value.isObject()) {
        if (op == Op.REPLACE) h.removeAll();
        value.fields().forEachRemaining(e -> h.set(e.getKey(), e.getValue()));
      } else {
        throw new DomainException(Kind.INVALID, a.name() + " values are objects");
      }
    }
  }

  private static void setOrRemove(ObjectNode o, Op op, String sub, JsonNode value) {
    if (op == Op.REMOVE || isEmpty(value)) o.remove(sub);
    else o.set(sub, sub.equals("primary") ? bool(value, sub) : value);
  }

  /** For {@code type eq "work"} (and such equalities), the value a replace creates. */
  private static Optional<ObjectNode> seedFrom(FilterExpression filter) {
    ObjectNode seed = JsonNodeFactory.instance.objectNode();
    return collectEqualities(filter, seed) ? Optional.of(seed) : Optional.empty();
  }

  private static boolean collectEqualities(FilterExpression f, ObjectNode seed) {
    if (f instanceof AttributeComparisonExpression c && c.getOperation() == CompareOperator.EQ) {
      String name = subName(c.getAttributePath());
      Object v = c.getCompareValue();
      seed.set(
          name,
          v instanceof Boolean b ? BooleanNode.valueOf(b) : TextNode.valueOf(String.valueOf(v)));
      return true;
    }
    if (f instanceof LogicalExpression l && l.getOperator() == LogicalOperator.AND) {
      return collectEqualities(l.getLeft(), seed) && collectEqualities(l.getRight(), seed);
    }
    return false;
  }

  /** Whether a value (an element of a multi-valued attribute) matches a value filter. */
  static boolean matches(JsonNode element, FilterExpression f) {
    if (f instanceof LogicalExpression l) {
      boolean left = matches(element, l.getLeft());
      return switch (l.getOperator()) {
        case AND -> left && matches(element, l.getRight());
        case OR -> left || matches(element, l.getRight());
      };
    }
    if (f instanceof GroupExpression g) {
      boolean inner = matches(element, g.getFilterExpression());
      return g.isNot() != inner;
    }
    if (f instanceof AttributePresentExpression p) {
      JsonNode v = element.get(subName(p.getAttributePath()));
      return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }
    if (f instanceof AttributeComparisonExpression c) {
      JsonNode v = field(element, subName(c.getAttributePath()));
      Object expected = c.getCompareValue();
      if (expected == null) {
        return (c.getOperation() == CompareOperator.EQ) == (v == null || v.isNull());
      }
      if (v == null || v.isNull()) return c.getOperation() == CompareOperator.NE;
      if (expected instanceof Boolean b) {
        boolean actual = v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
        return switch (c.getOperation()) {
          case EQ -> actual == b;
          case NE -> actual != b;
          default ->
              throw new DomainException(Kind.INVALID_FILTER, "booleans compare with eq or ne");
        };
      }
      String a = v.asText().toLowerCase(Locale.ROOT);
      String e = String.valueOf(expected).toLowerCase(Locale.ROOT);
      return switch (c.getOperation()) {
        case EQ -> a.equals(e);
        case NE -> !a.equals(e);
        case CO -> a.contains(e);
        case SW -> a.startsWith(e);
        case EW -> a.endsWith(e);
        case GT -> a.compareTo(e) > 0;
        case GE -> a.compareTo(e) >= 0;
        case LT -> a.compareTo(e) < 0;
        case LE -> a.compareTo(e) <= 0;
        case PR -> true;
      };
    }
    throw new DomainException(Kind.INVALID_FILTER, "unsupported value filter " + f.toFilter());
  }

  private static JsonNode field(JsonNode element, String name) {
    Iterator<Map.Entry<String, JsonNode>> it = element.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  private static String subName(AttributeReference ref) {
    return ref.getSubAttributeName() != null ? ref.getSubAttributeName() : ref.getAttributeName();
  }

  private static void removeListed(ArrayNode arr, JsonNode listed) {
    for (JsonNode l : listed) {
      String v = l.isObject() ? l.path("value").asText(null) : l.asText(null);
      if (v == null) continue;
      for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
        if (v.equalsIgnoreCase(it.next().path("value").asText(null))) it.remove();
      }
    }
  }

  private static boolean contains(ArrayNode arr, JsonNode v) {
    for (JsonNode e : arr) if (e.equals(v)) return true;
    return false;
  }

  private static ArrayNode asArray(JsonNode value, ScimSchema.Attr a) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode v : value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value)) {
      if (!v.isObject())
        throw new DomainException(
            Kind.INVALID, a.name() + " values are objects, e.g. {\"value\": …}");
      out.add(v);
    }
    return out;
  }

  private static ObjectNode complexValue(ScimSchema.Attr a, JsonNode value) {
    if (value.isObject()) return (ObjectNode) value.deepCopy();
    if (value.isTextual() && a.sub("value").isPresent()) {
      return JsonNodeFactory.instance
          .objectNode()
          .put("value", value.asText()); // Entra's raw manager id
    }
    if (value.isArray() && value.size() == 1 && value.get(0).isObject())
      return (ObjectNode) value.get(0).deepCopy();
    throw new DomainException(
        Kind.INVALID, a.name() + " is a complex attribute; give it as an object");
  }

  private static JsonNode scalar(ScimSchema.Attr a, JsonNode value) {
    if (a.bool()) return bool(value, a.name());
    if (value.isContainerNode())
      throw new DomainException(Kind.INVALID, a.name() + " takes a single value");
    return value;
  }

  static BooleanNode bool(JsonNode value, String name) {
    if (value.isBoolean()) return (BooleanNode) value;
    if (value.isTextual()) {
      String s = value.asText().strip();
      if (s.equalsIgnoreCase("true")) return BooleanNode.TRUE;
      if (s.equalsIgnoreCase("false")) return BooleanNode.FALSE;
    }
    throw new DomainException(Kind.INVALID, name + " must be true or false, not " + value);
  }

  private static boolean isEmpty(JsonNode v) {
    return v == null || v.isNull() || v.isTextual() && v.asText().isEmpty();
  }

  /** At most one value of a multi-valued attribute is primary: the last one marked wins. */
  private static void onePrimary(JsonNode values) {
    if (!(values instanceof ArrayNode arr)) return;
    for (JsonNode e : arr) {
      if (e instanceof ObjectNode o && o.has("primary") && !o.get("primary").isNull()) {
        o.set("primary", bool(o.get("primary"), "primary"));
      }
    }
    int last = -1;
    for (int i = 0; i < arr.size(); i++) if (arr.get(i).path("primary").asBoolean(false)) last = i;
    for (int i = 0; i < arr.size(); i++) {
      if (i != last && arr.get(i).has("primary") && arr.get(i) instanceof ObjectNode o)
        o.put("primary", false);
    }
  }
}
