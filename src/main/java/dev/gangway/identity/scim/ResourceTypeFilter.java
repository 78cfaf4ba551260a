package dev.gangway.identity.scim;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import java.util.List;
import java.util.Optional;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.AttributePresentExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.GroupExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;
import org.apache.directory.scim.spec.filter.ValuePathExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * A filter sent to the root {@code .search}, narrowed to one resource type (RFC 7644 §3.4.2.2): an
 * attribute the type's schema does not define has no value there, so {@code pr} and comparisons on
 * it are false, {@code ne "x"} and {@code eq null} true. What is left is all of the type, none of
 * it, or a filter on its own attributes only. An attribute no resource type defines stays an error
 * ({@code invalidFilter}), as on /Users and /Groups.
 */
final class ResourceTypeFilter {
  /** {@code constant} when the filter does not depend on the resource, else {@code filter}. */
  record Narrowed(Boolean constant, FilterExpression filter) {
    boolean none() {
      return Boolean.FALSE.equals(constant);
    }

    /** The filter to query with; null matches everything. */
    FilterExpression query() {
      return constant == null ? filter : null;
    }
  }

  private static final Narrowed TRUE = new Narrowed(true, null);
  private static final Narrowed FALSE = new Narrowed(false, null);

  private ResourceTypeFilter() {}

  /** Refuses an attribute that none of {@code schemas} defines. */
  static void check(FilterExpression e, List<ScimSchema> schemas) {
    if (e instanceof LogicalExpression l) {
      check(l.getLeft(), schemas);
      check(l.getRight(), schemas);
    } else if (e instanceof GroupExpression g) {
      check(g.getFilterExpression(), schemas);
    } else {
      reference(e)
          .ifPresent(
              ref -> {
                if (schemas.stream().noneMatch(s -> defined(s, ref))) {
                  throw new DomainException(
                      Kind.INVALID_FILTER,
                      ref.getFullyQualifiedAttributeName()
                          + " is not an attribute of any resource type");
                }
              });
    }
  }

  static Narrowed narrow(FilterExpression e, ScimSchema schema) {
    if (e == null) return TRUE;
    if (e instanceof LogicalExpression l) {
      Narrowed a = narrow(l.getLeft(), schema);
      Narrowed b = narrow(l.getRight(), schema);
      boolean and = l.getOperator() == LogicalOperator.AND;
      if (a.constant() != null) return a.constant() == and ? b : a;
      if (b.constant() != null) return b.constant() == and ? a : b;
      return new Narrowed(
          null, new LogicalExpression(grouped(a.filter()), l.getOperator(), grouped(b.filter())));
    }
    if (e instanceof GroupExpression g) {
      Narrowed inner = narrow(g.getFilterExpression(), schema);
      if (inner.constant() != null) return new Narrowed(inner.constant() != g.isNot(), null);
      return new Narrowed(null, new GroupExpression(g.isNot(), inner.filter()));
    }
    Optional<AttributeReference> ref = reference(e);
    if (ref.isEmpty() || defined(schema, ref.get())) return new Narrowed(null, e);
    if (e instanceof AttributeComparisonExpression c) {
      boolean absentMatches =
          c.getCompareValue() == null
              ? c.getOperation() == CompareOperator.EQ
              : c.getOperation() == CompareOperator.NE;
      return absentMatches ? TRUE : FALSE;
    }
    return FALSE; // pr, or a value filter on a multi-valued attribute the type does not have
  }

  /** Keeps a narrowed sub-expression's grouping when the query code re-applies precedence. */
  private static FilterExpression grouped(FilterExpression e) {
    return e instanceof LogicalExpression ? new GroupExpression(false, e) : e;
  }

  private static Optional<AttributeReference> reference(FilterExpression e) {
    if (e instanceof AttributeComparisonExpression c) return Optional.of(c.getAttributePath());
    if (e instanceof AttributePresentExpression p) return Optional.of(p.getAttributePath());
    if (e instanceof ValuePathExpression v) {
      AttributeReference r = v.getAttributePath();
      return Optional.of(new AttributeReference(r.getUrn(), r.getAttributeName(), null));
    }
    return Optional.empty();
  }

  static boolean defined(ScimSchema schema, AttributeReference ref) {
    Optional<ScimSchema.Attr> attr = schema.find(ref.getUrn(), ref.getAttributeName());
    if (attr.isEmpty()) return false;
    return ref.getSubAttributeName() == null
        || attr.get().subAttr(ref.getSubAttributeName()).isPresent();
  }
}
