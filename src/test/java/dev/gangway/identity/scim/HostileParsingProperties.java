package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.directory.scim.spec.filter.Filter;

/**
 * Generated hostile input for the parsers a SCIM client reaches: the filter dialect, the body
 * gate and PATCH. Each answers or refuses with a SCIM-mappable error — never another exception —
 * and stays linear in its input.
 */
class HostileParsingProperties {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ScimLimits UNLIMITED = new ScimLimits(1, 1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE,
      Integer.MAX_VALUE, 1);

  // ------------------------------------------------------------------ filters

  /** Pieces filters are made of, so that generated strings hit the scanner's every branch. */
  @Provide
  Arbitrary<String> filterish() {
    Arbitrary<String> piece = Arbitraries.of("userName", "emails", ".value", ".type", " ", "  ", "\t", "eq", "EQ", "Eq", "ne",
        "co", "sw", "pr", "and", "or", "not", "(", ")", "[", "]", "\"", "\\\"", "\\", "a", "42", "-1.5e3", "true", "null",
        "x@y.z", "é", "東", "😀", "\u0000", "urn:ietf:params:scim:schemas:core:2.0:User:", "$ref", "..", "]." );
    return piece.list().ofMaxSize(400).map(l -> String.join("", l));
  }

  @Property(tries = 400)
  void aFilterIsNormalisedOrRefusedAsAnInvalidFilterNeverAnythingElse(@ForAll("filterish") String filter) {
    try {
      String out = FilterDialect.normalize(filter);
      assertThat(out).isNotNull();
    } catch (DomainException e) {
      assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
    }
  }

  @Property(tries = 300)
  void anyStringIsNormalisedOrRefusedAsAnInvalidFilter(@ForAll @StringLength(max = 3000) String filter) {
    try {
      FilterDialect.normalize(filter);
    } catch (DomainException e) {
      assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
    }
  }

  @Property(tries = 300)
  void normalisingTwiceChangesNothingMore(@ForAll("filterish") String filter) {
    String once;
    try {
      once = FilterDialect.normalize(filter, UNLIMITED);
    } catch (DomainException e) {
      return;
    }
    assertThat(FilterDialect.normalize(once, UNLIMITED)).isEqualTo(once);
  }

  /** Well-formed IdP filters, quoted or not, in any operator case. */
  @Provide
  Arbitrary<String> idpFilter() {
    Arbitrary<String> attr = Arbitraries.of("userName", "externalId", "displayName", "id", "title", "emails.value",
        "name.familyName", "meta.lastModified");
    Arbitrary<String> op = Arbitraries.of("eq", "Eq", "EQ", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
    Arbitrary<String> value = Arbitraries.strings().withCharRange('a', 'z').withChars('@', '.', '-', '_').ofMinLength(1).ofMaxLength(20)
        .flatMap(v -> Arbitraries.of("\"" + v + "\"", v));
    Arbitrary<String> comparison = Combinators.combine(attr, op, value).as((a, o, v) -> a + " " + o + " " + v);
    Arbitrary<String> valueFilter = value.map(v -> "emails[type eq \"work\"].value eq " + v);
    Arbitrary<String> term = Arbitraries.oneOf(comparison, valueFilter, attr.map(a -> a + " pr"));
    return term.list().ofMinSize(1).ofMaxSize(6).flatMap(terms -> Arbitraries.of(" and ", " or ").list().ofSize(terms.size())
        .map(joins -> {
          StringBuilder b = new StringBuilder(terms.get(0));
          for (int i = 1; i < terms.size(); i++) b.append(joins.get(i)).append(terms.get(i));
          return b.toString();
        }));
  }

  @Property(tries = 300)
  void idpFiltersBecomeFiltersScimpleParses(@ForAll("idpFilter") String filter) throws Exception {
    String normalized = FilterDialect.normalize(filter);

    assertThat(new Filter(normalized).getExpression()).isNotNull();
  }

  @Property(tries = 25)
  void longRepetitionsStayLinear(@ForAll("filterish") String unit) {
    if (unit.isEmpty()) return;
    String filter = unit.repeat(Math.max(1, 60_000 / unit.length()));
    long start = System.nanoTime();
    try {
      FilterDialect.normalize(filter, UNLIMITED);
    } catch (DomainException e) {
      // an unbalanced depth check cannot fire without limits; anything refused is still fast
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
  }

  // ------------------------------------------------------------------ bodies

  @Property(tries = 500)
  void anyBytesAreAnObjectOrAReasonNeverAnException(@ForAll @Size(max = 300) byte[] bytes) {
    Object parsed = ScimBody.parse(bytes, 32);

    assertThat(parsed).isInstanceOfAny(ObjectNode.class, String.class);
    if (parsed instanceof ObjectNode o) assertThat(ScimBody.unpairedSurrogate(o)).isNull();
  }

  @Property(tries = 300)
  void truncatedDocumentsAreRefused(@ForAll("document") String doc, @ForAll double fraction) {
    int cut = (int) (Math.abs(fraction) % 1 * (doc.length() - 1));
    Object parsed = ScimBody.parse(doc.substring(0, cut).getBytes(StandardCharsets.UTF_8), 32);

    assertThat(parsed).isInstanceOf(String.class);
  }

  @Provide
  Arbitrary<String> document() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).list().ofMinSize(1).ofMaxSize(8)
        .map(names -> {
          ObjectNode o = JSON.objectNode();
          o.putArray("schemas").add(ScimSchema.USER);
          for (String n : names) o.put("x" + n, n);
          return o.toString();
        });
  }

