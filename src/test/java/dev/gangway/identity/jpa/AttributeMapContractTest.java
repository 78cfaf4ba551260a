package dev.gangway.identity.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The filter allow-list agrees with the schema contract (scim-schemas/): every filterable path is
 * an attribute the schemas define, compared as their type and caseExact say.
 */
class AttributeMapContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void userFilterPathsCompareAsTheUserSchemasSay() throws IOException {
    check(
        AttributeMap.USERS,
        Map.of(
            "",
            read("schemas/User.json"),
            AttributeMap.ENTERPRISE_URN,
            read("schemas/EnterpriseUser.json"),
            AttributeMap.GANGWAY_URN,
            read("schemas/GangwayUser.json")));
  }

  @Test
  void groupFilterPathsCompareAsTheGroupSchemaSays() throws IOException {
    check(AttributeMap.GROUPS, Map.of("", read("schemas/Group.json")));
  }

  private static void check(AttributeMap map, Map<String, JsonNode> schemas) {
    map.all()
        .forEach(
            (path, attribute) -> {
              if (path.equals("manager") || path.equals("manager.value")) {
                path = AttributeMap.ENTERPRISE_URN + ":" + path; // Entra's core-looking alias
              }
              String urn = "";
              String rest = path;
              if (path.startsWith("urn:")) {
                urn = path.substring(0, path.lastIndexOf(':'));
                rest = path.substring(path.lastIndexOf(':') + 1);
              }
              String[] parts = rest.split("\\.", 2);
              JsonNode attr = common(parts[0]);
              if (attr == null) attr = find(schemas.get(urn).get("attributes"), parts[0]);
              assertThat(attr).as("%s is in the schema", path).isNotNull();
              if (parts.length == 2) attr = find(attr.get("subAttributes"), parts[1]);
              else if (attr.path("type").asText().equals("complex")) {
                JsonNode subs = attr.get("subAttributes");
                attr =
                    find(subs, "value") != null
                        ? find(subs, "value")
                        : find(subs, "formatted"); // an address has no value
              }
              assertThat(attr).as("%s is in the schema", path).isNotNull();
              String type = attr.get("type").asText();
              boolean caseExact = attr.path("caseExact").asBoolean(false);
              switch (attribute.type()) {
                case TEXT ->
                    assertThat(caseExact).as("%s compares case-insensitively", path).isFalse();
                case EXACT_TEXT ->
                    assertThat(caseExact).as("%s compares case-sensitively", path).isTrue();
                case BOOLEAN -> assertThat(type).as(path).isEqualTo("boolean");
                case INSTANT -> assertThat(type).as(path).isEqualTo("dateTime");
              }
            });
  }

  /** RFC 7643 §3.1: the common attributes, which no schema file lists. */
  private static JsonNode common(String name) {
    return switch (name) {
      case "id", "externalid" ->
          JSON.createObjectNode().put("type", "string").put("caseExact", true);
      case "meta" ->
          JSON.createObjectNode()
              .put("type", "complex")
              .set(
                  "subAttributes",
                  JSON.createArrayNode()
                      .add(JSON.createObjectNode().put("name", "created").put("type", "dateTime"))
                      .add(
                          JSON.createObjectNode()
                              .put("name", "lastModified")
                              .put("type", "dateTime")));
      default -> null;
    };
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode a : list) if (a.get("name").asText().equalsIgnoreCase(name)) return a;
    return null;
  }

  private static JsonNode read(String file) throws IOException {
    try (InputStream in =
        AttributeMapContractTest.class
            .getClassLoader()
            .getResourceAsStream("scim-schemas/" + file)) {
      return JSON.readTree(in);
    }
  }
}
