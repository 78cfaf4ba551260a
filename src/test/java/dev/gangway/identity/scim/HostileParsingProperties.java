package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.platform.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.directory.scim.spec.filter.Filter;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input for the parsers a SCIM client reaches: the filter dialect, the body gate
 * and PATCH. Each answers or refuses with a SCIM-mappable error — never another exception — and
 * stays linear in its input.
 *
 * <p>Property-based in the plain JUnit way: each property runs over cases drawn from a seeded
 * {@link Random} (the seed is in the failure message, so a failing case can be replayed with {@code
 * -Dhostile.seed=…}). jqwik was tried and left out: its maintainer asks that automated agents, who
 * write much of this code base, not use it.
 */
class HostileParsingProperties {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ScimLimits UNLIMITED =
      new ScimLimits(1, 1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1);

  /** Fixed by default so that CI is repeatable; another seed explores other cases. */
  private static final long SEED = Long.getLong("hostile.seed", 20261130L);

  /**
   * Runs {@code property} on {@code tries} generated cases; a failure names the seed and the case.
   */
  private static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> property) {
    Random random = new Random(SEED);
    for (int i = 0; i < tries; i++) {
      T value = generator.apply(random);
      try {
        property.accept(value);
      } catch (AssertionError | RuntimeException e) {
        String shown = String.valueOf(value instanceof byte[] b ? Arrays.toString(b) : value);
        throw new AssertionError(
            "case "
                + i
                + " of seed "
                + SEED
                + " (-Dhostile.seed="
                + SEED
                + "): "
                + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown),
            e);
      }
    }
  }

  @SafeVarargs
  private static <T> T oneOf(Random r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }

  private static <T> List<T> listOf(Random r, int min, int max, Function<Random, T> element) {
    int n = min + r.nextInt(max - min + 1);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(element.apply(r));
    return out;
  }

  // ------------------------------------------------------------------ filters

  private static final String[] FILTER_PIECES = {
    "userName",
    "emails",
    ".value",
    ".type",
    " ",
    "  ",
    "\t",
    "eq",
    "EQ",
    "Eq",
    "ne",
    "co",
    "sw",
    "pr",
    "and",
    "or",
    "not",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "\\\"",
    "\\",
    "a",
    "42",
    "-1.5e3",
    "true",
    "null",
    "x@y.z",
    "é",
    "東",
    "😀",
    "\u0000",
    "urn:ietf:params:scim:schemas:core:2.0:User:",
    "$ref",
    "..",
    "]."
  };

  /** Pieces filters are made of, so that generated strings hit the scanner's every branch. */
  private static String filterish(Random r) {
    return String.join("", listOf(r, 0, 400, x -> oneOf(x, FILTER_PIECES)));
  }

  /** Any string: code points from the whole range, surrogates and controls included. */
  private static String anyString(Random r) {
    int length = r.nextInt(3001);
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(
          switch (r.nextInt(4)) {
            case 0 -> (char) (0x20 + r.nextInt(0x5f)); // printable ASCII
            case 1 -> (char) r.nextInt(0x20); // controls
            case 2 -> (char) (0xd800 + r.nextInt(0x800)); // lone surrogates
            default -> (char) r.nextInt(0x10000);
          });
    }
    return b.toString();
  }

  @Test
  void aFilterIsNormalisedOrRefusedAsAnInvalidFilterNeverAnythingElse() {
    forAll(
        400,
        HostileParsingProperties::filterish,
        filter -> {
          try {
            assertThat(FilterDialect.normalize(filter)).isNotNull();
          } catch (DomainException e) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
          }
        });
  }

  @Test
  void anyStringIsNormalisedOrRefusedAsAnInvalidFilter() {
    forAll(
        300,
        HostileParsingProperties::anyString,
        filter -> {
          try {
            FilterDialect.normalize(filter);
          } catch (DomainException e) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
          }
        });
  }

  @Test
  void normalisingTwiceChangesNothingMore() {
    forAll(
        300,
        HostileParsingProperties::filterish,
        filter -> {
          String once;
          try {
            once = FilterDialect.normalize(filter, UNLIMITED);
          } catch (DomainException e) {
            return;
          }
          assertThat(FilterDialect.normalize(once, UNLIMITED)).isEqualTo(once);
        });
  }

  /** Well-formed IdP filters, quoted or not, in any operator case. */
  private static String idpFilter(Random r) {
    Function<Random, String> value =
        x -> {
          String v =
              listOf(
                      x,
                      1,
                      20,
                      y -> String.valueOf(oneOf(y, "abcdefghijklmnopqrstuvwxyz@.-_".split(""))))
                  .stream()
                  .reduce("", String::concat);
          return x.nextBoolean() ? "\"" + v + "\"" : v;
        };
    Function<Random, String> term =
        x ->
            switch (x.nextInt(3)) {
              case 0 ->
                  oneOf(
                          x,
                          "userName",
                          "externalId",
                          "displayName",
                          "id",
                          "title",
                          "emails.value",
                          "name.familyName",
                          "meta.lastModified")
                      + " "
                      + oneOf(x, "eq", "Eq", "EQ", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le")
                      + " "
                      + value.apply(x);
              case 1 -> "emails[type eq \"work\"].value eq " + value.apply(x);
              default -> oneOf(x, "userName", "externalId", "title", "emails.value") + " pr";
            };
    List<String> terms = listOf(r, 1, 6, term);
    StringBuilder b = new StringBuilder(terms.get(0));
    for (int i = 1; i < terms.size(); i++) b.append(oneOf(r, " and ", " or ")).append(terms.get(i));
    return b.toString();
  }

  @Test
  void idpFiltersBecomeFiltersScimpleParses() {
    forAll(
        300,
        HostileParsingProperties::idpFilter,
        filter -> {
          String normalized = FilterDialect.normalize(filter);
          try {
            assertThat(new Filter(normalized).getExpression()).isNotNull();
          } catch (Exception e) {
            throw new AssertionError("SCIMple refused " + normalized, e);
          }
        });
  }

  @Test
  void longRepetitionsStayLinear() {
    forAll(
        25,
        HostileParsingProperties::filterish,
        unit -> {
          if (unit.isEmpty()) return;
          String filter = unit.repeat(Math.max(1, 60_000 / unit.length()));
          long start = System.nanoTime();
          try {
            FilterDialect.normalize(filter, UNLIMITED);
          } catch (DomainException e) {
            // an unbalanced depth check cannot fire without limits; anything refused is still fast
          }
          assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
        });
  }

  // ------------------------------------------------------------------ bodies

  @Test
  void anyBytesAreAnObjectOrAReasonNeverAnException() {
    forAll(
        500,
        r -> {
          byte[] bytes = new byte[r.nextInt(301)];
          r.nextBytes(bytes);
          return bytes;
        },
        bytes -> {
          Object parsed = ScimBody.parse(bytes, 32);

          assertThat(parsed).isInstanceOfAny(ObjectNode.class, String.class);
          if (parsed instanceof ObjectNode o) assertThat(ScimBody.unpairedSurrogate(o)).isNull();
        });
  }

  private static String document(Random r) {
    ObjectNode o = JSON.objectNode();
    o.putArray("schemas").add(ScimSchema.USER);
    for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
      String name =
          listOf(r, 1, 10, x -> String.valueOf((char) ('a' + x.nextInt(26)))).stream()
              .reduce("", String::concat);
      o.put("x" + name, name);
    }
    return o.toString();
  }

  @Test
  void truncatedDocumentsAreRefused() {
    forAll(
        300,
        r -> {
          String doc = document(r);
          return doc.substring(0, r.nextInt(doc.length() - 1));
        },
        truncated ->
            assertThat(ScimBody.parse(truncated.getBytes(StandardCharsets.UTF_8), 32))
                .isInstanceOf(String.class));
  }

  // ------------------------------------------------------------------ PATCH

  private static final JsonNode[] PATCH_VALUES = {
    JSON.nullNode(),
    JSON.textNode(""),
    JSON.textNode("x"),
    JSON.textNode("False"),
    JSON.numberNode(3),
    JSON.booleanNode(true),
    JSON.arrayNode(),
    JSON.arrayNode().add(JSON.objectNode().put("value", "a@x").put("type", "work")),
    JSON.arrayNode().add(JSON.nullNode()),
    JSON.objectNode(),
    JSON.objectNode().put("name.givenName", "G"),
    JSON.objectNode().put("active", "False"),
    JSON.objectNode().set("name", JSON.objectNode().put("familyName", 7)),
    JSON.objectNode()
        .put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "D")
  };

  private static final String[] PATCH_PATHS = {
    null,
    "",
    "userName",
    "displayName",
    "name.givenName",
    "name",
    "emails",
    "emails.value",
    "emails[type eq \"work\"].value",
    "emails[type eq work]",
    "emails[value co \"@\"]",
    "active",
    "id",
    "meta.version",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
    "members",
    "members[value eq \"x\"]",
    "no.such",
    "emails[",
    "emails[type eq]",
    "[",
    "..",
    "x".repeat(5000),
    "(".repeat(100) + "a eq b" + ")".repeat(100)
  };

  private static JsonPatch.Operation operation(Random r) {
    String op = oneOf(r, "add", "replace", "remove", "Replace", "ADD", "explode", "", null);
    String path = r.nextBoolean() ? oneOf(r, PATCH_PATHS) : filterish(r);
    return new JsonPatch.Operation(op, path, oneOf(r, PATCH_VALUES));
  }

  @Test
  void anyOperationsApplyWholeOrFailAsAScimError() {
    forAll(
        500,
        r -> listOf(r, 1, 4, HostileParsingProperties::operation),
        ops -> {
          ObjectNode user = JSON.objectNode();
          user.putArray("schemas").add(ScimSchema.USER);
          user.put("id", "2819c223-7f76-453a-919d-413861904646")
              .put("userName", "bjensen@example.com")
              .put("active", true);
          user.putArray("emails").addObject().put("value", "b@example.com").put("type", "work");
          ObjectNode before = user.deepCopy();
          try {
            assertThat(new JsonPatch(ScimSchema.USERS).apply(user, ops)).isNotNull();
          } catch (DomainException | ScimErrors.Refusal e) {
            assertThat(ScimErrors.safe(e.getMessage())).doesNotContain("java.");
          }
          assertThat(user).isEqualTo(before);
        });
  }
}
