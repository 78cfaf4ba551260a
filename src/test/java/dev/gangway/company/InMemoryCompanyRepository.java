package dev.gangway.company;

import dev.gangway.identity.InMemoryIdentityQueries;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Companies, rules, members, issues and re-evaluations in memory, kept as the same objects (a
 * change to one is seen by later reads, as with a managed entity); ids are handed out on {@link
 * #add}. A member's userName and state come from the identity side the test sets up.
 */
class InMemoryCompanyRepository implements CompanyRepository {
  private long nextId = 1;
  private final InMemoryIdentityQueries identity;

  final Map<Long, Company> companies = new LinkedHashMap<>();
  final Map<Long, MappingRule> rules = new LinkedHashMap<>();
  final Map<String, CompanyMember> members = new LinkedHashMap<>();
  final Map<String, MappingIssue> issues = new LinkedHashMap<>();
  final Map<Long, Reevaluation> reevaluations = new LinkedHashMap<>();

  InMemoryCompanyRepository(InMemoryIdentityQueries identity) {
    this.identity = identity;
  }

  @Override
  public void add(Object entity) {
    if (entity instanceof Company c) {
      c.assignId(nextId);
      companies.put(nextId++, c);
    } else if (entity instanceof MappingRule r) {
      r.assignId(nextId);
      rules.put(nextId++, r);
    } else if (entity instanceof Reevaluation r) {
      r.assignId(nextId);
      reevaluations.put(nextId++, r);
    } else if (entity instanceof CompanyMember m) {
      if (members.putIfAbsent(m.userId(), m) != null)
        throw new IllegalStateException("duplicate member " + m.userId());
    } else if (entity instanceof MappingIssue i) {
      if (issues.putIfAbsent(i.userId(), i) != null)
        throw new IllegalStateException("duplicate issue " + i.userId());
    } else {
      throw new IllegalArgumentException("not a company entity: " + entity);
    }
  }

  @Override
  public void remove(Object entity) {
    boolean removed;
    if (entity instanceof MappingRule r) removed = rules.remove(r.id(), r);
    else if (entity instanceof MappingIssue i) removed = issues.remove(i.userId(), i);
    else throw new IllegalArgumentException("cannot remove " + entity);
    if (!removed) throw new IllegalStateException("not stored: " + entity);
  }

  @Override
  public void flush() {}

  @Override
  public Optional<Company> company(String key) {
    return companies.values().stream().filter(c -> c.key().equals(key)).findFirst();
  }

  @Override
  public Optional<Company> company(long id) {
    return Optional.ofNullable(companies.get(id));
  }

  @Override
  public List<Company> companies() {
    return companies.values().stream().sorted(Comparator.comparing(Company::key)).toList();
  }

  @Override
  public Map<String, String> domainOwners(Collection<String> domains) {
    Map<String, String> owners = new HashMap<>();
    domainOwnersWithIds(domains).forEach((d, o) -> owners.put(d, o.key()));
    return owners;
  }

  @Override
  public Map<String, Owner> domainOwnersWithIds(Collection<String> domains) {
    Map<String, Owner> owners = new HashMap<>();
    for (Company c : companies.values()) {
      if (!c.active()) continue;
      c.domains().stream()
          .filter(domains::contains)
          .forEach(d -> owners.put(d, new Owner(c.key(), c.id())));
    }
    return owners;
  }

  @Override
  public Optional<Long> companyId(String key) {
    return company(key).map(Company::id);
  }

  @Override
  public Optional<String> domainOwner(String domain, long exceptId) {
    return companies.values().stream()
        .filter(c -> c.id() != exceptId && c.domains().contains(domain))
        .map(Company::key)
        .findFirst();
  }

  @Override
  public List<MappingRule> rules() {
    return rules.values().stream()
        .sorted(Comparator.comparingInt(MappingRule::priority).thenComparingLong(MappingRule::id))
        .toList();
  }

  @Override
  public Optional<MappingRule> rule(long id) {
    return Optional.ofNullable(rules.get(id));
  }

  @Override
  public List<RuleEvaluator.Rule> activeRules() {
    return rules.values().stream()
        .filter(r -> companies.get(r.companyId()).active())
        .map(
            r ->
                new RuleEvaluator.Rule(
                    r.id(), r.priority(), r.condition(), companies.get(r.companyId()).key()))
        .toList();
  }

  @Override
  public boolean anyGroupNameRule() {
    return rules.values().stream()
        .anyMatch(r -> r.condition().kind() == MappingRule.Kind.GROUP_NAME);
  }

  @Override
  public Optional<CompanyMember> member(String userId) {
    return Optional.ofNullable(members.get(userId));
  }

  @Override
  public Optional<MappingIssue> issue(String userId) {
    return Optional.ofNullable(issues.get(userId));
  }

  @Override
  public Map<Long, Long> memberCounts() {
    Map<Long, Long> counts = new HashMap<>();
    members.values().forEach(m -> counts.merge(m.companyId(), 1L, Long::sum));
    return counts;
  }

  @Override
  public long memberCount(long companyId) {
    return memberCounts().getOrDefault(companyId, 0L);
  }

  @Override
  public List<MemberRow> members(long companyId, int offset, int limit) {
    return members.values().stream()
        .filter(m -> m.companyId() == companyId)
        .sorted(Comparator.comparing(CompanyMember::since).thenComparing(CompanyMember::userId))
        .skip(offset)
        .limit(limit)
        .map(
            m ->
                new MemberRow(
                    m.userId(),
                    identity.users.get(m.userId()).userName(),
                    m.directoryId(),
                    identity.users.get(m.userId()).active(),
                    m.since(),
                    m.reason()))
        .toList();
  }

  @Override
  public List<String> memberIds(long companyId) {
    return members.values().stream()
        .filter(m -> m.companyId() == companyId)
        .map(CompanyMember::userId)
        .toList();
  }

  @Override
  public void deleteMember(CompanyMember member) {
    if (!members.remove(member.userId(), member))
      throw new IllegalStateException("not stored: " + member);
  }

  @Override
  public List<MappingIssue> issues(RuleEvaluator.Placement.Issue kind, int offset, int limit) {
    return issues.values().stream()
        .filter(i -> kind == null || i.kind() == kind)
        .sorted(Comparator.comparing(MappingIssue::since).thenComparing(MappingIssue::userId))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public long issueCount(RuleEvaluator.Placement.Issue kind) {
    return issues.values().stream().filter(i -> kind == null || i.kind() == kind).count();
  }

  @Override
  public Optional<Reevaluation> reevaluation(long id) {
    return Optional.ofNullable(reevaluations.get(id));
  }
}
