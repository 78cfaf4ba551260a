package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gangway.identity.scim.JsonPatch.Operation;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPatchTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String USER_ID = "2819c223-7f76-453a-919d-413861904646";

  private final JsonPatch users = new JsonPatch(ScimSchema.USERS);
  private final JsonPatch groups = new JsonPatch(ScimSchema.GROUPS);

  private static ObjectNode user() {
    ObjectNode u = JSON.objectNode();
    u.putArray("schemas").add(ScimSchema.USER);
    u.put("id", USER_ID);
    u.put("userName", "bjensen@example.com");
    u.put("active", true);
    u.putObject("name").put("givenName", "Barbara").put("familyName", "Jensen");
    return u;
  }

  private static ObjectNode email(String type, String value) {
    return JSON.objectNode().put("type", type).put("value", value);
  }

  private static ObjectNode userWithEmails(ObjectNode... emails) {
    ObjectNode u = user();
    ArrayNode arr = u.putArray("emails");
    for (ObjectNode e : emails) arr.add(e);
    return u;
  }

  private static Operation op(String op, String path, JsonNode value) {
    return new Operation(op, path, value);
  }

  private ObjectNode patchUser(ObjectNode doc, Operation... ops) {
    return users.apply(doc, List.of(ops));
  }

  private static DomainException.Kind kindOf(Runnable r) {
    try {
      r.run();
    } catch (DomainException e) {
      return e.kind();
    }
    throw new AssertionError("expected a DomainException");
  }

  // --- Okta ----------------------------------------------------------------------------------

  @Test
  void pathlessReplaceResendingTheSameIdIgnoresTheIdAndDeactivates() {
    ObjectNode value = JSON.objectNode().put("id", USER_ID).put("active", false);

    ObjectNode patched = patchUser(user(), op("replace", null, value));

    assertThat(patched.get("active").booleanValue()).isFalse();
    assertThat(patched.get("id").asText()).isEqualTo(USER_ID);
  }

  @Test
  void pathlessReplaceWithADifferentIdIsAMutabilityError() {
    ObjectNode value = JSON.objectNode().put("id", "someone-else").put("active", false);

    assertThat(kindOf(() -> patchUser(user(), op("replace", null, value))))
        .isEqualTo(Kind.MUTABILITY);
  }

  @Test
  void replacingIdThroughAPathIsAMutabilityErrorEvenWhenUnchanged() {
    assertThat(kindOf(() -> patchUser(user(), op("replace", "id", TextNode.valueOf(USER_ID)))))
        .isEqualTo(Kind.MUTABILITY);
  }

  // --- Entra ---------------------------------------------------------------------------------

  @Test
  void capitalisedOpNamesAreAccepted() {
    ObjectNode patched =
        patchUser(
            userWithEmails(email("work", "a@example.com")),
            op("Replace", "displayName", TextNode.valueOf("Babs")),
            op("Add", "title", TextNode.valueOf("Engineer")),
            op("Remove", "name.familyName", null));

    assertThat(patched.get("displayName").asText()).isEqualTo("Babs");
    assertThat(patched.get("title").asText()).isEqualTo("Engineer");
    assertThat(patched.get("name").has("familyName")).isFalse();
    assertThat(patched.get("name").get("givenName").asText()).isEqualTo("Barbara");
  }

  @Test
  void activeGivenAsTheStringFalseBecomesBooleanFalse() {
    ObjectNode patched = patchUser(user(), op("Replace", "active", TextNode.valueOf("False")));

    assertThat(patched.get("active").isBoolean()).isTrue();
    assertThat(patched.get("active").booleanValue()).isFalse();
  }

  @Test
  void activeGivenAsTheStringTrueInAPathlessValueBecomesBooleanTrue() {
    ObjectNode doc = user().put("active", false);

    ObjectNode patched =
        patchUser(doc, op("Replace", null, JSON.objectNode().put("active", "True")));

    assertThat(patched.get("active").isBoolean()).isTrue();
    assertThat(patched.get("active").booleanValue()).isTrue();
  }

  @Test
  void activeGivenAsAnotherStringIsInvalid() {
    assertThat(kindOf(() -> patchUser(user(), op("replace", "active", TextNode.valueOf("yes")))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void pathlessValueWithADottedKeySetsTheSubAttribute() {
    ObjectNode value = JSON.objectNode().put("name.givenName", "Babs");

    ObjectNode patched = patchUser(user(), op("replace", null, value));

    assertThat(patched.get("name").get("givenName").asText()).isEqualTo("Babs");
    assertThat(patched.get("name").get("familyName").asText()).isEqualTo("Jensen");
  }

  @Test
  void pathlessValueWithAnExtensionUrnKeySetsTheExtensionAttribute() {
    ObjectNode value = JSON.objectNode().put(ENTERPRISE + ":department", "Finance");

    ObjectNode patched = patchUser(user(), op("replace", null, value));

    assertThat(patched.get(ENTERPRISE).get("department").asText()).isEqualTo("Finance");
    assertThat(patched.has(ENTERPRISE + ":department")).isFalse();
  }

  @Test
  void pathlessValueWithAWholeExtensionObjectSetsEachOfItsAttributes() {
    ObjectNode doc = user();
    doc.putObject(ENTERPRISE).put("costCenter", "4130");
    ObjectNode value = JSON.objectNode();
    value.putObject(ENTERPRISE).put("department", "Finance").put("employeeNumber", "701984");

    ObjectNode patched = patchUser(doc, op("add", null, value));

    assertThat(patched.get(ENTERPRISE).get("department").asText()).isEqualTo("Finance");
    assertThat(patched.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("701984");
    assertThat(patched.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("4130");
  }

  @Test
  void pathlessSchemasKeyIsNotApplied() {
    ObjectNode value = JSON.objectNode();
    value.putArray("schemas").add("urn:example:bogus");
    value.put("displayName", "Babs");

    ObjectNode patched = patchUser(user(), op("replace", null, value));

    assertThat(patched.get("schemas")).containsExactly(TextNode.valueOf(ScimSchema.USER));
    assertThat(patched.get("displayName").asText()).isEqualTo("Babs");
  }

  @Test
  void pathlessRemoveIsNoTarget() {
    // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... noTarget"
    assertThatThrownBy(
            () -> patchUser(user(), op("remove", null, JSON.objectNode().put("title", "x"))))
        .isInstanceOf(ScimErrors.Refusal.class)
        .hasMessageContaining("needs a path");
  }

  // --- value filters -------------------------------------------------------------------------

  @Test
  void replaceThroughATypeFilterChangesTheMatchingValue() {
    ObjectNode doc =
        userWithEmails(email("work", "old@example.com"), email("home", "me@home.example"));

    ObjectNode patched =
        patchUser(
            doc,
            op("replace", "emails[type eq \"work\"].value", TextNode.valueOf("new@example.com")));

    assertThat(patched.get("emails"))
        .containsExactly(email("work", "new@example.com"), email("home", "me@home.example"));
  }

  @Test
  void replaceThroughATypeFilterOnAUserWithoutEmailsCreatesTheValue() {
    ObjectNode patched =
        patchUser(
            user(),
            op("replace", "emails[type eq \"work\"].value", TextNode.valueOf("new@example.com")));

    assertThat(patched.get("emails")).containsExactly(email("work", "new@example.com"));
  }

  @Test
  void replaceThroughANonEqualityFilterMatchingNothingIsAnInvalidPath() {
    assertThat(
            kindOf(
                () ->
                    patchUser(
                        user(),
                        op(
                            "replace",
                            "emails[value co \"@example\"].type",
                            TextNode.valueOf("work")))))
        .isEqualTo(Kind.INVALID_PATH);
  }

  @Test
  void removeThroughATypeFilterRemovesOnlyTheMatchingValue() {
    ObjectNode doc =
        userWithEmails(email("work", "w@example.com"), email("home", "h@home.example"));

    ObjectNode patched = patchUser(doc, op("remove", "emails[type eq \"home\"]", null));

    assertThat(patched.get("emails")).containsExactly(email("work", "w@example.com"));
  }

  @Test
  void removingTheLastMatchingValueRemovesTheAttribute() {
    ObjectNode doc = userWithEmails(email("home", "h@home.example"));

    ObjectNode patched = patchUser(doc, op("remove", "emails[type eq \"home\"]", null));

    assertThat(patched.has("emails")).isFalse();
  }

  @Test
  void removeOfAMultiValuedAttributeWithAValueListRemovesOnlyTheListedValues() {
    ObjectNode doc =
        userWithEmails(
            email("work", "a@example.com"),
            email("home", "b@example.com"),
            email("other", "c@example.com"));
    ArrayNode listed =
        JSON.arrayNode()
            .add(JSON.objectNode().put("value", "B@example.com"))
            .add(JSON.objectNode().put("value", "c@example.com"));

    ObjectNode patched = patchUser(doc, op("remove", "emails", listed));

    assertThat(patched.get("emails")).containsExactly(email("work", "a@example.com"));
  }

  @Test
  void removeOfGroupMembersWithAValueListRemovesOnlyThoseMembers() {
    ObjectNode group = JSON.objectNode().put("id", "g1").put("displayName", "Ops");
    group
        .putArray("members")
        .add(JSON.objectNode().put("value", "u1"))
        .add(JSON.objectNode().put("value", "u2"))
        .add(JSON.objectNode().put("value", "u3"));
    ArrayNode listed = JSON.arrayNode().add(JSON.objectNode().put("value", "u2"));

    ObjectNode patched = groups.apply(group, List.of(op("Remove", "members", listed)));

    assertThat(patched.get("members"))
        .extracting(m -> m.get("value").asText())
        .containsExactly("u1", "u3");
  }

  @Test
  void addToAMultiValuedAttributeAppendsWithoutDuplicatingAnIdenticalValue() {
    ObjectNode doc = userWithEmails(email("work", "a@example.com"));
    ArrayNode added =
        JSON.arrayNode().add(email("work", "a@example.com")).add(email("home", "b@example.com"));

    ObjectNode patched = patchUser(doc, op("add", "emails", added));

    assertThat(patched.get("emails"))
        .containsExactly(email("work", "a@example.com"), email("home", "b@example.com"));
  }

  @Test
  void replaceOfAMultiValuedAttributeReplacesAllValues() {
    ObjectNode doc = userWithEmails(email("work", "a@example.com"), email("home", "b@example.com"));

    ObjectNode patched =
        patchUser(
            doc, op("replace", "emails", JSON.arrayNode().add(email("work", "c@example.com"))));

    assertThat(patched.get("emails")).containsExactly(email("work", "c@example.com"));
  }

  @Test
  void addingAPrimaryEmailLeavesAtMostOnePrimary() {
    ObjectNode doc = userWithEmails(email("work", "a@example.com").put("primary", true));

    ObjectNode patched =
        patchUser(
            doc,
            op(
                "add",
                "emails",
                JSON.arrayNode().add(email("home", "b@example.com").put("primary", true))));

    assertThat(patched.get("emails")).hasSize(2);
    assertThat(patched.get("emails"))
        .filteredOn(e -> e.path("primary").asBoolean(false))
        .containsExactly(email("home", "b@example.com").put("primary", true));
  }

  // --- manager -------------------------------------------------------------------------------

  @Test
  void managerGivenAsARawIdStringBecomesAValueObject() {
    ObjectNode patched =
        patchUser(user(), op("Add", ENTERPRISE + ":manager", TextNode.valueOf("mgr-1")));

    assertThat(patched.get(ENTERPRISE).get("manager"))
        .isEqualTo(JSON.objectNode().put("value", "mgr-1"));
  }

  @Test
  void managerReplacedWithAnEmptyStringIsRemovedAndTheEmptyExtensionDisappears() {
    ObjectNode doc = user();
    doc.putObject(ENTERPRISE).putObject("manager").put("value", "mgr-1");

    ObjectNode patched =
        patchUser(doc, op("Replace", ENTERPRISE + ":manager", TextNode.valueOf("")));

    assertThat(patched.has(ENTERPRISE)).isFalse();
  }

  @Test
  void managerReplacedWithAnEmptyStringKeepsTheOtherExtensionAttributes() {
    ObjectNode doc = user();
    doc.putObject(ENTERPRISE)
        .put("department", "Finance")
        .putObject("manager")
        .put("value", "mgr-1");

    ObjectNode patched =
        patchUser(doc, op("Replace", ENTERPRISE + ":manager", TextNode.valueOf("")));

    assertThat(patched.get(ENTERPRISE)).isEqualTo(JSON.objectNode().put("department", "Finance"));
  }

  @Test
  void clearingAManagerThatWasNeverSetLeavesNoEmptyExtension() {
    ObjectNode patched =
        patchUser(user(), op("Replace", ENTERPRISE + ":manager", TextNode.valueOf("")));

    assertThat(patched.has(ENTERPRISE)).isFalse();
  }

  // --- errors --------------------------------------------------------------------------------

  @Test
  void unknownAttributeIsAnInvalidPath() {
    assertThat(
            kindOf(
                () ->
                    patchUser(user(), op("replace", "favouriteColour", TextNode.valueOf("blue")))))
        .isEqualTo(Kind.INVALID_PATH);
  }

  @Test
  void unknownAttributeInAPathlessValueIsAnInvalidPath() {
    assertThat(
            kindOf(
                () ->
                    patchUser(
                        user(),
                        op("replace", null, JSON.objectNode().put("favouriteColour", "blue")))))
        .isEqualTo(Kind.INVALID_PATH);
  }

  @Test
  void unknownSubAttributeIsAnInvalidPath() {
    assertThat(
            kindOf(
                () -> patchUser(user(), op("replace", "name.nickname", TextNode.valueOf("Babs")))))
        .isEqualTo(Kind.INVALID_PATH);
  }

  @Test
  void unparsablePathIsAnInvalidPath() {
    assertThat(
            kindOf(
                () ->
                    patchUser(
                        user(), op("replace", "emails[type eq \"work\"", TextNode.valueOf("x")))))
        .isEqualTo(Kind.INVALID_PATH);
  }

  @Test
  void removingUserNameIsAMutabilityError() {
    assertThat(kindOf(() -> patchUser(user(), op("remove", "userName", null))))
        .isEqualTo(Kind.MUTABILITY);
  }

  @Test
  void replacingUserNameWithAnEmptyStringIsInvalid() {
    assertThat(kindOf(() -> patchUser(user(), op("replace", "userName", TextNode.valueOf("")))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void writingTheReadOnlyGroupsOfAUserIsAMutabilityError() {
    assertThat(
            kindOf(
                () ->
                    patchUser(
                        user(),
                        op(
                            "add",
                            "groups",
                            JSON.arrayNode().add(JSON.objectNode().put("value", "g1"))))))
        .isEqualTo(Kind.MUTABILITY);
  }

  @Test
  void unknownOpIsInvalid() {
    assertThat(kindOf(() -> patchUser(user(), op("merge", "title", TextNode.valueOf("x")))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void missingOpIsInvalid() {
    assertThat(kindOf(() -> patchUser(user(), op(null, "title", TextNode.valueOf("x")))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void aFailingOperationLeavesTheDocumentUnchanged() {
    ObjectNode doc = userWithEmails(email("work", "a@example.com"));
    ObjectNode before = doc.deepCopy();

    assertThatThrownBy(
            () ->
                patchUser(
                    doc,
                    op("replace", "displayName", TextNode.valueOf("Babs")),
                    op("remove", "userName", null)))
        .isInstanceOf(DomainException.class);

    assertThat(doc).isEqualTo(before);
  }

  @Test
  void aSuccessfulPatchDoesNotModifyTheInputDocument() {
    ObjectNode doc = userWithEmails(email("work", "a@example.com"));
    ObjectNode before = doc.deepCopy();

    ObjectNode patched =
        patchUser(
            doc,
            op("replace", "emails[type eq \"work\"].value", TextNode.valueOf("b@example.com")),
            op("replace", "displayName", TextNode.valueOf("Babs")));

    assertThat(doc).isEqualTo(before);
    assertThat(patched).isNotEqualTo(before);
  }
}
