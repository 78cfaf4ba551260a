package dev.gangway.identity.scim;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the query parameters of a request before anything uses them, so that a client's mistake (a
 * non-numeric {@code count}, an unknown name in {@code attributes}) is a 400 naming it.
 */
final class QueryCheck {
  private QueryCheck() {}

  /**
   * What is wrong with the query, or null. {@code resource} is the endpoint ("users", "groups";
   * another checks no names).
   */
  static String problem(String resource, MultivaluedMap<String, String> query) {
    for (String p : new String[] {"startIndex", "count"}) {
      String v = query.getFirst(p);
      if (v != null && !v.strip().matches("-?\\d{1,9}"))
        return p + " must be an integer, not '" + v + "'";
    }
    String order = query.getFirst("sortOrder");
    if (order != null && !order.equals("ascending") && !order.equals("descending")) {
      return "sortOrder must be ascending or descending, not '" + order + "'";
    }
    return problem(resource, query.getFirst("attributes"), query.getFirst("excludedAttributes"));
  }

  /** What is wrong with a projection (comma-separated names), or null. */
  static String problem(String resource, String attributes, String excludedAttributes) {
    ScimSchema schema =
        switch (resource) {
          case "users" -> ScimSchema.USERS;
          case "groups" -> ScimSchema.GROUPS;
          default -> null;
        };
    if (attributes != null
        && !attributes.isBlank()
        && excludedAttributes != null
        && !excludedAttributes.isBlank()) {
      return "give attributes or excludedAttributes, not both";
    }
    if (schema == null) return null;
    String[][] lists = {{"attributes", attributes}, {"excludedAttributes", excludedAttributes}};
    for (String[] l : lists) {
      String v = l[1];
      if (v == null) continue;
      for (String name : v.split(",")) {
        String n = name.strip();
        if (!n.isEmpty() && !known(schema, n))
          return "'" + n + "' in " + l[0] + " is not an attribute of " + resource;
      }
    }
    return null;
  }

  static boolean known(ScimSchema schema, String path) {
    String urn = null;
    String rest = path;
    int colon = path.lastIndexOf(':');
    if (colon >= 0) {
      urn = path.substring(0, colon);
      rest = path.substring(colon + 1);
      if (schema.extension(path).isPresent() || path.equalsIgnoreCase(schema.coreUrn()))
        return true;
    }
    String[] parts = rest.split("\\.", 2);
    Optional<ScimSchema.Attr> attr = schema.find(urn, parts[0]);
    if (attr.isEmpty()) return false;
    if (parts.length == 1) return true;
    return attr.get().sub(parts[1].toLowerCase(Locale.ROOT)).isPresent()
        || attr.get().name().equals("meta")
            && parts[1].matches("(?i)resourceType|created|lastModified|location|version");
  }
}
