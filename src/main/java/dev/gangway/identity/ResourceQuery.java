package dev.gangway.identity;

import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * A list request: an optional filter (SCIMple's parsed tree, which may reach query code), an
 * optional sort, and a window of matches ({@code offset} from 0; {@code limit} 0 asks only for
 * the count).
 */
public record ResourceQuery(FilterExpression filter, AttributeReference sortBy, boolean descending,
                            int offset, int limit) {}
