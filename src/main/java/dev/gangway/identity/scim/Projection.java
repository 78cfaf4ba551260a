package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5, §3.9) on a resource's JSON
 * document, by the {@code returned} characteristic of the schema files: {@code always} attributes
 * stay, {@code never} ones (password) never show, {@code request} ones only when named, {@code
 * default} ones unless excluded or left out of an {@code attributes} list. A sub-attribute ({@code
 * name.givenName}, {@code emails.value}) selects or removes just that part; an extension URN
 * selects or removes the whole extension.
 */
final class Projection {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * One named path: extension URN ("" for the core schema), attribute and sub-attribute,
   * lower-case.
   */
  private record Path(String urn, String attribute, String sub) {}

  private final ScimSchema schema;
  private final Set<Path> paths = new HashSet<>();
  private final Set<String> wholeExtensions = new HashSet<>();
  private final boolean include;

  private Projection(ScimSchema schema, List<String> names, boolean include) {
    this.schema = schema;
    this.include = include;
    for (String name : names) parse(name.strip());
  }

  /**
   * The projection a request asks for; both lists given is an error (RFC 7644 names them as
   * alternatives).
   */
  static Projection of(ScimSchema schema, List<String> attributes, List<String> excluded) {
    if (!attributes.isEmpty() && !excluded.isEmpty()) {
      throw DomainException.invalid("give attributes or excludedAttributes, not both");
    }
    return attributes.isEmpty()
        ? new Projection(schema, excluded, false)
        : new Projection(schema, attributes, true);
  }

  /** The names of a query parameter or a .search body field: comma-separated, blanks ignored. */
  static List<String> names(String commaSeparated) {
    if (commaSeparated == null) return List.of();
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private void parse(String name) {
    if (name.isEmpty()) return;
    var ext = schema.extension(name);
    if (ext.isPresent()) {
      wholeExtensions.add(ext.get().toLowerCase(Locale.ROOT));
      return;
    }
    String urn = "";
    String rest = name;
    int colon = name.lastIndexOf(':');
    if (colon >= 0) {
      String u = name.substring(0, colon);
      rest = name.substring(colon + 1);
      if (!u.equalsIgnoreCase(schema.coreUrn())) {
        urn =
            schema
                .extension(u)
                .orElseThrow(() -> DomainException.invalid("unknown schema in '" + name + "'"))
                .toLowerCase(Locale.ROOT);
      }
    }
    String[] parts = rest.split("\\.", 2);
    paths.add(
        new Path(
            urn,
            parts[0].toLowerCase(Locale.ROOT),
            parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : null));
  }

  /** A projected copy of {@code doc}. */
  ObjectNode apply(ObjectNode doc) {
    ObjectNode out = JSON.objectNode();
    for (var it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      var ext = schema.extension(key);
      if (ext.isPresent()) {
        if (!f.getValue().isObject()) continue;
        String urn = ext.get().toLowerCase(Locale.ROOT);
        ObjectNode projected =
            container((ObjectNode) f.getValue(), urn, schema.attributes(ext.get()));
        if (!projected.isEmpty()) out.set(key, projected);
      } else {
        JsonNode v =
            attribute(
                "", schema.attributes(null).get(key.toLowerCase(Locale.ROOT)), key, f.getValue());
        if (v != null) out.set(key, v);
      }
    }
    if (out.get("schemas") instanceof ArrayNode schemas) {
      // schemas names what the document holds: drop extensions the projection removed
      ArrayNode kept = JSON.arrayNode();
      for (JsonNode s : schemas) {
        if (schema.extension(s.asText()).isEmpty() || out.has(schema.extension(s.asText()).get()))
          kept.add(s);
      }
      out.set("schemas", kept);
    }
    return out;
  }

  private ObjectNode container(ObjectNode node, String urn, Map<String, ScimSchema.Attr> attrs) {
    boolean whole = wholeExtensions.contains(urn);
    ObjectNode out = JSON.objectNode();
    for (var it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      ScimSchema.Attr a = attrs.get(f.getKey().toLowerCase(Locale.ROOT));
      JsonNode v;
      if (whole && a != null) {
        // the extension named as a whole: what it returns by default (never and request stay out)
        v =
            include
                ? (a.returned() == ScimSchema.Returned.ALWAYS
                        || a.returned() == ScimSchema.Returned.DEFAULT
                    ? f.getValue()
                    : null)
                : (a.returned() == ScimSchema.Returned.ALWAYS ? f.getValue() : null);
      } else {
        v = attribute(urn, a, f.getKey(), f.getValue());
      }
      if (v != null) out.set(f.getKey(), v);
    }
    return out;
  }

  /** The value of one attribute as projected, or null to leave it out. */
  private JsonNode attribute(String urn, ScimSchema.Attr a, String key, JsonNode value) {
    if (a == null)
      return include ? null : value; // not in the schema (should not happen): shown by default
    switch (a.returned()) {
      case ALWAYS:
        return value;
      case NEVER:
        return null;
      default:
        break;
    }
    String name = a.name().toLowerCase(Locale.ROOT);
    boolean named = paths.contains(new Path(urn, name, null));
    Set<String> subs = new HashSet<>();
    for (Path p : paths)
      if (p.urn().equals(urn) && p.attribute().equals(name) && p.sub() != null) subs.add(p.sub());
    if (include) {
      if (named) return value;
      if (subs.isEmpty()) return null;
      return keepSubs(value, a, subs, true);
    }
    if (a.returned() == ScimSchema.Returned.REQUEST || named) return null;
    return subs.isEmpty() ? value : keepSubs(value, a, subs, false);
  }

  /**
   * With {@code keep}: only the named sub-attributes (and always-returned ones); else all but
   * those.
   */
  private static JsonNode keepSubs(
      JsonNode value, ScimSchema.Attr a, Set<String> subs, boolean keep) {
    if (value instanceof ArrayNode arr) {
      ArrayNode out = JSON.arrayNode();
      for (JsonNode e : arr) {
        JsonNode p = keepSubs(e, a, subs, keep);
        if (p != null) out.add(p);
      }
      return out.isEmpty() ? null : out;
    }
    if (!(value instanceof ObjectNode o)) return keep ? null : value;
    ObjectNode out = JSON.objectNode();
    for (var it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String sub = f.getKey().toLowerCase(Locale.ROOT);
      var sa = a.subAttr(sub);
      boolean always = sa.isPresent() && sa.get().returned() == ScimSchema.Returned.ALWAYS;
      if (always || subs.contains(sub) == keep) out.set(f.getKey(), f.getValue());
    }
    return out.isEmpty() ? null : out;
  }
}
