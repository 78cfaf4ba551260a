package dev.gangway.company;

import dev.gangway.identity.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Companies, rules, company members and mapping issues; and the reads of identity's users and
 * groups that rules need (by id, never a whole directory).
 */
@ApplicationScoped
public class CompanyRepository {
  @PersistenceContext(unitName = "gangway") EntityManager em;
  @jakarta.inject.Inject dev.gangway.identity.jpa.JpaGroupRepository groups;

  public void add(Object entity) { em.persist(entity); }

  public void remove(Object entity) { em.remove(entity); }

  public void flush() { em.flush(); }

  public Optional<Company> company(String key) {
    return em.createQuery("select c from Company c where c.key = :k", Company.class)
        .setParameter("k", key).getResultStream().findFirst();
  }

  public Optional<Company> company(long id) { return Optional.ofNullable(em.find(Company.class, id)); }

  public List<Company> companies() {
    return em.createQuery("select c from Company c order by c.key", Company.class).getResultList();
  }

  /** Which active company owns each of these domains. */
  public Map<String, String> domainOwners(Collection<String> domains) {
    Map<String, String> owners = new HashMap<>();
    if (domains.isEmpty()) return owners;
    em.createQuery("select d, c.key from Company c join c.domains d where d in :ds and c.status = :active", Object[].class)
        .setParameter("ds", domains).setParameter("active", Company.Status.ACTIVE).getResultList()
        .forEach(r -> owners.put((String) r[0], (String) r[1]));
    return owners;
  }

  /** An active company that owns a domain. */
  public record Owner(String key, long id) {}

  /** Which active company owns each of these domains, with its id (one query). */
  public Map<String, Owner> domainOwnersWithIds(Collection<String> domains) {
    Map<String, Owner> owners = new HashMap<>();
    if (domains.isEmpty()) return owners;
    em.createQuery("select d, c.key, c.id from Company c join c.domains d where d in :ds and c.status = :active",
            Object[].class)
        .setParameter("ds", domains).setParameter("active", Company.Status.ACTIVE).getResultList()
        .forEach(r -> owners.put((String) r[0], new Owner((String) r[1], ((Number) r[2]).longValue())));
    return owners;
  }

  /** The id of the company with this key (without loading the company). */
  public Optional<Long> companyId(String key) {
    return em.createQuery("select c.id from Company c where c.key = :k", Long.class)
        .setParameter("k", key).getResultStream().findFirst();
  }

  /** What the rules see of a user whose state the change already holds: nothing to read. */
  public static UserFacts facts(dev.gangway.identity.UserSnapshot s) {
    dev.gangway.identity.User u = s.user();
    Map<RuleAttribute, String> attributes = new EnumMap<>(RuleAttribute.class);
    String[] values = {u.userType(), u.title(), u.displayName(), u.enterprise().organization(),
        u.enterprise().division(), u.enterprise().department(), u.enterprise().costCenter(), u.company()};
    RuleAttribute[] order = {RuleAttribute.USER_TYPE, RuleAttribute.TITLE, RuleAttribute.DISPLAY_NAME,
        RuleAttribute.ORGANIZATION, RuleAttribute.DIVISION, RuleAttribute.DEPARTMENT, RuleAttribute.COST_CENTER,
        RuleAttribute.COMPANY};
    for (int i = 0; i < order.length; i++) if (values[i] != null) attributes.put(order[i], values[i]);
    Set<String> domains = new LinkedHashSet<>();
    String userName = u.userName().value();
    if (UserFacts.domainOf(userName) != null) domains.add(UserFacts.domainOf(userName));
    for (var v : s.values()) {
      if ("emails".equals(v.attribute()) && UserFacts.domainOf(v.value()) != null) domains.add(UserFacts.domainOf(v.value()));
    }
    List<String> groups = s.groups().stream().map(dev.gangway.identity.jpa.JpaUserRepository.GroupRef::displayName).toList();
    return new UserFacts(u.id(), u.directoryId(), userName, u.active(), attributes, domains, groups);
  }

  /** The company, other than {@code exceptId}, that owns a domain. */
  public Optional<String> domainOwner(String domain, long exceptId) {
    return em.createQuery("select c.key from Company c join c.domains d where d = :d and c.id <> :id", String.class)
        .setParameter("d", domain).setParameter("id", exceptId).getResultStream().findFirst();
  }

  public List<MappingRule> rules() {
    return em.createQuery("select r from MappingRule r order by r.priority, r.id", MappingRule.class).getResultList();
  }

  public Optional<MappingRule> rule(long id) { return Optional.ofNullable(em.find(MappingRule.class, id)); }

  /** The rules of active companies, as the evaluator takes them. */
  public List<RuleEvaluator.Rule> activeRules() {
    List<RuleEvaluator.Rule> out = new ArrayList<>();
    em.createQuery("select r, c.key from MappingRule r, Company c where c.id = r.companyId and c.status = :active",
            Object[].class)
        .setParameter("active", Company.Status.ACTIVE).getResultList()
        .forEach(row -> {
          MappingRule r = (MappingRule) row[0];
          out.add(new RuleEvaluator.Rule(r.id(), r.priority(), r.condition(), (String) row[1]));
        });
    return out;
  }

  public boolean anyGroupNameRule() {
    return !em.createQuery("select r.id from MappingRule r where r.kind = :k", Long.class)
        .setParameter("k", MappingRule.Kind.GROUP_NAME).setMaxResults(1).getResultList().isEmpty();
  }

  public Optional<CompanyMember> member(String userId) { return Optional.ofNullable(em.find(CompanyMember.class, userId)); }

  public Optional<MappingIssue> issue(String userId) { return Optional.ofNullable(em.find(MappingIssue.class, userId)); }

