package dev.gangway.company;

import dev.gangway.identity.TextAttribute;
import dev.gangway.platform.errors.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The user attributes a mapping rule may test: single-valued text attributes an IdP sends about who
 * a person works for. Each has a canonical SCIM path and is one of identity's text attributes.
 */
public enum RuleAttribute {
  USER_TYPE("userType", TextAttribute.USER_TYPE),
  TITLE("title", TextAttribute.TITLE),
  DISPLAY_NAME("displayName", TextAttribute.DISPLAY_NAME),
  ORGANIZATION(Urns.ENTERPRISE + ":organization", TextAttribute.ORGANIZATION),
  DIVISION(Urns.ENTERPRISE + ":division", TextAttribute.DIVISION),
  DEPARTMENT(Urns.ENTERPRISE + ":department", TextAttribute.DEPARTMENT),
  COST_CENTER(Urns.ENTERPRISE + ":costCenter", TextAttribute.COST_CENTER),
  COMPANY(Urns.GANGWAY + ":company", TextAttribute.COMPANY);

  private final String canonical;
  private final TextAttribute source;

  RuleAttribute(String canonical, TextAttribute source) {
    this.canonical = canonical;
    this.source = source;
  }

  public String canonical() {
    return canonical;
  }

  /** The user attribute, as identity names it. */
  public TextAttribute source() {
    return source;
  }

  /** The rule attribute reading an identity attribute. */
  static RuleAttribute of(TextAttribute source) {
    for (RuleAttribute a : values()) if (a.source == source) return a;
    throw new IllegalArgumentException("no rule attribute reads " + source);
  }

  /** By canonical path, or by its last part ("organization"), in any case. */
  public static RuleAttribute of(String name) {
    if (name != null) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (RuleAttribute a : values()) {
        String c = a.canonical.toLowerCase(Locale.ROOT);
        if (c.equals(n) || c.substring(c.lastIndexOf(':') + 1).equals(n)) return a;
      }
    }
    throw DomainException.invalid(
        "attribute must be one of "
            + Arrays.stream(values())
                .map(RuleAttribute::canonical)
                .collect(Collectors.joining(", "))
            + ", not '"
            + name
            + "'");
  }

  /** The SCIM schema URNs rule attributes live in. */
  static final class Urns {
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GANGWAY = "urn:gangway:params:scim:schemas:extension:external:1.0:User";

    private Urns() {}
  }
}
