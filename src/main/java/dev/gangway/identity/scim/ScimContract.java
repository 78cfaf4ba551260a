package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON files of {@code scim-schemas/} (packaged into the WAR under the same name): what
 * /Schemas and /ResourceTypes serve, and what {@link ScimSchema} reads request validation, PATCH
 * mutability and response projection from. Nothing about an attribute is decided anywhere else.
 */
final class ScimContract {
  static final String FOLDER = "scim-schemas/";

  /**
   * Every file the server serves; a file in scim-schemas/ that is not listed here fails SchemasIT.
   */
  static final List<String> SCHEMA_FILES =
      List.of(
          "schemas/User.json",
          "schemas/EnterpriseUser.json",
          "schemas/GangwayUser.json",
          "schemas/Group.json");

  static final List<String> RESOURCE_TYPE_FILES =
      List.of("resource-types/User.json", "resource-types/Group.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ObjectNode> SCHEMAS = load(SCHEMA_FILES);
  private static final Map<String, ObjectNode> RESOURCE_TYPES = load(RESOURCE_TYPE_FILES);

  private ScimContract() {}

  /** The schemas by id (URN), in file order; copies, so callers may add {@code meta}. */
  static Map<String, ObjectNode> schemas() {
    return copies(SCHEMAS);
  }

  /** The resource types by id ("User", "Group"), in file order; copies. */
  static Map<String, ObjectNode> resourceTypes() {
    return copies(RESOURCE_TYPES);
  }

  static Optional<ObjectNode> schema(String urn) {
    return SCHEMAS.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(urn))
        .map(e -> e.getValue().deepCopy())
        .findFirst();
  }

  static ObjectNode resourceType(String id) {
    ObjectNode rt = RESOURCE_TYPES.get(id);
    if (rt == null) throw new IllegalStateException("scim-schemas has no resource type " + id);
    return rt;
  }

  private static Map<String, ObjectNode> copies(Map<String, ObjectNode> source) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    source.forEach((k, v) -> out.put(k, v.deepCopy()));
    return out;
  }

  private static Map<String, ObjectNode> load(List<String> files) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (String file : files) {
      try (InputStream in =
          ScimContract.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
        if (in == null)
          throw new IllegalStateException(FOLDER + file + " is not on the class path");
        JsonNode doc = JSON.readTree(in);
        out.put(doc.get("id").asText(), (ObjectNode) doc);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + FOLDER + file, e);
      }
    }
    return out;
  }
}
