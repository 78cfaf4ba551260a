package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failing tests for bugs found in FilterDialect; not copied to /work/main (reported instead). */
class FilterDialectEdgesTest {

  @Test
  void comparisonAfterAValueFilterInsideParenthesesMovesInsideTheBracketsOnly() {
    assertThat(FilterDialect.normalize("(emails[type eq \"work\"].value eq \"a@b.c\")"))
        .isEqualTo("(emails[type eq \"work\" and value eq \"a@b.c\"])");
  }

  @Test
  void negatedComparisonAfterAValueFilterStaysWellNested() {
    assertThat(FilterDialect.normalize("not (emails[type eq \"work\"].value eq \"a@b.c\")"))
        .isEqualTo("not (emails[type eq \"work\" and value eq \"a@b.c\"])");
  }
}
