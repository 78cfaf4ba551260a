package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource type's attributes as the {@link ScimContract} files define them — canonical names,
 * types, sub-attributes, mutability, returned, required, caseExact, canonical values — plus the
 * common attributes of RFC 7643 §3.1 ({@code id}, {@code externalId}, {@code meta}), which no
 * schema file lists. PATCH, request validation and projection all read it.
 */
final class ScimSchema {
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String GANGWAY = "urn:gangway:params:scim:schemas:extension:external:1.0:User";
  static final String MS_GROUP =
      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

  enum Mutability {
    READ_WRITE,
    READ_ONLY,
    IMMUTABLE,
    WRITE_ONLY
  }

  enum Returned {
    ALWAYS,
    DEFAULT,
    REQUEST,
    NEVER
  }

  record Attr(
      String name,
      String type,
      boolean multiValued,
      Map<String, Attr> subAttributes,
      Mutability mutability,
      Returned returned,
      boolean required,
      boolean caseExact,
      List<String> canonicalValues) {
    boolean complex() {
      return type.equals("complex");
    }

    boolean bool() {
      return type.equals("boolean");
    }

    /** The canonical spelling of a sub-attribute. */
    Optional<String> sub(String name) {
      return subAttr(name).map(Attr::name);
    }

    Optional<Attr> subAttr(String name) {
      return Optional.ofNullable(subAttributes.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  private final String resourceType;
  private final String coreUrn;
  private final Map<String, Attr> core = new LinkedHashMap<>();
  private final Map<String, Map<String, Attr>> extensions = new LinkedHashMap<>();
  private final Set<String> requiredExtensions = new LinkedHashSet<>();

  private ScimSchema(String resourceType, String coreUrn) {
    this.resourceType = resourceType;
    this.coreUrn = coreUrn;
  }

  String resourceType() {
    return resourceType;
  }

  String coreUrn() {
    return coreUrn;
  }

  Optional<Attr> find(String urn, String name) {
    Map<String, Attr> attrs = attributes(urn);
    if (attrs == null) return Optional.empty();
    return Optional.ofNullable(attrs.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The attributes of the core schema (urn null or the core URN) or of an extension, or null. */
  Map<String, Attr> attributes(String urn) {
    if (urn == null || urn.equalsIgnoreCase(coreUrn)) return core;
    return extensions.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(urn))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The canonical spelling of an extension URN, if this schema has it. */
  Optional<String> extension(String urn) {
    return extensions.keySet().stream().filter(k -> k.equalsIgnoreCase(urn)).findFirst();
  }

  Set<String> extensionUrns() {
    return extensions.keySet();
  }

  static final ScimSchema USERS = fromContract("User");
  static final ScimSchema GROUPS = fromContract("Group");

  static ScimSchema forResourceType(String name) {
    return switch (name) {
      case "User" -> USERS;
      case "Group" -> GROUPS;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static ScimSchema fromContract(String resourceType) {
    JsonNode rt = ScimContract.resourceType(resourceType);
    ScimSchema s = new ScimSchema(resourceType, rt.get("schema").asText());
    common(s.core);
    s.core.putAll(attributes(schemaFile(s.coreUrn)));
    for (JsonNode ext : rt.path("schemaExtensions")) {
      String urn = ext.get("schema").asText();
      s.extensions.put(urn, attributes(schemaFile(urn)));
      if (ext.path("required").asBoolean(false)) s.requiredExtensions.add(urn);
    }
    return s;
  }

  private static JsonNode schemaFile(String urn) {
    return ScimContract.schema(urn)
        .orElseThrow(() -> new IllegalStateException("scim-schemas has no schema " + urn));
  }

  private static Map<String, Attr> attributes(JsonNode schemaOrAttr) {
    Map<String, Attr> out = new LinkedHashMap<>();
    JsonNode list =
        schemaOrAttr.has("attributes")
            ? schemaOrAttr.get("attributes")
            : schemaOrAttr.path("subAttributes");
    for (JsonNode a : list) {
      List<String> canonical = new ArrayList<>();
      a.path("canonicalValues").forEach(v -> canonical.add(v.asText()));
      Attr attr =
          new Attr(
              a.get("name").asText(),
              a.path("type").asText("string"),
              a.path("multiValued").asBoolean(false),
              attributes(a),
              mutability(a.path("mutability").asText("readWrite")),
              Returned.valueOf(a.path("returned").asText("default").toUpperCase(Locale.ROOT)),
              a.path("required").asBoolean(false),
              a.path("caseExact").asBoolean(false),
              List.copyOf(canonical));
      out.put(attr.name().toLowerCase(Locale.ROOT), attr);
    }
    return out;
  }

  private static Mutability mutability(String m) {
    return switch (m) {
      case "readOnly" -> Mutability.READ_ONLY;
      case "immutable" -> Mutability.IMMUTABLE;
      case "writeOnly" -> Mutability.WRITE_ONLY;
      default -> Mutability.READ_WRITE;
    };
  }

  /** RFC 7643 §3.1: the attributes every resource has, defined by no schema file. */
  private static void common(Map<String, Attr> core) {
    Map<String, Attr> meta = new LinkedHashMap<>();
    for (String[] m :
        new String[][] {
          {"resourceType", "string"},
          {"created", "dateTime"},
          {"lastModified", "dateTime"},
          {"location", "reference"},
          {"version", "string"}
        }) {
      meta.put(
          m[0].toLowerCase(Locale.ROOT),
          new Attr(
              m[0],
              m[1],
              false,
              Map.of(),
              Mutability.READ_ONLY,
              Returned.DEFAULT,
              false,
              true,
              List.of()));
    }
    core.put(
        "schemas",
        new Attr(
            "schemas",
            "reference",
            true,
            Map.of(),
            Mutability.READ_ONLY,
            Returned.ALWAYS,
            false,
            true,
            List.of()));
    core.put(
        "id",
        new Attr(
            "id",
            "string",
            false,
            Map.of(),
            Mutability.READ_ONLY,
            Returned.ALWAYS,
            false,
            true,
            List.of()));
    core.put(
        "externalid",
        new Attr(
            "externalId",
            "string",
            false,
            Map.of(),
            Mutability.READ_WRITE,
            Returned.DEFAULT,
            false,
            true,
            List.of()));
    core.put(
        "meta",
        new Attr(
            "meta",
            "complex",
            false,
            meta,
            Mutability.READ_ONLY,
            Returned.DEFAULT,
            false,
            false,
            List.of()));
  }
}
