package dev.gangway.identity.jpa;

import dev.gangway.identity.Criteria;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * The criteria this adapter translates: SCIMple's parsed filter (null: no filter) and an optional
 * sort attribute, ascending unless {@code descending}.
 */
public record FilterCriteria(FilterExpression filter, AttributeReference sortBy, boolean descending)
    implements Criteria {

  /** Criteria for a filter and a sort, or null when there is neither. */
  public static Criteria of(
      FilterExpression filter, AttributeReference sortBy, boolean descending) {
    return filter == null && sortBy == null ? null : new FilterCriteria(filter, sortBy, descending);
  }

  /** The criteria of a query as this adapter reads them; null reads as no filter and no sort. */
  static FilterCriteria from(Criteria criteria) {
    if (criteria == null) return new FilterCriteria(null, null, false);
    if (criteria instanceof FilterCriteria c) return c;
    throw new IllegalArgumentException(
        "criteria this adapter does not translate: " + criteria.getClass().getName());
  }
}
