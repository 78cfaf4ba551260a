package dev.gangway.company.jpa;

import dev.gangway.company.Company;
import dev.gangway.company.CompanyMember;
import dev.gangway.company.CompanyRepository;
import dev.gangway.company.MappingIssue;
import dev.gangway.company.MappingRule;
import dev.gangway.company.Reevaluation;
import dev.gangway.company.RuleEvaluator;
import dev.gangway.identity.jpa.IdentityJoins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Companies, rules, company members, mapping issues and re-evaluations in JPA. */
@ApplicationScoped
public class JpaCompanyRepository implements CompanyRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(Object entity) {
    em.persist(entity);
  }

  @Override
  public void remove(Object entity) {
    em.remove(entity);
  }

  @Override
  public void flush() {
    em.flush();
  }

  @Override
  public Optional<Company> company(String key) {
    return em.createQuery("select c from Company c where c.key = :k", Company.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Company> company(long id) {
    return Optional.ofNullable(em.find(Company.class, id));
  }

  @Override
  public List<Company> companies() {
    return em.createQuery("select c from Company c order by c.key", Company.class).getResultList();
  }

  /** Which active company owns each of these domains. */
  @Override
  public Map<String, String> domainOwners(Collection<String> domains) {
    Map<String, String> owners = new HashMap<>();
    if (domains.isEmpty()) return owners;
    em.createQuery(
            "select d, c.key from Company c join c.domains d where d in :ds and c.status = :active",
            Object[].class)
        .setParameter("ds", domains)
        .setParameter("active", Company.Status.ACTIVE)
        .getResultList()
        .forEach(r -> owners.put((String) r[0], (String) r[1]));
    return owners;
  }

  /** Which active company owns each of these domains, with its id (one query). */
  @Override
  public Map<String, Owner> domainOwnersWithIds(Collection<String> domains) {
    Map<String, Owner> owners = new HashMap<>();
    if (domains.isEmpty()) return owners;
    em.createQuery(
            "select d, c.key, c.id from Company c join c.domains d where d in :ds and c.status = :active",
            Object[].class)
        .setParameter("ds", domains)
        .setParameter("active", Company.Status.ACTIVE)
        .getResultList()
        .forEach(
            r -> owners.put((String) r[0], new Owner((String) r[1], ((Number) r[2]).longValue())));
    return owners;
  }

  /** The id of the company with this key (without loading the company). */
  @Override
  public Optional<Long> companyId(String key) {
    return em.createQuery("select c.id from Company c where c.key = :k", Long.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  /** The company, other than {@code exceptId}, that owns a domain. */
  @Override
  public Optional<String> domainOwner(String domain, long exceptId) {
    return em.createQuery(
            "select c.key from Company c join c.domains d where d = :d and c.id <> :id",
            String.class)
        .setParameter("d", domain)
        .setParameter("id", exceptId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<MappingRule> rules() {
    return em.createQuery(
            "select r from MappingRule r order by r.priority, r.id", MappingRule.class)
        .getResultList();
  }

  @Override
  public Optional<MappingRule> rule(long id) {
    return Optional.ofNullable(em.find(MappingRule.class, id));
  }

  /** The rules of active companies, as the evaluator takes them. */
  @Override
  public List<RuleEvaluator.Rule> activeRules() {
    List<RuleEvaluator.Rule> out = new ArrayList<>();
    em.createQuery(
            "select r, c.key from MappingRule r, Company c where c.id = r.companyId and c.status = :active",
            Object[].class)
        .setParameter("active", Company.Status.ACTIVE)
        .getResultList()
        .forEach(
            row -> {
              MappingRule r = (MappingRule) row[0];
              out.add(new RuleEvaluator.Rule(r.id(), r.priority(), r.condition(), (String) row[1]));
            });
    return out;
  }

  @Override
  public boolean anyGroupNameRule() {
    return !em.createQuery("select r.id from MappingRule r where r.kind = :k", Long.class)
        .setParameter("k", MappingRule.Kind.GROUP_NAME)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public Optional<CompanyMember> member(String userId) {
    return Optional.ofNullable(em.find(CompanyMember.class, userId));
  }

  @Override
  public Optional<MappingIssue> issue(String userId) {
    return Optional.ofNullable(em.find(MappingIssue.class, userId));
  }

  /** Member counts of all companies that have members, in one grouped query. */
  @Override
  public Map<Long, Long> memberCounts() {
    Map<Long, Long> counts = new HashMap<>();
    em.createQuery(
            "select m.companyId, count(m) from CompanyMember m group by m.companyId",
            Object[].class)
        .getResultList()
        .forEach(r -> counts.put((Long) r[0], (Long) r[1]));
    return counts;
  }

  @Override
  public long memberCount(long companyId) {
    return em.createQuery("select count(m) from CompanyMember m where m.companyId = :c", Long.class)
        .setParameter("c", companyId)
        .getSingleResult();
  }

  @Override
  public List<MemberRow> members(long companyId, int offset, int limit) {
    List<MemberRow> out = new ArrayList<>();
    em.createQuery(
            "select m, "
                + IdentityJoins.userName("u")
                + ", "
                + IdentityJoins.active("u")
                + " from CompanyMember m, "
                + IdentityJoins.user("u")
                + " where "
                + IdentityJoins.id("u")
                + " = m.userId and m.companyId = :c order by m.since, m.userId",
            Object[].class)
        .setParameter("c", companyId)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .forEach(
            r -> {
              CompanyMember m = (CompanyMember) r[0];
              out.add(
                  new MemberRow(
                      m.userId(),
                      (String) r[1],
                      m.directoryId(),
                      (Boolean) r[2],
                      m.since(),
                      m.reason()));
            });
    return out;
  }

  @Override
  public List<String> memberIds(long companyId) {
    return em.createQuery(
            "select m.userId from CompanyMember m where m.companyId = :c", String.class)
        .setParameter("c", companyId)
        .getResultList();
  }

  @Override
  public List<MappingIssue> issues(RuleEvaluator.Placement.Issue kind, int offset, int limit) {
    return em.createQuery(
            "select i from MappingIssue i where (:k is null or i.kind = :k) order by i.since, i.userId",
            MappingIssue.class)
        .setParameter("k", kind)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public long issueCount(RuleEvaluator.Placement.Issue kind) {
    return em.createQuery(
            "select count(i) from MappingIssue i where (:k is null or i.kind = :k)", Long.class)
        .setParameter("k", kind)
        .getSingleResult();
  }

  @Override
  public void deleteMember(CompanyMember m) {
    em.remove(m);
  }

  @Override
  public Optional<Reevaluation> reevaluation(long id) {
    return Optional.ofNullable(em.find(Reevaluation.class, id));
  }
}
