package dev.gangway.identity.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.directory.scim.spec.filter.Filter;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.4.2.2: "and" binds tighter than "or"; parentheses group; order is kept. */
class FilterRepairTest {
  private static String fixed(String filter) throws Exception {
    return FilterRepair.apply(new Filter(filter).getExpression()).toFilter();
  }

  @Test
  void andBindsTighterThanOr() throws Exception {
    assertThat(fixed("a eq \"1\" or b eq \"2\" and c eq \"3\""))
        .isEqualTo("a EQ \"1\" OR (b EQ \"2\" AND c EQ \"3\")");
    assertThat(fixed("a eq \"1\" and b eq \"2\" or c eq \"3\" and d eq \"4\""))
        .isEqualTo("(a EQ \"1\" AND b EQ \"2\") OR (c EQ \"3\" AND d EQ \"4\")");
  }

  @Test
  void parenthesesAndValueFiltersKeepTheirGrouping() throws Exception {
    assertThat(fixed("(a eq \"1\" or b eq \"2\") and c eq \"3\""))
        .isEqualTo("(a EQ \"1\" OR b EQ \"2\") AND c EQ \"3\"");
    assertThat(fixed("emails[type eq \"a\" or type eq \"b\" and value co \"c\"]"))
        .isEqualTo("emails[type EQ \"a\" OR (type EQ \"b\" AND value CO \"c\")]");
  }
}
