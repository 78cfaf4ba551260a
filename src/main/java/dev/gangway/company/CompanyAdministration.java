package dev.gangway.company;

import dev.gangway.audit.AuditLog;
import dev.gangway.identity.IdentityQueries;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Admin use cases on companies and mapping rules. Every change that could move users places the
 * users it could move again — only those, found by query — and says how that went. The audit record
 * comes last: it locks the chain's head, which every other writer takes last too.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class CompanyAdministration {
  static final int PREVIEW_LIMIT = 1000;

  private CompanyRepository repository;
  private IdentityQueries identity;
  private CompanyMapping mapping;
  private Reevaluations reevaluations;
  private Clock clock;
  private AuditLog audit;

  protected CompanyAdministration() {}

  @Inject
  CompanyAdministration(
      CompanyRepository repository,
      IdentityQueries identity,
      CompanyMapping mapping,
      Reevaluations reevaluations,
      Clock clock,
      AuditLog audit) {
    this.repository = repository;
    this.identity = identity;
    this.mapping = mapping;
    this.reevaluations = reevaluations;
    this.clock = clock;
    this.audit = audit;
  }

  /** A change and the re-evaluation it started. */
  public record Changed<T>(T subject, ReevaluationProgress reevaluation) {

    Changed(T subject, Reevaluation reevaluation) {
      this(subject, ReevaluationProgress.of(reevaluation));
    }
  }

  public Changed<CompanySummary> create(String key, String name, Collection<String> domains) {
    if (key != null && repository.company(key).isPresent()) {
      throw DomainException.uniqueness("a company with key '" + key + "' exists already");
    }
    Company company = new Company(key, name, domains, clock.instant());
    ensureDomainsFree(company.domains(), -1);
    repository.add(company);
    repository.flush();
    Set<String> candidates = new LinkedHashSet<>();
    company.domains().forEach(d -> candidates.addAll(identity.usersInDomain(d)));
    Reevaluation placed =
        reevaluations.start("company " + key + " created", List.copyOf(candidates));
    CompanySummary result = summary(company);
    audit.record(
        "company.created",
        "company",
        key,
        AuditLog.details("name", company.name(), "domains", company.domains()));
    return new Changed<>(result, placed);
  }

  public CompanySummary get(String key) {
    return summary(company(key));
  }

  /** All companies by key, each with its member count (counted in one read). */
  public List<CompanySummary> list() {
    Map<Long, Long> counts = repository.memberCounts();
    return repository.companies().stream()
        .map(c -> CompanySummary.of(c, counts.getOrDefault(c.id(), 0L)))
        .toList();
  }

  public List<CompanyRepository.MemberRow> members(String key, int offset, int limit) {
    return repository.members(company(key).id(), offset, limit);
  }

  /** Renames and/or replaces the domains (null leaves a field as it is). */
  public Changed<CompanySummary> update(String key, String name, Collection<String> domains) {
    Company company = company(key);
    if (!company.active())
      throw new DomainException(DomainException.Kind.CONFLICT, "company '" + key + "' is retired");
    String nameBefore = company.name();
    if (name != null) company.rename(name);
    Set<String> before = company.domains();
    if (domains != null) {
      company.setDomains(domains);
      ensureDomainsFree(company.domains(), company.id());
    }
    repository.flush();
    Reevaluation placed = null;
    if (domains != null) {
      Set<String> touched = new LinkedHashSet<>(before);
      touched.addAll(company.domains());
      touched.removeIf(d -> before.contains(d) && company.domains().contains(d));
      Set<String> candidates = new LinkedHashSet<>();
      touched.forEach(d -> candidates.addAll(identity.usersInDomain(d)));
      placed = reevaluations.start("company " + key + " domains changed", List.copyOf(candidates));
    }
    CompanySummary result = summary(company);
    audit.record(
        "company.updated",
        "company",
        key,
        AuditLog.details(
            "name",
            Arrays.asList(nameBefore, company.name()),
            "domains",
            Arrays.asList(before, company.domains())));
    return new Changed<>(result, placed);
  }

  /** Retires a company: its rules and domains stop applying, its members leave its group. */
  public Changed<CompanySummary> retire(String key) {
    Company company = company(key);
    List<String> members = repository.memberIds(company.id());
    company.retire(clock.instant());
    repository.flush();
    Reevaluation placed = reevaluations.start("company " + key + " retired", members);
    CompanySummary result = summary(company);
    audit.record("company.retired", "company", key, AuditLog.details("members", members.size()));
    return new Changed<>(result, placed);
  }

  public Changed<RuleSummary> addRule(int priority, RuleCondition condition, String companyKey) {
    Company company = activeCompany(companyKey);
    MappingRule rule = new MappingRule(condition, priority, company.id(), clock.instant());
    repository.add(rule);
    repository.flush();
    Reevaluation placed =
        reevaluations.start("mapping rule " + rule.id() + " added", candidates(condition));
    audit.record(
        "mapping_rule.added",
        "mapping_rule",
        String.valueOf(rule.id()),
        AuditLog.details(
            "priority", priority, "when", condition.describe(), "company", companyKey));
    return new Changed<>(RuleSummary.of(rule, company.key()), placed);
  }

  public Changed<RuleSummary> deleteRule(long id) {
    MappingRule rule =
        repository.rule(id).orElseThrow(() -> DomainException.notFound("no mapping rule " + id));
    List<String> candidates = candidates(rule.condition());
    repository.remove(rule);
    repository.flush();
    Reevaluation placed = reevaluations.start("mapping rule " + id + " deleted", candidates);
    RuleSummary result = summary(rule);
    audit.record(
        "mapping_rule.deleted",
        "mapping_rule",
        String.valueOf(id),
        AuditLog.details(
            "priority",
            rule.priority(),
            "when",
            rule.condition().describe(),
            "company",
            result.company()));
    return new Changed<>(result, placed);
  }

  /** Moves a rule in the order; the users its condition matches are placed again. */
  public Changed<RuleSummary> reprioritize(long id, int priority) {
    MappingRule rule =
        repository.rule(id).orElseThrow(() -> DomainException.notFound("no mapping rule " + id));
    int before = rule.priority();
    if (before == priority) return new Changed<>(summary(rule), (Reevaluation) null);
    rule.reprioritize(priority);
    repository.flush();
    Reevaluation placed =
        reevaluations.start("mapping rule " + id + " moved", candidates(rule.condition()));
    RuleSummary result = summary(rule);
    audit.record(
        "mapping_rule.reprioritized",
        "mapping_rule",
        String.valueOf(id),
        AuditLog.details(
            "priority", Arrays.asList(before, priority), "when", rule.condition().describe()));
    return new Changed<>(result, placed);
  }

  /** All rules in the order they decide. */
  public List<RuleSummary> rules() {
    return repository.rules().stream().map(this::summary).toList();
  }

  public RuleSummary rule(long id) {
    return summary(
        repository.rule(id).orElseThrow(() -> DomainException.notFound("no mapping rule " + id)));
  }

  private String companyKey(long companyId) {
    return repository.company(companyId).map(Company::key).orElse(null);
  }

  private RuleSummary summary(MappingRule rule) {
    return RuleSummary.of(rule, companyKey(rule.companyId()));
  }

  private CompanySummary summary(Company company) {
    return CompanySummary.of(company, repository.memberCount(company.id()));
  }

  private Company company(String key) {
    return repository
        .company(key)
        .orElseThrow(() -> DomainException.notFound("no company '" + key + "'"));
  }

  /** A user a candidate rule would move, from one company (or none) to another (or none). */
  public record Move(String userId, String userName, String from, String to, String reason) {}

  public record Preview(long total, List<Move> moves) {}

  /** Who would move if this rule were added; nothing is saved. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Preview preview(int priority, RuleCondition condition, String companyKey) {
    activeCompany(companyKey);
    List<RuleEvaluator.Rule> now = repository.activeRules();
    List<RuleEvaluator.Rule> then = new ArrayList<>(now);
    then.add(new RuleEvaluator.Rule(Long.MAX_VALUE, priority, condition, companyKey));
    List<Move> moves = new ArrayList<>();
    long total = 0;
    for (String userId : candidates(condition)) {
      var facts = identity.facts(userId).map(UserFacts::of);
      if (facts.isEmpty()) continue;
      RuleEvaluator.Placement before = mapping.evaluate(facts.get(), now);
      RuleEvaluator.Placement after = mapping.evaluate(facts.get(), then);
      if (Objects.equals(before.companyKey(), after.companyKey())
          && before.issue() == after.issue()) continue;
      total++;
      if (moves.size() < PREVIEW_LIMIT) {
        String reason =
            after.companyKey() != null
                ? after.reason().replace("rule " + Long.MAX_VALUE, "the new rule")
                : after.issue()
                    + ": "
                    + after.issueDetail().replace("rule " + Long.MAX_VALUE, "the new rule");
        moves.add(
            new Move(
                userId, facts.get().userName(), before.companyKey(), after.companyKey(), reason));
      }
    }
    return new Preview(total, moves);
  }

  public record Issues(long total, List<IssueSummary> items) {}

  public Issues issues(RuleEvaluator.Placement.Issue kind, int offset, int limit) {
    return new Issues(
        repository.issueCount(kind),
        repository.issues(kind, offset, limit).stream().map(IssueSummary::of).toList());
  }

  private List<String> candidates(RuleCondition condition) {
    return switch (condition.kind()) {
      case ATTRIBUTE -> identity.usersWhere(condition.attribute().source(), condition.value());
      case GROUP_NAME -> identity.userMembersOfGroupsLike(condition.likePattern());
    };
  }

  private Company activeCompany(String key) {
    Company c = company(key);
    if (!c.active())
      throw new DomainException(DomainException.Kind.CONFLICT, "company '" + key + "' is retired");
    return c;
  }

  private void ensureDomainsFree(Set<String> domains, long companyId) {
    for (String d : domains) {
      repository
          .domainOwner(d, companyId)
          .ifPresent(
              owner -> {
                throw DomainException.uniqueness(
                    "domain " + d + " belongs to company '" + owner + "' already");
              });
    }
  }
}
