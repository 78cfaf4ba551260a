package dev.gangway.identity.jpa;

import dev.gangway.identity.jpa.Attribute.Related;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of filterable and sortable attributes of one resource type. Keys are lower-case
 * full paths ("name.givenname", "emails.value", the enterprise extension by its URN prefix); a path
 * not listed here is refused with {@code invalidFilter}, never ignored.
 */
final class AttributeMap {
  static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";
  static final String GANGWAY_URN = "urn:gangway:params:scim:schemas:extension:external:1.0:user";
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:user";
  static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:group";

  /** Multi-valued user attributes stored as {@code UserValue} rows. */
  static final String[] MULTI_VALUED = {
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "entitlements",
    "roles",
    "x509Certificates",
    "addresses"
  };

  private final String entity;
  private final String label;
  private final String coreUrn;
  private final Map<String, Attribute> byPath = new HashMap<>();

  private AttributeMap(String entity, String label, String coreUrn) {
    this.entity = entity;
    this.label = label;
    this.coreUrn = coreUrn;
  }

  /** The JPQL entity name. */
  String entity() {
    return entity;
  }

  /** The resource type's name, for messages. */
  String label() {
    return label;
  }

  private AttributeMap put(String path, Attribute a) {
    byPath.put(path.toLowerCase(Locale.ROOT), a);
    return this;
  }

  /**
   * The attribute at a path given as {@code urn}, {@code name} and optional {@code sub}; the core
   * schema's URN may be given or left out.
   */
  Optional<Attribute> find(String urn, String name, String sub) {
    String key =
        name.toLowerCase(Locale.ROOT) + (sub == null ? "" : "." + sub.toLowerCase(Locale.ROOT));
    if (urn != null && !urn.isEmpty()) {
      String u = urn.toLowerCase(Locale.ROOT);
      if (!u.equals(coreUrn)) key = u + ":" + key;
    }
    return Optional.ofNullable(byPath.get(key));
  }

  /**
   * Every path of the allow-list (lower-case) and how it is stored; for tests against the schema
   * files.
   */
  Map<String, Attribute> all() {
    return Map.copyOf(byPath);
  }

  static final AttributeMap USERS = users();
  static final AttributeMap GROUPS = groups();

  private static AttributeMap users() {
    AttributeMap m =
        new AttributeMap("User", "User", USER_URN)
            .put("id", Attribute.exact("id"))
            .put("userName", Attribute.keyed("userName.original", "userName.folded"))
            .put("externalId", Attribute.exact("externalId"))
            .put("active", Attribute.bool("active"))
            .put("displayName", Attribute.text("displayName"))
            .put("nickName", Attribute.text("nickName"))
            .put("profileUrl", Attribute.exact("profileUrl"))
            .put("title", Attribute.text("title"))
            .put("userType", Attribute.text("userType"))
            .put("preferredLanguage", Attribute.text("preferredLanguage"))
            .put("locale", Attribute.text("locale"))
            .put("timezone", Attribute.text("timezone"))
            .put("name.formatted", Attribute.text("name.formatted"))
            .put("name.familyName", Attribute.text("name.familyName"))
            .put("name.givenName", Attribute.text("name.givenName"))
            .put("name.middleName", Attribute.text("name.middleName"))
            .put("name.honorificPrefix", Attribute.text("name.honorificPrefix"))
            .put("name.honorificSuffix", Attribute.text("name.honorificSuffix"))
            .put("meta.created", Attribute.instant("createdAt"))
            .put("meta.lastModified", Attribute.instant("modifiedAt"))
            .put(ENTERPRISE_URN + ":employeeNumber", Attribute.exact("enterprise.employeeNumber"))
            .put(ENTERPRISE_URN + ":costCenter", Attribute.text("enterprise.costCenter"))
            .put(ENTERPRISE_URN + ":organization", Attribute.text("enterprise.organization"))
            .put(ENTERPRISE_URN + ":division", Attribute.text("enterprise.division"))
            .put(ENTERPRISE_URN + ":department", Attribute.text("enterprise.department"))
            .put(ENTERPRISE_URN + ":manager", Attribute.exact("enterprise.managerId"))
            .put(ENTERPRISE_URN + ":manager.value", Attribute.exact("enterprise.managerId"))
            .put(GANGWAY_URN + ":company", Attribute.text("company"))
            // Entra checks the manager as a core-looking "manager eq <id>".
            .put("manager", Attribute.exact("enterprise.managerId"))
            .put("manager.value", Attribute.exact("enterprise.managerId"));
    for (String attr : MULTI_VALUED) {
      Related values = new Related("UserValue", "userId", attr);
      // photos are URLs and certificates binary: both caseExact in the schema
      boolean exact = attr.equals("photos") || attr.equals("x509Certificates");
      Attribute value =
          exact
              ? Attribute.exact("text").in(values)
              : new Attribute("text", Attribute.Type.TEXT, values, "textKey");
      m.put(attr + ".type", Attribute.text("type").in(values))
          .put(attr + ".primary", Attribute.bool("primary").in(values));
      // An address has no value or display; its parts have columns of their own.
      if (attr.equals("addresses")) {
        // "addresses" alone (a value filter addresses[...], or a comparison) means its formatted
        // form
        m.put("addresses", Attribute.text("formatted").in(values))
            .put("addresses.formatted", Attribute.text("formatted").in(values))
            .put("addresses.streetAddress", Attribute.text("streetAddress").in(values))
            .put("addresses.locality", Attribute.text("locality").in(values))
            .put("addresses.region", Attribute.text("region").in(values))
            .put("addresses.postalCode", Attribute.text("postalCode").in(values))
            .put("addresses.country", Attribute.text("country").in(values));
        continue;
      }
      m.put(attr, value)
          .put(attr + ".value", value)
          .put(attr + ".display", Attribute.text("display").in(values));
    }
    Related groups = new Related("Membership", "memberId", null);
    m.put("groups", Attribute.exact("groupId").in(groups))
        .put("groups.value", Attribute.exact("groupId").in(groups));
    return m;
  }

  private static AttributeMap groups() {
    Related members = new Related("Membership", "groupId", null);
    return new AttributeMap("IdpGroup", "Group", GROUP_URN)
        .put("id", Attribute.exact("id"))
        .put("displayName", Attribute.keyed("displayName", "displayNameKey"))
        .put("externalId", Attribute.exact("externalId"))
        .put("meta.created", Attribute.instant("createdAt"))
        .put("meta.lastModified", Attribute.instant("modifiedAt"))
        .put("members", Attribute.exact("memberId").in(members))
        .put("members.value", Attribute.exact("memberId").in(members));
  }
}