  // ------------------------------------------------------------------ PATCH

  @Provide
  Arbitrary<JsonPatch.Operation> operation() {
    Arbitrary<String> op = Arbitraries.of("add", "replace", "remove", "Replace", "ADD", "explode", "", null);
    Arbitrary<String> path = Arbitraries.oneOf(
        Arbitraries.of(null, "", "userName", "displayName", "name.givenName", "name", "emails", "emails.value",
            "emails[type eq \"work\"].value", "emails[type eq work]", "emails[value co \"@\"]", "active", "id", "meta.version",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "members", "members[value eq \"x\"]",
            "no.such", "emails[", "emails[type eq]", "[", "..", "x".repeat(5000), "(".repeat(100) + "a eq b" + ")".repeat(100)),
        filterish());
    Arbitrary<JsonNode> value = Arbitraries.of(
        JSON.nullNode(), JSON.textNode(""), JSON.textNode("x"), JSON.textNode("False"), JSON.numberNode(3), JSON.booleanNode(true),
        JSON.arrayNode(), JSON.arrayNode().add(JSON.objectNode().put("value", "a@x").put("type", "work")),
        JSON.arrayNode().add(JSON.nullNode()), JSON.objectNode(), JSON.objectNode().put("name.givenName", "G"),
        JSON.objectNode().put("active", "False"), JSON.objectNode().set("name", JSON.objectNode().put("familyName", 7)),
        JSON.objectNode().put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "D"));
    return Combinators.combine(op, path, value).as(JsonPatch.Operation::new);
  }

  @Provide
  Arbitrary<List<JsonPatch.Operation>> operations() {
    return operation().list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 500)
  void anyOperationsApplyWholeOrFailAsAScimError(@ForAll("operations") List<JsonPatch.Operation> ops) {
    ObjectNode user = JSON.objectNode();
    user.putArray("schemas").add(ScimSchema.USER);
    user.put("id", "2819c223-7f76-453a-919d-413861904646").put("userName", "bjensen@example.com").put("active", true);
    user.putArray("emails").addObject().put("value", "b@example.com").put("type", "work");
    ObjectNode before = user.deepCopy();
    try {
      ObjectNode out = new JsonPatch(ScimSchema.USERS).apply(user, ops);
      assertThat(out).isNotNull();
    } catch (DomainException | ScimErrors.Refusal e) {
      assertThat(ScimErrors.safe(e.getMessage())).doesNotContain("java.");
    }
    assertThat(user).isEqualTo(before);
  }
}
