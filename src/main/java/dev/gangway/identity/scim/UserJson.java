package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Enterprise;
import dev.gangway.identity.GroupRef;
import dev.gangway.identity.MultiValue;
import dev.gangway.identity.PersonName;
import dev.gangway.identity.User;
import dev.gangway.identity.UserProfile;
import dev.gangway.identity.UserSnapshot;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A user as a SCIM JSON document, and a SCIM JSON document as a user profile. */
final class UserJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Sub-attributes kept in their own columns; any others of a value are kept as JSON. */
  private static final Set<String> VALUE_FIELDS = Set.of("value", "type", "primary", "display");

  private static final String[] MULTI_VALUED = {
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "entitlements",
    "roles",
    "x509Certificates"
  };

  private UserJson() {}

  static ObjectNode toJson(UserSnapshot s, String baseUri) {
    User u = s.user();
    ObjectNode doc = JSON.objectNode();
    ArrayNode schemas = doc.putArray("schemas").add(ScimSchema.USER);
    doc.put("id", u.id());
    putIf(doc, "externalId", u.externalId());
    doc.put("userName", u.userName().value());
    PersonName n = u.name();
    if (!n.isEmpty()) {
      ObjectNode name = doc.putObject("name");
      putIf(name, "formatted", n.formatted());
      putIf(name, "familyName", n.familyName());
      putIf(name, "givenName", n.givenName());
      putIf(name, "middleName", n.middleName());
      putIf(name, "honorificPrefix", n.honorificPrefix());
      putIf(name, "honorificSuffix", n.honorificSuffix());
    }
    putIf(doc, "displayName", u.displayName());
    putIf(doc, "nickName", u.nickName());
    putIf(doc, "profileUrl", u.profileUrl());
    putIf(doc, "title", u.title());
    putIf(doc, "userType", u.userType());
    putIf(doc, "preferredLanguage", u.preferredLanguage());
    putIf(doc, "locale", u.locale());
    putIf(doc, "timezone", u.timezone());
    doc.put("active", u.active());
    Map<String, ArrayNode> multi = new LinkedHashMap<>();
    for (MultiValue v : s.values()) {
      ObjectNode e = multi.computeIfAbsent(v.attribute(), k -> JSON.arrayNode()).addObject();
      if (v.detailJson() != null) e.setAll(parseObject(v.detailJson()));
      putIf(e, "value", v.value());
      putIf(e, "display", v.display());
      putIf(e, "type", v.type());
      if (v.primary()) e.put("primary", true);
    }
    for (String attr : MULTI_VALUED) if (multi.containsKey(attr)) doc.set(attr, multi.get(attr));
    if (!s.groups().isEmpty()) {
      ArrayNode groups = doc.putArray("groups");
      for (GroupRef g : s.groups()) {
        groups
            .addObject()
            .put("value", g.id())
            .put("$ref", baseUri + "Groups/" + g.id())
            .put("display", g.displayName())
            .put("type", "direct");
      }
    }
    Enterprise ent = u.enterprise();
    if (!ent.isEmpty()) {
      schemas.add(ScimSchema.ENTERPRISE);
      ObjectNode e = doc.putObject(ScimSchema.ENTERPRISE);
      putIf(e, "employeeNumber", ent.employeeNumber());
      putIf(e, "costCenter", ent.costCenter());
      putIf(e, "organization", ent.organization());
      putIf(e, "division", ent.division());
      putIf(e, "department", ent.department());
      if (ent.managerId() != null) {
        ObjectNode m =
            e.putObject("manager")
                .put("value", ent.managerId())
                .put("$ref", baseUri + "Users/" + ent.managerId());
        putIf(m, "displayName", ent.managerDisplay());
      }
    }
    if (u.company() != null) {
      schemas.add(ScimSchema.GANGWAY);
      doc.putObject(ScimSchema.GANGWAY).put("company", u.company());
    }
    ScimMeta.put(
        doc, "User", u.createdAt(), u.modifiedAt(), u.version(), baseUri + "Users/" + u.id());
    return doc;
  }

  /**
   * The profile a create, replace or patched document asks for. A {@code password} is discarded
   * here, on arrival: Gangway authenticates no one with it, so it is never hashed, stored, logged
   * or returned (RFC 7643 makes it write-only).
   */
  static UserProfile toProfile(JsonNode doc) {
    JsonNode name = object(doc, "name");
    JsonNode ent = object(doc, ScimSchema.ENTERPRISE);
    JsonNode ext = object(doc, ScimSchema.GANGWAY);
    List<MultiValue> values = new ArrayList<>();
    for (String attr : MULTI_VALUED) {
      JsonNode arr = doc.get(attr);
      if (arr == null || arr.isNull()) continue;
      if (arr.isObject()) arr = JSON.arrayNode().add(arr);
      if (!arr.isArray()) throw DomainException.invalid(attr + " must be a list of values");
      for (JsonNode e : arr) {
        if (!e.isObject())
          throw DomainException.invalid(attr + " values are objects, e.g. {\"value\": …}");
        ObjectNode detail = JSON.objectNode();
        e.fields()
            .forEachRemaining(
                f -> {
                  if (!VALUE_FIELDS.contains(f.getKey()) && !f.getValue().isNull())
                    detail.set(f.getKey(), f.getValue());
                });
        JsonNode primary = e.get("primary");
        values.add(
            new MultiValue(
                attr,
                text(e, "value"),
                text(e, "type"),
                primary != null
                    && !primary.isNull()
                    && JsonPatch.bool(primary, attr + ".primary").booleanValue(),
                text(e, "display"),
                detail.isEmpty() ? null : detail.toString()));
      }
    }
    JsonNode active = doc.get("active");
    return new UserProfile(
        text(doc, "userName"),
        text(doc, "externalId"),
        active == null || active.isNull() || JsonPatch.bool(active, "active").booleanValue(),
        text(doc, "displayName"),
        text(doc, "nickName"),
        text(doc, "profileUrl"),
        text(doc, "title"),
        text(doc, "userType"),
        text(doc, "preferredLanguage"),
        text(doc, "locale"),
        text(doc, "timezone"),
        new PersonName(
            text(name, "formatted"),
            text(name, "familyName"),
            text(name, "givenName"),
            text(name, "middleName"),
            text(name, "honorificPrefix"),
            text(name, "honorificSuffix")),
        new Enterprise(
            text(ent, "employeeNumber"),
            text(ent, "costCenter"),
            text(ent, "organization"),
            text(ent, "division"),
            text(ent, "department"),
            managerId(ent),
            managerDisplay(ent)),
        text(ext, "company"),
        values);
  }

  private static String managerId(JsonNode ent) {
    JsonNode m = ent.get("manager");
    if (m == null || m.isNull()) return null;
    String id = m.isObject() ? text(m, "value") : m.isTextual() ? m.asText() : null;
    if (!m.isObject() && !m.isTextual())
      throw DomainException.invalid("manager must be an object {\"value\": id} or an id");
    return id == null || id.isEmpty() ? null : id;
  }

  private static String managerDisplay(JsonNode ent) {
    JsonNode m = ent.get("manager");
    return m != null && m.isObject() ? text(m, "displayName") : null;
  }

  private static JsonNode object(JsonNode doc, String field) {
    JsonNode n = doc.get(field);
    if (n == null || n.isNull()) return JSON.objectNode();
    if (!n.isObject()) throw DomainException.invalid(field + " must be an object");
    return n;
  }

  /** A text field, or null when absent, null or empty; a number or boolean as its text. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (v.isContainerNode())
      throw DomainException.invalid(
          field + " must be a single value, not " + v.getNodeType().name().toLowerCase());
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  static void putIf(ObjectNode node, String field, String value) {
    if (value != null) node.put(field, value);
  }

  private static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) JsonMapper.get().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored value details are not JSON", e);
    }
  }
}
