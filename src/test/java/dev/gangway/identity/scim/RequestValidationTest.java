package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import org.junit.jupiter.api.Test;

/** Requests are checked against the schema files: required, type, canonicalValues, mutability. */
class RequestValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode doc(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static Kind refusal(ScimSchema schema, String json) {
    try {
      RequestValidation.check(schema, doc(json), null);
    } catch (DomainException e) {
      return e.kind();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void requiredAttributesMustBePresent() {
    assertThat(refusal(ScimSchema.USERS, "{\"displayName\":\"x\"}")).isEqualTo(Kind.INVALID);
    assertThat(refusal(ScimSchema.USERS, "{\"userName\":\"\"}")).isEqualTo(Kind.INVALID);
    assertThat(refusal(ScimSchema.GROUPS, "{\"members\":[]}")).isEqualTo(Kind.INVALID);
  }

  @Test
  void valuesMustHaveTheirType() {
    assertThat(refusal(ScimSchema.USERS, "{\"userName\":\"a\",\"active\":\"maybe\"}"))
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(ScimSchema.USERS, "{\"userName\":\"a\",\"title\":{\"x\":1}}"))
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(ScimSchema.USERS, "{\"userName\":\"a\",\"name\":\"Barbara\"}"))
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(ScimSchema.USERS, "{\"userName\":\"a\",\"displayName\":[\"a\",\"b\"]}"))
        .isEqualTo(Kind.INVALID);
    assertThat(
            refusal(
                ScimSchema.USERS,
                "{\"userName\":\"a\",\"emails\":[{\"value\":\"x\",\"primary\":\"often\"}]}"))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void canonicalValuesAreEnforcedCaseInsensitively() throws Exception {
    assertThat(
            refusal(
                ScimSchema.USERS,
                "{\"userName\":\"a\",\"emails\":[{\"value\":\"x\",\"type\":\"pigeon\"}]}"))
        .isEqualTo(Kind.INVALID);
    RequestValidation.check(
        ScimSchema.USERS,
        doc("{\"userName\":\"a\",\"emails\":[{\"value\":\"x\",\"type\":\"Work\"}]}"),
        null);
  }

  @Test
  void readOnlyAttributesAreIgnoredAndNamesAreCaseInsensitive() throws Exception {
    ObjectNode out =
        RequestValidation.check(
            ScimSchema.USERS,
            doc("{\"USERNAME\":\"a\",\"id\":\"mine\",\"meta\":{},\"groups\":[{\"value\":\"g\"}]}"),
            null);
    assertThat(out.fieldNames()).toIterable().containsExactly("userName");
  }

  @Test
  void theIdpDialectsStayAccepted() throws Exception {
    RequestValidation.check(
        ScimSchema.USERS,
        doc(
            """
        {"userName":"a","active":"False",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"26118915-6090-4610-87e4-49d8ca9f808d"}}"""),
        null);
  }

  @Test
  void extensionAttributesAreCheckedToo() {
    assertThatThrownBy(
            () ->
                RequestValidation.check(
                    ScimSchema.USERS,
                    doc(
                        "{\"userName\":\"a\",\"urn:gangway:params:scim:schemas:extension:external:1.0:User\":{\"company\":[1]}}"),
                    null))
        .isInstanceOf(DomainException.class);
  }
}
