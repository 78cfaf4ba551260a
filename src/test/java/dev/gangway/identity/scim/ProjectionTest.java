package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.4.2.5 and RFC 7643 §7 "returned", on documents, driven by the schema files. */
class ProjectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENT = ScimSchema.ENTERPRISE;

  private static ObjectNode user() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
        {"schemas":["%s","%s"],"id":"u1","externalId":"x1","userName":"bjensen","password":"secret",
         "name":{"givenName":"Barbara","familyName":"Jensen"},"active":true,
         "emails":[{"value":"b@example.com","type":"work","primary":true}],
         "%s":{"department":"Tour","organization":"Example"},
         "meta":{"resourceType":"User","version":"W/\\"1\\""}}"""
                .formatted(ScimSchema.USER, ENT, ENT));
  }

  private static ObjectNode group() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
        {"schemas":["%s"],"id":"g1","displayName":"Tour Guides","members":[{"value":"u1","display":"B"}],
         "meta":{"resourceType":"Group"}}"""
                .formatted(ScimSchema.GROUP));
  }

  private static ObjectNode project(
      ScimSchema s, ObjectNode doc, List<String> attributes, List<String> excluded) {
    return Projection.of(s, attributes, excluded).apply(doc);
  }

  @Test
  void byDefaultEverythingButNeverReturnedAttributesIsShown() throws Exception {
    ObjectNode out = project(ScimSchema.USERS, user(), List.of(), List.of());
    assertThat(out.has("password")).isFalse();
    ObjectNode expected = user();
    expected.remove("password");
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void attributesKeepOnlyTheNamedOnesAndTheAlwaysReturned() throws Exception {
    ObjectNode out = project(ScimSchema.GROUPS, group(), List.of("displayName"), List.of());
    assertThat(out.fieldNames()).toIterable().containsExactly("schemas", "id", "displayName");
  }

  @Test
  void namesAreCaseInsensitiveAndMayCarryTheCoreUrn() throws Exception {
    ObjectNode out =
        project(ScimSchema.USERS, user(), List.of(ScimSchema.USER + ":USERNAME"), List.of());
    assertThat(out.fieldNames()).toIterable().containsExactly("schemas", "id", "userName");
    assertThat(out.get("schemas")).hasSize(1); // the enterprise extension is not in the answer
  }

  @Test
  void aSubAttributeSelectsJustThatPart() throws Exception {
    ObjectNode out =
        project(ScimSchema.USERS, user(), List.of("name.givenName", "emails.value"), List.of());
    assertThat(out.get("name").toString()).isEqualTo("{\"givenName\":\"Barbara\"}");
    assertThat(out.get("emails").toString()).isEqualTo("[{\"value\":\"b@example.com\"}]");
  }

  @Test
  void anExtensionAttributeIsNamedByItsUrn() throws Exception {
    ObjectNode out = project(ScimSchema.USERS, user(), List.of(ENT + ":department"), List.of());
    assertThat(out.get(ENT).toString()).isEqualTo("{\"department\":\"Tour\"}");
    assertThat(out.get("schemas").toString()).contains(ENT);
  }

  @Test
  void excludedAttributesRemoveDefaultOnesButNeverTheAlwaysReturned() throws Exception {
    ObjectNode out =
        project(
            ScimSchema.USERS, user(), List.of(), List.of("id", "name.familyName", ENT, "emails"));
    assertThat(out.get("id").asText()).isEqualTo("u1");
    assertThat(out.get("name").toString()).isEqualTo("{\"givenName\":\"Barbara\"}");
    assertThat(out.has(ENT)).isFalse();
    assertThat(out.has("emails")).isFalse();
    assertThat(out.get("schemas").toString()).doesNotContain(ENT);
  }

  @Test
  void aPasswordIsNeverReturnedEvenWhenAskedFor() throws Exception {
    ObjectNode out = project(ScimSchema.USERS, user(), List.of("password", "userName"), List.of());
    assertThat(out.has("password")).isFalse();
    assertThat(out.get("userName").asText()).isEqualTo("bjensen");
  }

  @Test
  void bothListsAtOnceAreRefused() {
    assertThatThrownBy(
            () -> Projection.of(ScimSchema.USERS, List.of("userName"), List.of("emails")))
        .isInstanceOf(DomainException.class);
  }
}
