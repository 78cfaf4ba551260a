package dev.gangway.identity.scim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What PATCH needs to know of each attribute a resource accepts: its canonical name, whether it
 * is multi-valued or complex, its sub-attributes, and whether a client may write it.
 */
final class ScimSchema {
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String GANGWAY = GangwayUserExtension.URN;
  static final String MS_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

  enum Mutability { READ_WRITE, READ_ONLY, IMMUTABLE }

  record Attr(String name, boolean multiValued, Set<String> subAttributes, Mutability mutability,
              boolean required, boolean bool) {
    boolean complex() { return !subAttributes.isEmpty(); }

    Optional<String> sub(String name) {
      return subAttributes.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst();
    }
  }

  private final String coreUrn;
  private final Map<String, Attr> core = new LinkedHashMap<>();
  private final Map<String, Map<String, Attr>> extensions = new LinkedHashMap<>();

  private ScimSchema(String coreUrn) { this.coreUrn = coreUrn; }

  String coreUrn() { return coreUrn; }

  Optional<Attr> find(String urn, String name) {
    Map<String, Attr> attrs = urn == null || urn.equalsIgnoreCase(coreUrn) ? core
        : extensions.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(urn))
            .map(Map.Entry::getValue).findFirst().orElse(null);
    if (attrs == null) return Optional.empty();
    return Optional.ofNullable(attrs.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The canonical spelling of an extension URN, if this schema has it. */
  Optional<String> extension(String urn) {
    return extensions.keySet().stream().filter(k -> k.equalsIgnoreCase(urn)).findFirst();
  }

  private ScimSchema add(String urn, Attr a) {
    (urn == null ? core : extensions.computeIfAbsent(urn, k -> new LinkedHashMap<>()))
        .put(a.name().toLowerCase(Locale.ROOT), a);
    return this;
  }

  private static Attr simple(String name) { return new Attr(name, false, Set.of(), Mutability.READ_WRITE, false, false); }
  private static Attr readOnly(String name) { return new Attr(name, false, Set.of(), Mutability.READ_ONLY, false, false); }
  private static Attr multi(String name, String... subs) {
    return new Attr(name, true, Set.of(subs), Mutability.READ_WRITE, false, false);
  }

  static final ScimSchema USERS = new ScimSchema(USER)
      .add(null, readOnly("id"))
      .add(null, readOnly("meta"))
      .add(null, readOnly("schemas"))
      .add(null, simple("externalId"))
      .add(null, new Attr("userName", false, Set.of(), Mutability.READ_WRITE, true, false))
      .add(null, new Attr("name", false, Set.of("formatted", "familyName", "givenName", "middleName",
          "honorificPrefix", "honorificSuffix"), Mutability.READ_WRITE, false, false))
      .add(null, simple("displayName"))
      .add(null, simple("nickName"))
      .add(null, simple("profileUrl"))
      .add(null, simple("title"))
      .add(null, simple("userType"))
      .add(null, simple("preferredLanguage"))
      .add(null, simple("locale"))
      .add(null, simple("timezone"))
      .add(null, new Attr("active", false, Set.of(), Mutability.READ_WRITE, false, true))
      .add(null, simple("password"))
      .add(null, multi("emails", "value", "display", "type", "primary"))
      .add(null, multi("phoneNumbers", "value", "display", "type", "primary"))
      .add(null, multi("ims", "value", "display", "type", "primary"))
      .add(null, multi("photos", "value", "display", "type", "primary"))
      .add(null, multi("addresses", "formatted", "streetAddress", "locality", "region", "postalCode",
          "country", "type", "primary"))
      .add(null, multi("entitlements", "value", "display", "type", "primary"))
      .add(null, multi("roles", "value", "display", "type", "primary"))
      .add(null, multi("x509Certificates", "value", "display", "type", "primary"))
      .add(null, new Attr("groups", true, Set.of("value", "$ref", "display", "type"), Mutability.READ_ONLY, false, false))
      .add(ENTERPRISE, simple("employeeNumber"))
      .add(ENTERPRISE, simple("costCenter"))
      .add(ENTERPRISE, simple("organization"))
      .add(ENTERPRISE, simple("division"))
      .add(ENTERPRISE, simple("department"))
      .add(ENTERPRISE, new Attr("manager", false, Set.of("value", "$ref", "displayName"), Mutability.READ_WRITE, false, false))
      .add(GANGWAY, simple("company"));

  static final ScimSchema GROUPS = new ScimSchema(GROUP)
      .add(null, readOnly("id"))
      .add(null, readOnly("meta"))
      .add(null, readOnly("schemas"))
      .add(null, simple("externalId"))
      .add(null, new Attr("displayName", false, Set.of(), Mutability.READ_WRITE, true, false))
      .add(null, multi("members", "value", "$ref", "display", "type"));
}
