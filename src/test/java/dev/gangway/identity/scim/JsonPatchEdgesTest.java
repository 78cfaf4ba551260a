package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gangway.identity.scim.JsonPatch.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failing tests for bugs found in JsonPatch; not copied to /work/main (reported instead). */
class JsonPatchEdgesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final JsonPatch users = new JsonPatch(ScimSchema.USERS);

  private static ObjectNode user() {
    ObjectNode u = JSON.objectNode().put("id", "u1").put("userName", "bjensen");
    u.putObject("name").put("givenName", "Barbara").put("familyName", "Jensen");
    return u;
  }

  @Test
  void replacingAComplexAttributeLeavesUnnamedSubAttributesUnchanged() {
    // RFC 7644 §3.5.2.3: "Sub-attributes that are not specified in the value parameter are left
    // unchanged."
    ObjectNode patched =
        users.apply(
            user(),
            List.of(new Operation("replace", "name", JSON.objectNode().put("givenName", "Babs"))));

    assertThat(patched.get("name").path("familyName").asText(null)).isEqualTo("Jensen");
    assertThat(patched.get("name").path("givenName").asText()).isEqualTo("Babs");
  }

  @Test
  void primaryGivenAsTheStringTrueThroughATypeFilterCreatesAPrimaryValue() {
    ObjectNode patched =
        users.apply(
            user(),
            List.of(
                new Operation(
                    "Add", "emails[type eq \"work\"].primary", TextNode.valueOf("True"))));

    assertThat(patched.get("emails").get(0).get("primary").isBoolean()).isTrue();
    assertThat(patched.get("emails").get(0).get("primary").booleanValue()).isTrue();
  }

  @Test
  void addedEmailWithPrimaryAsTheStringTrueBecomesTheOnlyPrimary() {
    ObjectNode doc = user();
    doc.putArray("emails")
        .add(JSON.objectNode().put("type", "work").put("value", "a@x").put("primary", true));

    ObjectNode patched =
        users.apply(
            doc,
            List.of(
                new Operation(
                    "add",
                    "emails",
                    JSON.arrayNode()
                        .add(
                            JSON.objectNode()
                                .put("type", "home")
                                .put("value", "b@x")
                                .put("primary", "True")))));

    assertThat(patched.get("emails").get(0).get("primary").asBoolean()).isFalse();
    assertThat(patched.get("emails").get(1).get("primary").isBoolean()).isTrue();
    assertThat(patched.get("emails").get(1).get("primary").booleanValue()).isTrue();
  }
}
