package dev.gangway.company;

import dev.gangway.identity.IdentityChange;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keeps every user's company current: on every user write and every membership change that a
 * group-name rule could care about, the user is placed again, in the same transaction. Runs
 * before access is computed ({@link Priority} 100), which then sees the new company.
 */
@ApplicationScoped
public class CompanyMapping {
  public static final int OBSERVER_PRIORITY = 100;

  private CompanyRepository repository;
  private Event<CompanyPlacementChanged> placements;
  private Clock clock;

  protected CompanyMapping() {}

  @Inject
  CompanyMapping(CompanyRepository repository, Event<CompanyPlacementChanged> placements, Clock clock) {
    this.repository = repository;
    this.placements = placements;
    this.clock = clock;
  }

  void onIdentityChange(@Observes @Priority(OBSERVER_PRIORITY) IdentityChange change) {
    if (change instanceof IdentityChange.UserChanged u) {
      if (u.kind() == IdentityChange.Kind.DELETED) forget(u.userId());
      else place(u.userId());
    } else if (change instanceof IdentityChange.MembershipChanged m) {
      if (repository.anyGroupNameRule()) {
        m.added().forEach(this::place);
        m.removed().forEach(this::place);
      }
    } else if (change instanceof IdentityChange.GroupChanged g) {
      if (g.kind() == IdentityChange.Kind.UPDATED && repository.anyGroupNameRule()) {
        repository.userMembersOf(g.groupId()).forEach(this::place);
      }
    }
  }

  /** Places each user again; returns how many moved. */
  public int placeAll(Collection<String> userIds) {
    List<RuleEvaluator.Rule> rules = repository.activeRules();
    int moved = 0;
    for (String id : userIds) if (place(id, rules)) moved++;
    return moved;
  }

  /** Places one user again; true when their company changed. */
  public boolean place(String userId) { return place(userId, repository.activeRules()); }

  private boolean place(String userId, List<RuleEvaluator.Rule> rules) {
    var facts = repository.facts(userId);
    if (facts.isEmpty()) return false; // a member that is a group, or a user deleted meanwhile
    UserFacts user = facts.get();
    RuleEvaluator.Placement placement = RuleEvaluator.place(user, rules, repository.domainOwners(user.emailDomains()));
    Instant now = clock.instant();
    var issue = repository.issue(userId);
    if (placement.issue() != null) {
      if (issue.isPresent()) issue.get().update(placement.issue(), placement.issueDetail(), now);
      else repository.add(new MappingIssue(userId, user.directoryId(), placement.issue(), placement.issueDetail(), now));
    } else {
      issue.ifPresent(repository::remove);
    }
    Long after = placement.companyKey() == null ? null
        : repository.company(placement.companyKey()).map(Company::id).orElse(null);
    var current = repository.member(userId);
    Long before = current.map(CompanyMember::companyId).orElse(null);
    if (before != null && before.equals(after)) {
      current.get().explain(placement.reason());
      return false;
    }
    current.ifPresent(repository::deleteMember);
    if (after != null) {
      repository.flush();
      repository.add(new CompanyMember(userId, user.directoryId(), after, placement.reason(), now));
    }
    repository.flush();
    placements.fire(new CompanyPlacementChanged(userId, before, after));
    return before != null || after != null;
  }

  /** A deleted user leaves its company group and the issue list. */
  private void forget(String userId) {
    repository.member(userId).ifPresent(m -> {
      repository.deleteMember(m);
      placements.fire(new CompanyPlacementChanged(userId, m.companyId(), null));
    });
    repository.issue(userId).ifPresent(repository::remove);
  }

  /** What a user's placement would be under a given rule set (for previews). */
  RuleEvaluator.Placement evaluate(UserFacts user, List<RuleEvaluator.Rule> rules) {
    Map<String, String> owners = repository.domainOwners(user.emailDomains());
    return RuleEvaluator.place(user, rules, owners);
  }
}
