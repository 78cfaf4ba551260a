package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the SCIM pipeline reads a request before any use case runs: the body ({@link ScimBody}), the
 * PATCH operations ({@link JsonPatch#operations}) and what it asks to see — window, filter, sort,
 * projection — from a query string or a .search body ({@link ScimQuery}).
 */
class ScimRequestReadingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEARCH =
      "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]";

  private static MultivaluedMap<String, String> query(String... pairs) {
    MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) q.add(pairs[i], pairs[i + 1]);
    return q;
  }

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static Kind refusal(Runnable r) {
    try {
      r.run();
    } catch (DomainException e) {
      return e.kind();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void theWindowIsOneBasedDefaultedAndClamped() {
    ResourceQuery none = ScimQuery.of("users", query()).resourceQuery();
    assertThat(none.criteria()).isNull();
    assertThat(ScimQuery.of("users", query()).windowSize())
        .isEqualTo(ScimApplication.DEFAULT_COUNT);
    assertThat(ScimQuery.of("users", query("startIndex", "0")).firstIndex()).isEqualTo(1);
    assertThat(ScimQuery.of("users", query("startIndex", "-5")).firstIndex()).isEqualTo(1);
    assertThat(ScimQuery.of("users", query("startIndex", "11")).firstIndex()).isEqualTo(11);
    assertThat(ScimQuery.of("users", query("count", "999999")).windowSize())
        .isEqualTo(ScimApplication.MAX_RESULTS);
    assertThat(ScimQuery.of("users", query("count", "-1")).windowSize()).isZero();
    assertThat(ScimQuery.of("users", query("count", " 7 ")).windowSize()).isEqualTo(7);
  }

  @Test
  void aMistakeInTheQueryStringIsInvalidValue() {
    assertThat(refusal(() -> ScimQuery.of("users", query("count", "ten")))).isEqualTo(Kind.INVALID);
    assertThat(refusal(() -> ScimQuery.of("users", query("sortOrder", "up"))))
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(() -> ScimQuery.of("users", query("attributes", "noSuchThing"))))
        .isEqualTo(Kind.INVALID);
    assertThat(
            refusal(
                () ->
                    ScimQuery.of(
                        "groups",
                        query("attributes", "displayName", "excludedAttributes", "members"))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void filtersAreReadInTheIdpDialectsAndABadOneIsInvalidFilter() {
    assertThat(ScimQuery.of("users", query("filter", "externalId eq jyoung")).filterExpression())
        .isNotNull();
    assertThat(refusal(() -> ScimQuery.parse("userName eq \"a\" and")))
        .isEqualTo(Kind.INVALID_FILTER);
    assertThat(
            refusal(
                () ->
                    ScimQuery.of("users", query("filter", "userName zz \"a\"")).filterExpression()))
        .isEqualTo(Kind.INVALID_FILTER);
    assertThat(ScimQuery.of("users", query("filter", "")).filterExpression()).isNull();
    assertThat(ScimQuery.of("users", query("filter", "")).filter())
        .isEmpty(); // a single resource refuses it (403)
    assertThat(refusal(() -> ScimQuery.parse("userName eq \"" + "a".repeat(10_000) + "\"")))
        .isEqualTo(Kind.INVALID_FILTER);
  }

  @Test
  void membersAreLoadedOnlyWhenTheAnswerShowsThem() {
    assertThat(ScimQuery.of("groups", query()).membersWanted()).isTrue();
    assertThat(ScimQuery.of("groups", query("attributes", "displayName")).membersWanted())
        .isFalse();
    assertThat(
            ScimQuery.of("groups", query("attributes", "displayName,members.value"))
                .membersWanted())
        .isTrue();
    assertThat(ScimQuery.of("groups", query("excludedAttributes", "Members")).membersWanted())
        .isFalse();
    assertThat(ScimQuery.of("groups", query("excludedAttributes", "externalId")).membersWanted())
        .isTrue();
    assertThat(ScimQuery.of("groups", query("attributes", "")).projectionRequested()).isTrue();
    assertThat(ScimQuery.of("groups", query()).projectionRequested()).isFalse();
  }

  @Test
  void aSearchBodyNamesItsSchemaAndCarriesTheSameParameters() throws Exception {
    ScimQuery q =
        ScimQuery.ofSearch(
            "groups",
            body(
                "{"
                    + SEARCH
                    + ",\"filter\":\"displayName sw \\\"A\\\"\","
                    + "\"sortBy\":\" displayName \",\"sortOrder\":\"Descending\",\"startIndex\":3,\"count\":2,"
                    + "\"attributes\":[\"displayName\",\"externalId\"]}"));
    assertThat(q.filterExpression()).isNotNull();
    assertThat(q.sortBy()).isEqualTo("displayName");
    assertThat(q.descending()).isTrue();
    assertThat(q.firstIndex()).isEqualTo(3);
    assertThat(q.windowSize()).isEqualTo(2);
    assertThat(q.attributes()).containsExactly("displayName", "externalId");
    assertThat(q.membersWanted()).isFalse();
    assertThat(
            ScimQuery.ofSearch(
                    "users", body("{" + SEARCH + ",\"excludedAttributes\":\"title, nickName\"}"))
                .excluded())
        .containsExactly("title", "nickName");

    assertThatThrownBy(() -> ScimQuery.ofSearch("users", body("{\"filter\":\"userName pr\"}")))
        .isInstanceOf(ScimErrors.Refusal.class);
    assertThat(
            refusal(
                () -> ScimQuery.ofSearch("users", bodyOf("{" + SEARCH + ",\"count\":\"ten\"}"))))
        .isEqualTo(Kind.INVALID);
    assertThat(refusal(() -> ScimQuery.ofSearch("users", bodyOf("{" + SEARCH + ",\"filter\":5}"))))
        .isEqualTo(Kind.INVALID_FILTER);
    assertThat(
            refusal(
                () -> ScimQuery.ofSearch("users", bodyOf("{" + SEARCH + ",\"sortOrder\":\"up\"}"))))
        .isEqualTo(Kind.INVALID);
    assertThat(
            refusal(() -> ScimQuery.ofSearch("users", bodyOf("{" + SEARCH + ",\"filter\":\" \"}"))))
        .isEqualTo(Kind.INVALID_FILTER);
  }

  @Test
  void searchBodiesOfUsersAndGroupsAreReadAsLenientlyAsSCIMpleReadThemTheRootsStrictly()
      throws Exception {
    String body =
        "{" + SEARCH + ",\"sortOrder\":\"Descending\",\"startIndex\":2.7,\"count\":\"5\"}";
    ScimQuery q = ScimQuery.ofSearch("users", body(body));
    assertThat(q.descending()).isTrue();
    assertThat(q.firstIndex()).isEqualTo(2);
    assertThat(q.windowSize()).isEqualTo(5);
    assertThat(refusal(() -> ScimQuery.ofSearch("", bodyOf(body)))).isEqualTo(Kind.INVALID);
    assertThat(refusal(() -> ScimQuery.ofSearch("", bodyOf("{" + SEARCH + ",\"startIndex\":2.7}"))))
        .isEqualTo(Kind.INVALID);
    assertThat(
            ScimQuery.ofSearch(
                    "", body("{" + SEARCH + ",\"sortOrder\":\"descending\",\"count\":5}"))
                .descending())
        .isTrue();
    assertThat(
            refusal(
                () ->
                    ScimQuery.ofSearch(
                        "users", bodyOf("{" + SEARCH + ",\"attributes\":[\"nope\"]}"))))
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void aBodyWithinItsLimitIsReadAsOneObject() {
    byte[] bytes = "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8);
    ObjectNode read =
        ScimBody.read(new ByteArrayInputStream(bytes), String.valueOf(bytes.length), 100, 32, null);
    assertThat(read.path("a").size()).isEqualTo(2);
  }

  @Test
  void patchOperationsAreTakenFromThePatchOpBody() throws Exception {
    String op = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";
    List<JsonPatch.Operation> ops =
        JsonPatch.operations(
            body(
                "{"
                    + op
                    + ",\"Operations\":["
                    + "{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"x\"},{\"op\":\"add\",\"value\":{\"nickName\":\"n\"}}]}"));
    assertThat(ops).extracting(JsonPatch.Operation::op).containsExactly("Replace", "add");
    assertThat(ops).extracting(JsonPatch.Operation::path).containsExactly("title", null);
    assertThat(
            refusal(
                () ->
                    JsonPatch.operations(
                        bodyOf("{" + op + ",\"Operations\":[{\"op\":\"add\",\"path\":5}]}"))))
        .isEqualTo(Kind.INVALID_PATH);
    assertThat(
            refusal(
                () ->
                    JsonPatch.operations(
                        bodyOf("{" + op + ",\"Operations\":[{\"op\":\"add\",\"path\":\"a[\"}]}"))))
        .isEqualTo(Kind.INVALID_PATH);
    assertThatThrownBy(() -> JsonPatch.operations(body("{" + op + ",\"Operations\":[]}")))
        .isInstanceOf(ScimErrors.Refusal.class);
  }

  private static ObjectNode bodyOf(String json) {
    try {
      return body(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
