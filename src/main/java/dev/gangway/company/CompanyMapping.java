package dev.gangway.company;

import dev.gangway.identity.BatchReads;
import dev.gangway.identity.IdentityChange;
import dev.gangway.identity.IdentityQueries;
import dev.gangway.identity.PersonFacts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps every user's company current: on every user write and every membership change that a
 * group-name rule could care about, the user is placed again, in the same transaction. Runs before
 * access is computed ({@link Priority} 100), which then sees the new company.
 */
@ApplicationScoped
public class CompanyMapping {
  public static final int OBSERVER_PRIORITY = 100;

  private CompanyRepository repository;
  private IdentityQueries identity;
  private Event<CompanyPlacementChanged> placements;
  private Clock clock;

  protected CompanyMapping() {}

  @Inject
  CompanyMapping(
      CompanyRepository repository,
      IdentityQueries identity,
      Event<CompanyPlacementChanged> placements,
      Clock clock) {
    this.repository = repository;
    this.identity = identity;
    this.placements = placements;
    this.clock = clock;
  }

  void onIdentityChange(@Observes @Priority(OBSERVER_PRIORITY) IdentityChange change) {
    if (change instanceof IdentityChange.UserChanged u) {
      if (u.kind() == IdentityChange.Kind.DELETED) forget(u.userId());
      else
        place(
            u.userId(),
            BatchReads.shared("company.rules", repository::activeRules),
            u.state().map(s -> UserFacts.of(PersonFacts.of(s))),
            u.kind() == IdentityChange.Kind.CREATED,
            true);
    } else if (change instanceof IdentityChange.MembershipChanged m) {
      if (repository.anyGroupNameRule()) {
        m.added().forEach(this::place);
        m.removed().forEach(this::place);
      }
    } else if (change instanceof IdentityChange.GroupChanged g) {
      if (g.kind() == IdentityChange.Kind.UPDATED && repository.anyGroupNameRule()) {
        identity.userMemberIds(g.groupId()).forEach(this::place);
      }
    }
  }

  /** Places each user again; returns how many moved. */
  public int placeAll(Collection<String> userIds) {
    List<RuleEvaluator.Rule> rules = repository.activeRules();
    int moved = 0;
    for (String id : userIds) if (place(id, rules, Optional.empty(), false, false)) moved++;
    return moved;
  }

  /** Places one user again; true when their company changed. */
  public boolean place(String userId) {
    return place(userId, repository.activeRules());
  }

  private boolean place(String userId, List<RuleEvaluator.Rule> rules) {
    return place(userId, rules, Optional.empty(), false, false);
  }

  /**
   * @param known the user's facts when the change that called holds them (else they are read)
   * @param created a user created in this transaction: it has no company and no issue yet
   * @param followedByAccess the identity change this reacts to is also reconciled by effective
   *     access right after (a user write): a placement then needs no reconciliation of its own
   */
  private boolean place(
      String userId,
      List<RuleEvaluator.Rule> rules,
      Optional<UserFacts> known,
      boolean created,
      boolean followedByAccess) {
    var facts = known.isPresent() ? known : identity.facts(userId).map(UserFacts::of);
    if (facts.isEmpty()) return false; // a member that is a group, or a user deleted meanwhile
    UserFacts user = facts.get();
    Map<String, CompanyRepository.Owner> owners =
        BatchReads.shared(
            "company.owners " + user.emailDomains(),
            () -> repository.domainOwnersWithIds(user.emailDomains()));
    Map<String, String> ownerKeys = new HashMap<>();
    owners.forEach((domain, owner) -> ownerKeys.put(domain, owner.key()));
    RuleEvaluator.Placement placement = RuleEvaluator.place(user, rules, ownerKeys);
    Instant now = clock.instant();
    Optional<MappingIssue> issue = created ? Optional.empty() : repository.issue(userId);
    if (placement.issue() != null) {
      if (issue.isPresent()) issue.get().update(placement.issue(), placement.issueDetail(), now);
      else
        repository.add(
            new MappingIssue(
                userId, user.directoryId(), placement.issue(), placement.issueDetail(), now));
    } else {
      issue.ifPresent(repository::remove);
    }
    Long after =
        placement.companyKey() == null
            ? null
            : owners.values().stream()
                .filter(o -> o.key().equals(placement.companyKey()))
                .map(CompanyRepository.Owner::id)
                .findFirst()
                .or(() -> repository.companyId(placement.companyKey()))
                .orElse(null);
    Optional<CompanyMember> current = created ? Optional.empty() : repository.member(userId);
    Long before = current.map(CompanyMember::companyId).orElse(null);
    if (Objects.equals(before, after)) {
      current.ifPresent(m -> m.explain(placement.reason()));
      return false; // no company before or after, or the same one: nothing moved
    }
    current.ifPresent(repository::deleteMember);
    if (after != null) {
      repository.flush();
      repository.add(new CompanyMember(userId, user.directoryId(), after, placement.reason(), now));
    }
    repository.flush();
    placements.fire(new CompanyPlacementChanged(userId, before, after, followedByAccess));
    return true;
  }

  /** A deleted user leaves its company group and the issue list. */
  private void forget(String userId) {
    repository
        .member(userId)
        .ifPresent(
            m -> {
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
