package dev.gangway.identity.jpa;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.GroupExpression;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;
import org.apache.directory.scim.spec.filter.ValuePathExpression;

/**
 * Restores RFC 7644 §3.4.2.2 precedence ("and" binds tighter than "or") in SCIMple's parse
 * tree: SCIMple 1.0.0-M1 reads {@code a or b and c} left to right as {@code (a or b) and c}.
 * Its tree keeps the written order and marks parentheses as {@link GroupExpression}, so each
 * unparenthesised chain is read back in order and regrouped.
 */
public final class FilterPrecedence {
  private FilterPrecedence() {}

  public static FilterExpression apply(FilterExpression e) {
    if (e instanceof GroupExpression g) {
      g.setFilterExpression(apply(g.getFilterExpression()));
      return g;
    }
    if (e instanceof ValuePathExpression v) {
      if (v.getAttributeExpression() != null) v.setAttributeExpression(apply(v.getAttributeExpression()));
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

  private static void flatten(FilterExpression e, List<FilterExpression> operands, List<LogicalOperator> operators) {
    if (e instanceof LogicalExpression l) {
      flatten(l.getLeft(), operands, operators);
      operators.add(l.getOperator());
      flatten(l.getRight(), operands, operators);
    } else {
      operands.add(apply(e));
    }
  }
}
