package dev.gangway.identity.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.GroupExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;
import org.apache.directory.scim.spec.filter.ValuePathExpression;

/**
 * Repairs what SCIMple 1.0.0-M1's filter parser gets wrong, once, wherever a parsed filter is read
 * (queries, PATCH paths, root search):
 *
 * <ul>
 *   <li>precedence (RFC 7644 §3.4.2.2: "and" binds tighter than "or"): SCIMple reads {@code a or b
 *       and c} left to right as {@code (a or b) and c}. Its tree keeps the written order and marks
 *       parentheses as {@link GroupExpression}, so each unparenthesised chain is read back in order
 *       and regrouped;
 *   <li>non-ASCII values: its grammar refuses them, so {@code FilterDialect} sends them through as
 *       {@code {{U+XXXX}}} markers ({@link #marker}), turned back into characters here.
 * </ul>
 */
public final class FilterRepair {
  private static final Pattern MARKER = Pattern.compile("\\{\\{U\\+([0-9A-F]{4,6})}}");

  private FilterRepair() {}

  /** How a non-ASCII character of a filter value crosses SCIMple's parser. */
  public static String marker(int codePoint) {
    return String.format("{{U+%04X}}", codePoint);
  }

  public static FilterExpression apply(FilterExpression e) {
    if (e instanceof AttributeComparisonExpression c) {
      Object v = decode(c.getCompareValue());
      return v == c.getCompareValue()
          ? c
          : new AttributeComparisonExpression(c.getAttributePath(), c.getOperation(), v);
    }
    if (e instanceof GroupExpression g) {
      g.setFilterExpression(apply(g.getFilterExpression()));
      return g;
    }
    if (e instanceof ValuePathExpression v) {
      if (v.getAttributeExpression() != null)
        v.setAttributeExpression(apply(v.getAttributeExpression()));
      return v;
    }
    if (!(e instanceof LogicalExpression)) return e;
    List<FilterExpression> operands = new ArrayList<>();
    List<LogicalOperator> operators = new ArrayList<>();
    flatten(e, operands, operators);
    // or-separated runs of and-ed operands
    FilterExpression result = null;
    FilterExpression run = operands.get(0);
    for (int i = 0; i < operators.size(); i++) {
      FilterExpression next = operands.get(i + 1);
      if (operators.get(i) == LogicalOperator.AND) {
        run = new LogicalExpression(run, LogicalOperator.AND, next);
      } else {
        result = result == null ? run : new LogicalExpression(result, LogicalOperator.OR, run);
        run = next;
      }
    }
    return result == null ? run : new LogicalExpression(result, LogicalOperator.OR, run);
  }

  /** A compare value with its markers turned back into the characters the client sent. */
  static Object decode(Object value) {
    if (!(value instanceof String s) || s.indexOf("{{U+") < 0) return value;
    Matcher m = MARKER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find())
      m.appendReplacement(
          out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
    m.appendTail(out);
    return out.toString();
  }

  private static void flatten(
      FilterExpression e, List<FilterExpression> operands, List<LogicalOperator> operators) {
    if (e instanceof LogicalExpression l) {
      flatten(l.getLeft(), operands, operators);
      operators.add(l.getOperator());
      flatten(l.getRight(), operands, operators);
    } else {
      operands.add(apply(e));
    }
  }
}
