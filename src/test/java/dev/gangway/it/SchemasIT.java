package dev.gangway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code scim-schemas/} are the contract: what /Schemas and /ResourceTypes serve must
 * be exactly their content (apart from {@code meta}, which names this server), as a list and one by
 * one.
 */
class SchemasIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servedSchemasAreTheContractFiles() throws IOException {
    assertServedEqualsFiles("/Schemas", "schemas", "id");
  }

  @Test
  void servedResourceTypesAreTheContractFiles() throws IOException {
    assertServedEqualsFiles("/ResourceTypes", "resource-types", "id");
  }

  private static void assertServedEqualsFiles(String endpoint, String folder, String key)
      throws IOException {
    Api.Directory d = Api.newDirectory("generic");
    JsonNode served =
        JSON.readTree(Api.scim(d).get(endpoint).then().statusCode(200).extract().asString());
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode r : served.get("Resources")) {
      ObjectNode copy = r.deepCopy();
      copy.remove("meta");
      byId.put(copy.get(key).asText(), copy);
    }
    Map<String, JsonNode> files = new HashMap<>();
    try (Stream<Path> paths = Files.list(GangwayServer.project("scim-schemas/" + folder))) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode file = JSON.readTree(p.toFile());
        files.put(file.get(key).asText(), file);
      }
    }
    assertThat(byId.keySet())
        .as("served ids vs files in scim-schemas/" + folder)
        .isEqualTo(files.keySet());
    files.forEach((id, file) -> assertThat(byId.get(id)).as(endpoint + " " + id).isEqualTo(file));
    for (String id : files.keySet()) {
      ObjectNode one =
          (ObjectNode)
              JSON.readTree(
                  Api.scim(d).get(endpoint + "/" + id).then().statusCode(200).extract().asString());
      assertThat(one.remove("meta").path("location").asText()).endsWith(endpoint + "/" + id);
      assertThat(one).as(endpoint + "/" + id).isEqualTo(files.get(id));
    }
  }
}