  /** Member counts of all companies that have members, in one grouped query. */
  public Map<Long, Long> memberCounts() {
    Map<Long, Long> counts = new HashMap<>();
    em.createQuery("select m.companyId, count(m) from CompanyMember m group by m.companyId", Object[].class)
        .getResultList().forEach(r -> counts.put((Long) r[0], (Long) r[1]));
    return counts;
  }

  public long memberCount(long companyId) {
    return em.createQuery("select count(m) from CompanyMember m where m.companyId = :c", Long.class)
        .setParameter("c", companyId).getSingleResult();
  }

  /** A member of a company group as admins see it. */
  public record MemberRow(String userId, String userName, long directoryId, boolean active, java.time.Instant since, String reason) {}

  public List<MemberRow> members(long companyId, int offset, int limit) {
    List<MemberRow> out = new ArrayList<>();
    em.createQuery("select m, u.userName.original, u.active from CompanyMember m, User u"
            + " where u.id = m.userId and m.companyId = :c order by m.since, m.userId", Object[].class)
        .setParameter("c", companyId).setFirstResult(offset).setMaxResults(limit).getResultList()
        .forEach(r -> {
          CompanyMember m = (CompanyMember) r[0];
          out.add(new MemberRow(m.userId(), (String) r[1], m.directoryId(), (Boolean) r[2], m.since(), m.reason()));
        });
    return out;
  }

  public List<String> memberIds(long companyId) {
    return em.createQuery("select m.userId from CompanyMember m where m.companyId = :c", String.class)
        .setParameter("c", companyId).getResultList();
  }

  public List<MappingIssue> issues(RuleEvaluator.Placement.Issue kind, int offset, int limit) {
    return em.createQuery("select i from MappingIssue i where (:k is null or i.kind = :k) order by i.since, i.userId",
            MappingIssue.class)
        .setParameter("k", kind).setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  public long issueCount(RuleEvaluator.Placement.Issue kind) {
    return em.createQuery("select count(i) from MappingIssue i where (:k is null or i.kind = :k)", Long.class)
        .setParameter("k", kind).getSingleResult();
  }

  /** What the rules see of one user: attributes, email domains, the names of its groups. */
  public Optional<UserFacts> facts(String userId) {
    List<Object[]> rows = em.createQuery("select u.directoryId, u.userName.original, u.active, u.userType, u.title,"
            + " u.displayName, u.enterprise.organization, u.enterprise.division, u.enterprise.department,"
            + " u.enterprise.costCenter, u.company from User u where u.id = :id", Object[].class)
        .setParameter("id", userId).getResultList();
    if (rows.isEmpty()) return Optional.empty();
    Object[] r = rows.get(0);
    Map<RuleAttribute, String> attributes = new EnumMap<>(RuleAttribute.class);
    RuleAttribute[] order = {RuleAttribute.USER_TYPE, RuleAttribute.TITLE, RuleAttribute.DISPLAY_NAME,
        RuleAttribute.ORGANIZATION, RuleAttribute.DIVISION, RuleAttribute.DEPARTMENT, RuleAttribute.COST_CENTER,
        RuleAttribute.COMPANY};
    for (int i = 0; i < order.length; i++) if (r[3 + i] != null) attributes.put(order[i], (String) r[3 + i]);
    Set<String> domains = new LinkedHashSet<>();
    String userName = (String) r[1];
    if (UserFacts.domainOf(userName) != null) domains.add(UserFacts.domainOf(userName));
    em.createQuery("select v.textKey from UserValue v where v.userId = :id and v.attribute = 'emails'", String.class)
        .setParameter("id", userId).getResultList()
        .forEach(e -> { if (UserFacts.domainOf(e) != null) domains.add(UserFacts.domainOf(e)); });
    List<String> groups = em.createQuery("select g.displayName from Membership m, IdpGroup g"
            + " where g.id = m.groupId and m.memberId = :id", String.class)
        .setParameter("id", userId).getResultList();
    return Optional.of(new UserFacts(userId, ((Number) r[0]).longValue(), userName, (Boolean) r[2],
        attributes, domains, groups));
  }

  /** Users whose attribute equals a value (ignoring case): those a rule on it could move. */
  public List<String> usersWhere(RuleAttribute attribute, String value) {
    return em.createQuery("select u.id from User u where lower(" + attribute.jpql() + ") = :v", String.class)
        .setParameter("v", UserName.keyOf(value.strip())).getResultList();
  }

  /** Members of the groups whose names match a rule's pattern. */
  public List<String> usersInGroupsNamed(RuleCondition pattern) {
    return em.createQuery("select distinct m.memberId from Membership m, IdpGroup g where g.id = m.groupId"
            + " and m.memberType = dev.gangway.identity.MemberType.USER"
            + " and g.displayNameKey like :p escape '\\'", String.class)
        .setParameter("p", pattern.likePattern()).getResultList();
  }

  /** Users with a userName or email in a domain. */
  public Set<String> usersInDomain(String domain) {
    Set<String> ids = new HashSet<>(em.createQuery("select u.id from User u where u.userName.folded like :d", String.class)
        .setParameter("d", "%@" + domain).getResultList());
    ids.addAll(em.createQuery("select v.userId from UserValue v where v.attribute = 'emails' and v.textKey like :d",
            String.class).setParameter("d", "%@" + domain).getResultList());
    return ids;
  }

  /** The user members of a group. */
  public List<String> userMembersOf(String groupId) { return groups.userMemberIds(groupId); }

  public String groupName(String groupId) {
    return em.createQuery("select g.displayName from IdpGroup g where g.id = :g", String.class)
        .setParameter("g", groupId).getResultStream().findFirst().orElse(null);
  }

  public void deleteMember(CompanyMember m) { em.remove(m); }
}
