package dev.gangway.signin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Gangway role a signed-in person gets: the values of one claim of their ID token or userinfo
 * (e.g. {@code groups}; a dotted name reaches into an object, e.g. {@code realm_access.roles})
 * mapped by configuration, e.g. {@code
 * gangway-admins=admin,gangway-auditors=auditor,gangway-viewers=viewer}. Several matching values
 * give the strongest role; none gives no role, and the person cannot sign in.
 */
public final class RoleMapping {
  private final String claim;
  private final Map<String, Role> roles;

  public RoleMapping(String claim, Map<String, Role> roles) {
    this.claim = claim;
    this.roles = Map.copyOf(roles);
  }

  /**
   * Parses {@code value=role} pairs separated by commas, or by semicolons when the mapping holds
   * one (so that values may contain commas, e.g. LDAP DNs); a value may itself hold '=' (the last
   * one splits).
   */
  public static RoleMapping parse(String claim, String mapping) {
    Map<String, Role> roles = new LinkedHashMap<>();
    if (mapping != null) {
      for (String entry : mapping.split(mapping.contains(";") ? ";" : ",")) {
        if (entry.isBlank()) continue;
        int eq = entry.lastIndexOf('=');
        if (eq <= 0)
          throw new IllegalArgumentException(
              "role mapping entry '" + entry.strip() + "' is not <claim value>=<role>");
        roles.put(entry.substring(0, eq).strip(), Role.of(entry.substring(eq + 1)));
      }
    }
    return new RoleMapping(claim == null || claim.isBlank() ? "groups" : claim.strip(), roles);
  }

  public String claim() {
    return claim;
  }

  public boolean isEmpty() {
    return roles.isEmpty();
  }

  public Optional<Role> roleOf(Map<String, ?> claims) {
    Object value = find(claims, claim);
    Role best = null;
    if (value instanceof Collection<?> values) {
      for (Object v : values) if (v != null) best = Role.strongest(best, roles.get(v.toString()));
    } else if (value != null) {
      for (String v : value.toString().split("[ ,]+")) best = Role.strongest(best, roles.get(v));
    }
    return Optional.ofNullable(best);
  }

  private static Object find(Map<String, ?> claims, String path) {
    if (claims.containsKey(path)) return claims.get(path);
    Object at = claims;
    for (String part : path.split("\\.")) {
      if (!(at instanceof Map<?, ?> m)) return null;
      at = m.get(part);
    }
    return at;
  }
}
