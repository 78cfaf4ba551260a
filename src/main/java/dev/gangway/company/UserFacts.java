package dev.gangway.company;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What mapping rules look at: a user's attributes, email domains and group names. */
public record UserFacts(String userId, long directoryId, String userName, boolean active,
                        Map<RuleAttribute, String> attributes, Set<String> emailDomains,
                        List<String> groupNames) {

  public String attribute(RuleAttribute a) { return attributes.get(a); }

  /**
   * Whether the IdP marks this user as external although no rule places them: a Guest user
   * type, an Entra B2B userName, or an organization or company attribute.
   */
  public boolean looksExternal() {
    String type = attributes.get(RuleAttribute.USER_TYPE);
    return type != null && type.strip().equalsIgnoreCase("guest")
        || userName != null && userName.toUpperCase(Locale.ROOT).contains("#EXT#")
        || present(RuleAttribute.ORGANIZATION) || present(RuleAttribute.COMPANY);
  }

  private boolean present(RuleAttribute a) {
    String v = attributes.get(a);
    return v != null && !v.isBlank();
  }

  /** The domain of an address, lower-cased, or null. */
  public static String domainOf(String address) {
    if (address == null) return null;
    int at = address.lastIndexOf('@');
    return at < 0 || at == address.length() - 1 ? null : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
  }
}
