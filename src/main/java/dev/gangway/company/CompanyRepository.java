package dev.gangway.company;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where company keeps companies, mapping rules, company members, mapping issues and re-evaluations.
 */
public interface CompanyRepository {
  /** Stores a new company, rule, member, issue or re-evaluation. */
  void add(Object entity);

  /** Deletes a rule or an issue. */
  void remove(Object entity);

  /** Writes what is pending now. */
  void flush();

  Optional<Company> company(String key);

  Optional<Company> company(long id);

  /** All companies by key. */
  List<Company> companies();

  /** Which active company owns each of these domains (by key). */
  Map<String, String> domainOwners(Collection<String> domains);

  /** An active company that owns a domain. */
  record Owner(String key, long id) {}

  /** Which active company owns each of these domains, with its id (one read). */
  Map<String, Owner> domainOwnersWithIds(Collection<String> domains);

  /** The id of the company with this key (without loading the company). */
  Optional<Long> companyId(String key);

  /** The company, other than {@code exceptId}, that owns a domain. */
  Optional<String> domainOwner(String domain, long exceptId);

  /** All rules in the order they decide. */
  List<MappingRule> rules();

  Optional<MappingRule> rule(long id);

  /** The rules of active companies, as the evaluator takes them. */
  List<RuleEvaluator.Rule> activeRules();

  boolean anyGroupNameRule();

  Optional<CompanyMember> member(String userId);

  Optional<MappingIssue> issue(String userId);

  /** Member counts of all companies that have members, in one read. */
  Map<Long, Long> memberCounts();

  long memberCount(long companyId);

  /** A member of a company group as admins see it. */
  record MemberRow(
      String userId,
      String userName,
      long directoryId,
      boolean active,
      Instant since,
      String reason) {}

  /** A page of a company's members, longest-standing first, with their userNames. */
  List<MemberRow> members(long companyId, int offset, int limit);

  List<String> memberIds(long companyId);

  void deleteMember(CompanyMember member);

  /** A page of the mapping issues (of one kind, or all when {@code kind} is null), oldest first. */
  List<MappingIssue> issues(RuleEvaluator.Placement.Issue kind, int offset, int limit);

  long issueCount(RuleEvaluator.Placement.Issue kind);

  Optional<Reevaluation> reevaluation(long id);
}
