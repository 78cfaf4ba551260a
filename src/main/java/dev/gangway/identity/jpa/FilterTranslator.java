package dev.gangway.identity.jpa;

import dev.gangway.identity.UserValue;
import dev.gangway.platform.errors.DomainException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.AttributePresentExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.GroupExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.ValuePathExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;

/**
 * Turns a SCIM filter (SCIMple's parsed tree) into a JPQL condition with named parameters. Every
 * attribute goes through the {@link AttributeMap} allow-list; attributes of related rows (emails,
 * members) become {@code exists} subqueries on indexed columns. Comparisons are null-safe, so that
 * {@code not (title eq "x")} also matches users without a title.
 */
final class FilterTranslator {
  /** A JPQL condition and its parameters. */
  record Where(String jpql, Map<String, Object> params) {}

  private final AttributeMap map;
  private final String rootAlias;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private int counter;

  private FilterTranslator(AttributeMap map, String rootAlias) {
    this.map = map;
    this.rootAlias = rootAlias;
  }

  static Where translate(AttributeMap map, String rootAlias, FilterExpression filter) {
    FilterTranslator t = new FilterTranslator(map, rootAlias);
    String jpql = t.visit(FilterRepair.apply(filter), new Scope(rootAlias, null));
    return new Where(jpql, t.params);
  }

