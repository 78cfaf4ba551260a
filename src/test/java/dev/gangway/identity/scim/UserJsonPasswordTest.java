package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gangway.identity.UserProfile;
import dev.gangway.identity.scim.JsonPatch.Operation;
import dev.gangway.platform.errors.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A password an IdP sends goes no further than the JSON it came in. */
class UserJsonPasswordTest {
  private static final String SECRET = "Okta-sends-1mz050nq";

  @Test
  void aCreateOrReplaceBodyWithAPasswordGivesTheSameProfileAsOneWithout() throws Exception {
    ObjectNode without =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"userName\":\"ann@example.com\",\"name\":{\"givenName\":\"Ann\"},\"emails\":[{\"value\":\"ann@example.com\"}]}");
    ObjectNode with = without.deepCopy().put("password", SECRET);

    UserProfile profile = UserJson.toProfile(with);

    assertThat(profile).usingRecursiveComparison().isEqualTo(UserJson.toProfile(without));
    assertThat(profile.toString()).doesNotContain(SECRET);
    assertThat(profile.auditView()).doesNotContainKey("password");
    assertThat(UserProfile.changes(UserJson.toProfile(without), profile)).isEmpty();
  }

  @Test
  void aPasswordOfTheWrongTypeIsRefusedWithoutEchoingIt() throws Exception {
    ObjectNode doc =
        (ObjectNode)
            new ObjectMapper()
                .readTree("{\"userName\":\"ann\",\"password\":{\"p\":\"" + SECRET + "\"}}");
    assertThatThrownBy(() -> RequestValidation.check(ScimSchema.USERS, doc, null))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("password must be a string")
        .hasMessageNotContaining(SECRET);
    ObjectNode title =
        (ObjectNode)
            new ObjectMapper().readTree("{\"userName\":\"ann\",\"title\":{\"t\":\"Chief\"}}");
    assertThatThrownBy(() -> RequestValidation.check(ScimSchema.USERS, title, null))
        .as("other values are still named")
        .hasMessageContaining("Chief");
  }

  @Test
  void aPatchThatSetsAPasswordChangesNothing() {
    ObjectNode user =
        JsonNodeFactory.instance.objectNode().put("id", "u1").put("userName", "bjensen");
    ObjectNode patched =
        new JsonPatch(ScimSchema.USERS)
            .apply(user, List.of(new Operation("replace", "password", TextNode.valueOf(SECRET))));

    UserProfile profile = UserJson.toProfile(patched);

    assertThat(profile).usingRecursiveComparison().isEqualTo(UserJson.toProfile(user));
    assertThat(UserProfile.changes(UserJson.toProfile(user), profile)).isEmpty();
  }
}
