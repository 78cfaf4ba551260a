package dev.gangway.company;

import dev.gangway.platform.errors.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The user attributes a mapping rule may test: single-valued text attributes an IdP sends
 * about who a person works for. Each has a canonical SCIM path and a JPQL path on the user.
 */
public enum RuleAttribute {
  USER_TYPE("userType", "u.userType"),
  TITLE("title", "u.title"),
  DISPLAY_NAME("displayName", "u.displayName"),
  ORGANIZATION(Urns.ENTERPRISE + ":organization", "u.enterprise.organization"),
  DIVISION(Urns.ENTERPRISE + ":division", "u.enterprise.division"),
  DEPARTMENT(Urns.ENTERPRISE + ":department", "u.enterprise.department"),
  COST_CENTER(Urns.ENTERPRISE + ":costCenter", "u.enterprise.costCenter"),
  COMPANY(Urns.GANGWAY + ":company", "u.company");

  private final String canonical;
  private final String jpql;

  RuleAttribute(String canonical, String jpql) {
    this.canonical = canonical;
    this.jpql = jpql;
  }

  public String canonical() { return canonical; }

  String jpql() { return jpql; }

  /** By canonical path, or by its last part ("organization"), in any case. */
  public static RuleAttribute of(String name) {
    if (name != null) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (RuleAttribute a : values()) {
        String c = a.canonical.toLowerCase(Locale.ROOT);
        if (c.equals(n) || c.substring(c.lastIndexOf(':') + 1).equals(n)) return a;
      }
    }
    throw DomainException.invalid("attribute must be one of " + Arrays.stream(values())
        .map(RuleAttribute::canonical).collect(Collectors.joining(", ")) + ", not '" + name + "'");
  }

  /** The SCIM schema URNs rule attributes live in. */
  static final class Urns {
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GANGWAY = "urn:gangway:params:scim:schemas:extension:external:1.0:User";

    private Urns() {}
  }
}
