package dev.gangway.company;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides a user's company. Explicit rules first, lowest priority number first: the first priority
 * level with a match decides, and if its matches name different companies that is a conflict. Only
 * when no explicit rule matches do the companies' email domains decide (an implicit rule), again
 * with a conflict when the user's domains belong to different companies. A conflict places the user
 * nowhere; so does nothing matching, which is reported when the user looks external. Never a guess.
 */
public final class RuleEvaluator {
  /** A rule of an active company. */
  public record Rule(long id, int priority, RuleCondition condition, String companyKey) {}

  /** The outcome: a company with the reason, or none with the issue (if any). */
  public record Placement(String companyKey, String reason, Issue issue, String issueDetail) {
    public enum Issue {
      CONFLICT,
      UNMATCHED
    }

    static Placement in(String company, String reason) {
      return new Placement(company, reason, null, null);
    }

    static Placement none() {
      return new Placement(null, null, null, null);
    }

    static Placement issue(Issue issue, String detail) {
      return new Placement(null, null, issue, detail);
    }
  }

  private RuleEvaluator() {}

  public static Placement place(
      UserFacts user, List<Rule> rules, Map<String, String> domainOwners) {
    List<Rule> matching =
        rules.stream()
            .filter(r -> r.condition().matches(user))
            .sorted(Comparator.comparingInt(Rule::priority).thenComparingLong(Rule::id))
            .toList();
    if (!matching.isEmpty()) {
      int top = matching.get(0).priority();
      List<Rule> decisive = matching.stream().filter(r -> r.priority() == top).toList();
      TreeSet<String> companies =
          decisive.stream().map(Rule::companyKey).collect(Collectors.toCollection(TreeSet::new));
      if (companies.size() == 1) {
        Rule r = decisive.get(0);
        return Placement.in(r.companyKey(), "rule " + r.id() + ": " + r.condition().describe());
      }
      return Placement.issue(
          Placement.Issue.CONFLICT,
          "rules at priority "
              + top
              + " disagree: "
              + decisive.stream()
                  .map(r -> "rule " + r.id() + " → " + r.companyKey())
                  .collect(Collectors.joining(", ")));
    }
    Map<String, List<String>> byCompany = new TreeMap<>();
    for (String domain : new TreeSet<>(user.emailDomains())) {
      String owner = domainOwners.get(domain);
      if (owner != null) byCompany.computeIfAbsent(owner, k -> new ArrayList<>()).add(domain);
    }
    if (byCompany.size() == 1) {
      var e = byCompany.entrySet().iterator().next();
      return Placement.in(e.getKey(), "email domain " + String.join(", ", e.getValue()));
    }
    if (byCompany.size() > 1) {
      return Placement.issue(
          Placement.Issue.CONFLICT,
          "email domains of different companies: "
              + byCompany.entrySet().stream()
                  .map(e -> String.join(", ", e.getValue()) + " → " + e.getKey())
                  .collect(Collectors.joining("; ")));
    }
    if (user.looksExternal()) {
      return Placement.issue(
          Placement.Issue.UNMATCHED,
          "looks external (userType, organization or company set) but no rule or company domain matches");
    }
    return Placement.none();
  }
}
