package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rules the SCIM boundary applies to what a client sends, before any use case runs. */
class ScimInputRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode doc(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static Object parse(String json) {
    return ScimBody.parse(json.getBytes(StandardCharsets.UTF_8), 32);
  }

  @Test
  void aResourceListsItsCoreSchemaAndOnlyDeclaredExtensions() throws Exception {
    RequestValidation.schemas(
        ScimSchema.USERS,
        doc(
            "{\"schemas\":[\""
                + ScimSchema.USERS.coreUrn()
                + "\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]}"));
    RequestValidation.schemas(
        ScimSchema.GROUPS,
        doc(
            "{\"Schemas\":[\""
                + ScimSchema.GROUPS.coreUrn()
                + "\",\""
                + ScimSchema.MS_GROUP
                + "\"]}"));

    assertThatThrownBy(
            () -> RequestValidation.schemas(ScimSchema.USERS, doc("{\"userName\":\"a\"}")))
        .isInstanceOf(ScimErrors.Refusal.class);
    assertThatThrownBy(
            () ->
                RequestValidation.schemas(
                    ScimSchema.USERS,
                    doc("{\"schemas\":[\"" + ScimSchema.GROUPS.coreUrn() + "\"]}")))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("not a schema of a User");
    assertThatThrownBy(
            () ->
                RequestValidation.schemas(
                    ScimSchema.GROUPS,
                    doc(
                        "{\"schemas\":[\""
                            + ScimSchema.GROUPS.coreUrn()
                            + "\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]}")))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void aPatchNamesThePatchOpSchemaAndHoldsOperationObjects() throws Exception {
    assertThat(
            RequestValidation.patchOperations(
                doc(
                    "{\"schemas\":[\""
                        + RequestValidation.PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}]}")))
        .hasSize(1);

    for (String bad :
        new String[] {
          "{\"Operations\":[{\"op\":\"add\"}]}",
          "{\"schemas\":[\""
              + ScimSchema.USERS.coreUrn()
              + "\"],\"Operations\":[{\"op\":\"add\"}]}",
          "{\"schemas\":[\"" + RequestValidation.PATCH_OP + "\"],\"Operations\":[null]}",
          "{\"schemas\":[\"" + RequestValidation.PATCH_OP + "\"],\"Operations\":[]}",
          "{\"schemas\":[\"" + RequestValidation.PATCH_OP + "\"]}"
        }) {
      assertThatThrownBy(() -> RequestValidation.patchOperations(doc(bad)))
          .as(bad)
          .isInstanceOf(ScimErrors.Refusal.class);
    }
  }

  @Test
  void identifiersPaddedWithWhiteSpaceAreRefused() throws Exception {
    assertThatThrownBy(
            () ->
                RequestValidation.check(
                    ScimSchema.USERS,
                    doc(
                        "{\"schemas\":[\""
                            + ScimSchema.USERS.coreUrn()
                            + "\"],\"userName\":\"ann@x.example \"}"),
                    null))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("white space");
    assertThatThrownBy(
            () ->
                RequestValidation.check(
                    ScimSchema.GROUPS,
                    doc(
                        "{\"schemas\":[\""
                            + ScimSchema.GROUPS.coreUrn()
                            + "\"],\"displayName\":\"\\u00a0Admins\"}"),
                    null))
        .isInstanceOf(DomainException.class);
    assertThat(RequestValidation.padded("ann @x.example")).isFalse();
    ObjectNode stored =
        doc("{\"schemas\":[\"" + ScimSchema.USERS.coreUrn() + "\"],\"userName\":\"old \"}");
    // a value stored before the rule may stay as it is
    RequestValidation.check(ScimSchema.USERS, stored, stored);
  }

  @Test
  void aBodyIsOneStrictUtf8JsonObject() {
    assertThat(parse("{\"a\":\"é😀\"}")).isInstanceOf(ObjectNode.class);
    assertThat(parse("")).asString().contains("needs a body");
    assertThat(parse("null")).asString().contains("JSON object");
    assertThat(parse("{\"a\":1} x")).asString().contains("not valid JSON");
    assertThat(parse("{\"a\":1,\"a\":2}")).asString().contains("not valid JSON");
    assertThat(parse("{\"a\":\"\\ud800\"}")).asString().contains("lone surrogate");
    assertThat(parse("[".repeat(40) + "]".repeat(40))).isInstanceOf(String.class);
    assertThat(
            ScimBody.parse(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, 32))
        .asString()
        .contains("UTF-8");
  }

  @Test
  void errorDetailsNameNoJavaType() {
    assertThat(
            ScimErrors.safe(
                "Cannot deserialize value of type `java.lang.String` from Array value (token `JsonToken.START_ARRAY`)"))
        .isEqualTo(
            "Cannot deserialize value of type a string from Array value (token START_ARRAY)");
    assertThat(ScimErrors.safe("failed in org.apache.directory.scim.Foo: NullPointerException"))
        .doesNotContain("org.")
        .doesNotContain("Exception");
  }
}