  /** The JPQL path to sort by, for a sortable (single-valued) attribute. */
  static String sortPath(AttributeMap map, String rootAlias, AttributeReference ref) {
    Attribute a = resolve(map, ref, ref.getSubAttributeName());
    if (a.related() != null) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          "sortBy "
              + ref.getFullAttributeName()
              + " is multi-valued; sort by a single-valued attribute");
    }
    if (a.keyPath() != null) return rootAlias + "." + a.keyPath();
    // RFC 7644 §3.4.2.3: the order follows caseExact; case-insensitive text sorts folded
    return a.type() == Attribute.Type.TEXT
        ? "lower(" + rootAlias + "." + a.path() + ")"
        : rootAlias + "." + a.path();
  }

  private record Scope(String alias, Attribute.Related related) {}

  private String visit(FilterExpression e, Scope scope) {
    if (e instanceof LogicalExpression l) {
      String op =
          switch (l.getOperator()) {
            case AND -> " and ";
            case OR -> " or ";
          };
      return "(" + visit(l.getLeft(), scope) + op + visit(l.getRight(), scope) + ")";
    }
    if (e instanceof GroupExpression g) {
      String inner = visit(g.getFilterExpression(), scope);
      return g.isNot() ? "(not " + inner + ")" : inner;
    }
    if (e instanceof AttributeComparisonExpression c) {
      return compare(c.getAttributePath(), c.getOperation(), c.getCompareValue(), scope);
    }
    if (e instanceof AttributePresentExpression p) {
      return compare(p.getAttributePath(), CompareOperator.PR, null, scope);
    }
    if (e instanceof ValuePathExpression v) {
      return valuePath(v, scope);
    }
    throw invalid("unsupported filter expression: " + e.toFilter());
  }

  private String valuePath(ValuePathExpression v, Scope scope) {
    if (scope.related() != null) throw invalid("a value filter cannot be nested in another");
    AttributeReference ref = v.getAttributePath();
    Attribute a = resolve(map, ref, null);
    if (a.related() == null) {
      throw invalid(ref.getFullAttributeName() + " is not multi-valued; '[...]' does not apply");
    }
    String alias = nextAlias();
    String inner =
        v.getAttributeExpression() == null
            ? null
            : visit(v.getAttributeExpression(), new Scope(alias, a.related()));
    String sub = exists(a.related(), alias) + (inner == null ? "" : " and " + inner) + ")";
    if (ref.getSubAttributeName() != null) {
      throw invalid("'" + v.toFilter() + "' names a sub-attribute after ']' without a comparison");
    }
    return sub;
  }

  private String compare(AttributeReference ref, CompareOperator op, Object value, Scope scope) {
    Attribute a = resolve(map, ref, ref.getSubAttributeName());
    if (a.related() != null && scope.related() == null) {
      String alias = nextAlias();
      return exists(a.related(), alias) + " and " + condition(a, alias, op, value, ref) + ")";
    }
    if (a.related() != null && !a.related().equals(scope.related())) {
      throw invalid(ref.getFullAttributeName() + " cannot be used inside this value filter");
    }
    if (a.related() == null && scope.related() != null) {
      throw invalid(
          ref.getFullAttributeName() + " is not a sub-attribute of the filtered attribute");
    }
    return condition(a, scope.alias(), op, value, ref);
  }

  private String exists(Attribute.Related r, String alias) {
    String s =
        "exists (select "
            + alias
            + "."
            + (r.entity().equals("UserValue") ? "id" : "groupId")
            + " from "
            + r.entity()
            + " "
            + alias
            + " where "
            + alias
            + "."
            + r.link()
            + " = "
            + rootAlias
            + ".id";
    if (r.discriminator() != null)
      s += " and " + alias + ".attribute = " + param(r.discriminator());
    return s;
  }

  private String condition(
      Attribute a, String alias, CompareOperator op, Object value, AttributeReference ref) {
    String col = alias + "." + a.path();
    if (op == CompareOperator.PR) {
      return a.type() == Attribute.Type.TEXT || a.type() == Attribute.Type.EXACT_TEXT
          ? "(" + col + " is not null and " + col + " <> '')"
          : col + " is not null";
    }
    if (value == null) {
      if (op == CompareOperator.EQ) return col + " is null";
      if (op == CompareOperator.NE) return col + " is not null";
      throw invalid("only eq and ne compare with null");
    }
    return switch (a.type()) {
      case BOOLEAN -> booleanCondition(col, op, value, ref);
      case INSTANT -> ordered(col, op, instant(value, ref), ref, false);
      case EXACT_TEXT -> text(col, null, op, String.valueOf(value), ref, false);
      case TEXT ->
          text(
              col,
              a.keyPath() == null ? null : alias + "." + a.keyPath(),
              op,
              String.valueOf(value).toLowerCase(Locale.ROOT),
              ref,
              true);
    };
  }

  private String booleanCondition(
      String col, CompareOperator op, Object value, AttributeReference ref) {
    Boolean b =
        value instanceof Boolean x
            ? x
            : "true".equalsIgnoreCase(String.valueOf(value))
                ? Boolean.TRUE
                : "false".equalsIgnoreCase(String.valueOf(value)) ? Boolean.FALSE : null;
    if (b == null)
      throw invalid(ref.getFullAttributeName() + " is boolean; compare it with true or false");
    return switch (op) {
      case EQ -> col + " = " + param(b);
      case NE -> col + " <> " + param(b);
      default ->
          throw invalid(ref.getFullAttributeName() + " is boolean; only eq, ne and pr apply");
    };
  }

  private String text(
      String col,
      String keyCol,
      CompareOperator op,
      String v,
      AttributeReference ref,
      boolean fold) {
    String expr = fold ? "lower(" + col + ")" : col;
    String guard = "(" + col + " is not null and ";
    switch (op) {
      case EQ:
        if (keyCol != null) {
          String key = UserValue.keyOf(v);
          return key.length() == v.length()
              ? keyCol + " = " + param(key)
              : "(" + keyCol + " = " + param(key) + " and " + expr + " = " + param(v) + ")";
        }
        return guard + expr + " = " + param(v) + ")";
      case NE:
        return "(" + col + " is null or " + expr + " <> " + param(v) + ")";
      case CO:
        return guard + expr + " like " + param("%" + escapeLike(v) + "%") + " escape '\\')";
      case SW:
        return guard
            + (keyCol != null && v.length() < UserValue.KEY_LENGTH ? keyCol : expr)
            + " like "
            + param(escapeLike(v) + "%")
            + " escape '\\')";
      case EW:
        return guard + expr + " like " + param("%" + escapeLike(v)) + " escape '\\')";
      default:
        return ordered(expr, op, v, ref, true);
    }
  }

  private String ordered(
      String expr, CompareOperator op, Object v, AttributeReference ref, boolean text) {
    String sqlOp =
        switch (op) {
          case EQ -> "=";
          case NE -> "<>";
          case GT -> ">";
          case GE -> ">=";
          case LT -> "<";
          case LE -> "<=";
          default ->
              throw invalid(
                  op.name().toLowerCase(Locale.ROOT)
                      + " does not apply to "
                      + ref.getFullAttributeName()
                      + (text ? "" : " (a dateTime)"));
        };
    if (op == CompareOperator.NE)
      return "(" + expr + " is null or " + expr + " <> " + param(v) + ")";
    return "(" + expr + " is not null and " + expr + " " + sqlOp + " " + param(v) + ")";
  }

  private static Instant instant(Object value, AttributeReference ref) {
    String s = String.valueOf(value);
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw invalid(
            ref.getFullAttributeName()
                + " is a dateTime; '"
                + s
                + "' is not one (e.g. 2026-01-31T12:00:00Z)");
      }
    }
  }

  static String escapeLike(String v) {
    return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Attribute resolve(AttributeMap map, AttributeReference ref, String sub) {
    String name = ref.getAttributeName();
    if (name == null) throw invalid("a filter names no attribute");
    return map.find(ref.getUrn(), name, sub)
        .orElseThrow(
            () ->
                invalid(
                    "'"
                        + ref.getFullyQualifiedAttributeName()
                        + "' is not a filterable attribute of "
                        + map.label()
                        + "s"));
  }

  private String param(Object value) {
    String name = "p" + (++counter);
    params.put(name, value);
    return ":" + name;
  }

  private String nextAlias() {
    return "r" + (++counter);
  }

  private static DomainException invalid(String message) {
    return new DomainException(DomainException.Kind.INVALID_FILTER, message);
  }
}
