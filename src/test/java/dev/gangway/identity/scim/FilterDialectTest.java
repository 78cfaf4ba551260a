package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.gangway.identity.jpa.FilterRepair;
import dev.gangway.platform.errors.DomainException;
import java.util.Collections;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.Filter;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class FilterDialectTest {

  @Test
  void unquotedValueIsQuoted() {
    assertThat(FilterDialect.normalize("externalId eq jyoung"))
        .isEqualTo("externalId eq \"jyoung\"");
  }

  @Test
  void entraUnquotedIdsOnBothSidesOfAnAndAreQuoted() {
    assertThat(FilterDialect.normalize("id eq 54D382A4-2050-4C03 and manager eq 2819c223-7f76"))
        .isEqualTo("id eq \"54D382A4-2050-4C03\" and manager eq \"2819c223-7f76\"");
  }

  @Test
  void unquotedValueInsideParenthesesAndBracketsIsQuotedWithoutItsDelimiters() {
    assertThat(FilterDialect.normalize("(userName eq bjensen) or emails[type eq work]"))
        .isEqualTo("(userName eq \"bjensen\") or emails[type eq \"work\"]");
  }

  @Test
  void operatorsInAnyCaseAreRecognised() {
    assertThat(FilterDialect.normalize("userName EQ bjensen")).isEqualTo("userName EQ \"bjensen\"");
  }

  @Test
  void unquotedDateTimeIsQuoted() {
    assertThat(FilterDialect.normalize("meta.lastModified gt 2011-05-13T04:42:34Z"))
        .isEqualTo("meta.lastModified gt \"2011-05-13T04:42:34Z\"");
  }

  @Test
  void booleansNullAndNumbersStayBare() {
    assertThat(FilterDialect.normalize("active eq true and x eq FALSE and title eq null"))
        .isEqualTo("active eq true and x eq FALSE and title eq null");
    assertThat(FilterDialect.normalize("a eq 42 or b gt -3.5 or c lt 1e10"))
        .isEqualTo("a eq 42 or b gt -3.5 or c lt 1e10");
  }

  @Test
  void quotedStringsAreNeverTouchedEvenWhenTheyLookLikeFilters() {
    String filter = "displayName eq \"Sales eq foo\" and title co \"x[type eq y].value eq z\"";

    assertThat(FilterDialect.normalize(filter)).isEqualTo(filter);
  }

  @Test
  void quotedStringWithAnEscapedQuoteIsNotTouched() {
    String filter = "displayName eq \"say \\\"hi\\\" eq there\"";

    assertThat(FilterDialect.normalize(filter)).isEqualTo(filter);
  }

  @Test
  void comparisonAfterAValueFilterMovesInsideTheBrackets() {
    assertThat(FilterDialect.normalize("emails[type eq \"work\"].value eq \"a@b.c\""))
        .isEqualTo("emails[type eq \"work\" and value eq \"a@b.c\"]");
  }

  @Test
  void presenceAfterAValueFilterMovesInsideTheBrackets() {
    assertThat(FilterDialect.normalize("emails[type eq \"work\"].value pr"))
        .isEqualTo("emails[type eq \"work\" and value pr]");
  }

  @Test
  void unquotedComparisonAfterAValueFilterIsQuotedAndMovedInside() {
    assertThat(FilterDialect.normalize("emails[type eq work].value eq a@b.c"))
        .isEqualTo("emails[type eq \"work\" and value eq \"a@b.c\"]");
  }

  @Test
  void alreadyValidFilterIsReturnedUnchanged() {
    String filter =
        "userName eq \"bjensen\" and (emails[type eq \"work\" and value co \"@example.com\"]"
            + " or not (active eq false)) and meta.lastModified gt \"2011-05-13T04:42:34Z\" and title pr";

    assertThat(FilterDialect.normalize(filter)).isEqualTo(filter);
  }

  @Test
  void nullStaysNull() {
    assertThat(FilterDialect.normalize(null)).isNull();
  }

  @Test
  void nonAsciiCharactersInValuesAreEscapedForTheParser() {
    assertThat(FilterDialect.normalize("userName eq \"josé@example.com\""))
        .isEqualTo("userName eq \"jos{{U+00E9}}@example.com\"");
    String parsedBack =
        (String)
            ((AttributeComparisonExpression)
                    FilterRepair.apply(
                        assertDoesNotThrow(
                                () ->
                                    new Filter(
                                        FilterDialect.normalize("displayName eq \"Zürich 東京 😀\"")))
                            .getExpression()))
                .getCompareValue();
    assertThat(parsedBack).isEqualTo("Zürich 東京 😀");
  }

  // --- hostile input: limits first, then one linear pass ---

  private static final ScimLimits UNLIMITED =
      new ScimLimits(1, 1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1);

  @Test
  void aQuotedRunOf7000CharactersIsNormalisedAtOnce() {
    String filter = "\"" + "a".repeat(7000) + "\"";

    long start = System.nanoTime();
    String out = FilterDialect.normalize(filter);

    assertThat(out).isEqualTo(filter);
    assertThat(millisSince(start)).isLessThan(200);
  }

  @Test
  void longerThanTheLimitIsAnInvalidFilterBeforeAnythingReadsIt() {
    String filter = "userName eq " + "a".repeat(100_000);

    long start = System.nanoTime();
    var e = Assertions.assertThrows(DomainException.class, () -> FilterDialect.normalize(filter));

    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
    assertThat(e.getMessage()).contains("8192");
    assertThat(millisSince(start)).isLessThan(50);
  }

  @Test
  void nestingDeeperThanTheLimitIsAnInvalidFilter() {
    String filter = "(".repeat(3000) + "userName eq \"a\"" + ")".repeat(3000);

    var e = Assertions.assertThrows(DomainException.class, () -> FilterDialect.normalize(filter));

    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_FILTER);
    assertThat(e.getMessage()).contains("deep");
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    int depth = ScimLimits.DEFAULTS.filterMaxDepth();
    String filter = "(".repeat(depth) + "userName eq a" + ")".repeat(depth);

    assertThat(FilterDialect.normalize(filter))
        .isEqualTo("(".repeat(depth) + "userName eq \"a\"" + ")".repeat(depth));
  }

  @Test
  void moreComparisonsThanTheLimitIsAnInvalidFilter() {
    String filter =
        String.join(
            " or ", Collections.nCopies(ScimLimits.DEFAULTS.filterMaxTerms() + 1, "userName eq x"));

    var e = Assertions.assertThrows(DomainException.class, () -> FilterDialect.normalize(filter));

    assertThat(e.getMessage()).contains("comparisons");
  }

  /** Without limits, adversarial shapes of 100,000 characters still take one linear pass. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "a",
        " eq ",
        " eq a",
        "x[",
        "x[y eq z].",
        "x[y eq z].v eq ",
        "\\\"",
        "(",
        "e",
        "1.1e",
        "\u00e9",
        "\u0000"
      })
  void adversarialRepetitionsOf100000CharactersAreLinear(String unit) {
    String filter = ("userName eq " + unit).repeat(Math.max(1, 100_000 / (12 + unit.length())));
    FilterDialect.normalize(
        filter.substring(0, Math.min(filter.length(), 1000)), UNLIMITED); // warm up

    long start = System.nanoTime();
    String out = FilterDialect.normalize(filter, UNLIMITED);

    assertThat(out).isNotNull();
    assertThat(millisSince(start)).isLessThan(500);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
