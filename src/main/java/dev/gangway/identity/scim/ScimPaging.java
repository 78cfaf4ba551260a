package dev.gangway.identity.scim;

import dev.gangway.identity.ResourceQuery;
import dev.gangway.platform.errors.DomainException;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortOrder;
import org.apache.directory.scim.spec.filter.SortRequest;

/** SCIM list parameters (1-based startIndex, count) as a query window, clamped per RFC 7644 §3.4.2.4. */
final class ScimPaging {
  private ScimPaging() {}

  static int startIndex(PageRequest page) {
    Integer s = page == null ? null : page.getStartIndex();
    return s == null || s < 1 ? 1 : s;
  }

  static int count(PageRequest page) {
    Integer c = page == null ? null : page.getCount();
    if (c == null) return ScimApplication.DEFAULT_COUNT;
    return Math.max(0, Math.min(c, ScimApplication.MAX_RESULTS));
  }

  static ResourceQuery query(Filter filter, PageRequest page, SortRequest sort) {
    if (filter != null && filter.getExpression() == null) throw new DomainException(DomainException.Kind.INVALID_FILTER, "empty filter");
    return new ResourceQuery(filter == null ? null : filter.getExpression(),
        sort == null ? null : sort.getSortBy(),
        sort != null && sort.getSortOrder() == SortOrder.DESCENDING,
        startIndex(page) - 1, count(page));
  }

  static PageRequest answered(PageRequest asked) {
    PageRequest p = new PageRequest();
    p.setStartIndex(startIndex(asked));
    p.setCount(count(asked));
    return p;
  }
}
