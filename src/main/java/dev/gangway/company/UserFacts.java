package dev.gangway.company;

import dev.gangway.identity.PersonFacts;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What mapping rules look at: a user's attributes, email domains and group names. */
public record UserFacts(
    String userId,
    long directoryId,
    String userName,
    boolean active,
    Map<RuleAttribute, String> attributes,
    Set<String> emailDomains,
    List<String> groupNames) {

  /**
   * What the rules see of a user as identity tells it: email domains from the userName and the
   * emails.
   */
  public static UserFacts of(PersonFacts p) {
    Map<RuleAttribute, String> attributes = new EnumMap<>(RuleAttribute.class);
    p.attributes().forEach((a, v) -> attributes.put(RuleAttribute.of(a), v));
    Set<String> domains = new LinkedHashSet<>();
    if (domainOf(p.userName()) != null) domains.add(domainOf(p.userName()));
    for (String email : p.emails()) if (domainOf(email) != null) domains.add(domainOf(email));
    return new UserFacts(
        p.userId(), p.directoryId(), p.userName(), p.active(), attributes, domains, p.groupNames());
  }

  public String attribute(RuleAttribute a) {
    return attributes.get(a);
  }

  /**
   * Whether the IdP marks this user as external although no rule places them: a Guest user type, an
   * Entra B2B userName, or an organization or company attribute.
   */
  public boolean looksExternal() {
    String type = attributes.get(RuleAttribute.USER_TYPE);
    return type != null && type.strip().equalsIgnoreCase("guest")
        || userName != null && userName.toUpperCase(Locale.ROOT).contains("#EXT#")
        || present(RuleAttribute.ORGANIZATION)
        || present(RuleAttribute.COMPANY);
  }

  private boolean present(RuleAttribute a) {
    String v = attributes.get(a);
    return v != null && !v.isBlank();
  }

  /** The domain of an address, lower-cased, or null. */
  public static String domainOf(String address) {
    if (address == null) return null;
    int at = address.lastIndexOf('@');
    return at < 0 || at == address.length() - 1
        ? null
        : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
  }
}
