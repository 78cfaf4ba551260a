package dev.gangway.company.jpa;

import dev.gangway.company.Company;
import dev.gangway.company.CompanyMember;
import dev.gangway.company.CompanyQueries;
import dev.gangway.identity.jpa.IdentityJoins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The reads company publishes to other contexts, in JPQL over company's own entities. */
@ApplicationScoped
public class JpaCompanyQueries implements CompanyQueries {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public Optional<Long> activeCompanyId(String key) {
    return em.createQuery(
            "select c.id from Company c where c.key = :k"
                + " and c.status = dev.gangway.company.Company.Status.ACTIVE",
            Long.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<String> companyKey(long companyId) {
    // by primary key: free when the transaction holds the company already
    return Optional.ofNullable(em.find(Company.class, companyId)).map(Company::key);
  }

  @Override
  public Optional<Long> companyOf(String userId) {
    return Optional.ofNullable(em.find(CompanyMember.class, userId)).map(CompanyMember::companyId);
  }

  @Override
  public Map<String, String> companyKeysOf(Collection<String> userIds) {
    Map<String, String> companies = new HashMap<>();
    if (userIds.isEmpty()) return companies;
    em.createQuery(
            "select m.userId, c.key from CompanyMember m, Company c where c.id = m.companyId and m.userId in :ids",
            Object[].class)
        .setParameter("ids", userIds)
        .getResultList()
        .forEach(r -> companies.put((String) r[0], (String) r[1]));
    return companies;
  }

  @Override
  public Map<String, String> activeMembers(long companyId) {
    Map<String, String> users = new LinkedHashMap<>();
    em.createQuery(
            "select "
                + IdentityJoins.id("u")
                + ", "
                + IdentityJoins.userName("u")
                + " from CompanyMember m, "
                + IdentityJoins.user("u")
                + " where m.companyId = :s and "
                + IdentityJoins.id("u")
                + " = m.userId"
                + " and "
                + IdentityJoins.active("u")
                + " = true order by "
                + IdentityJoins.id("u"),
            Object[].class)
        .setParameter("s", companyId)
        .getResultList()
        .forEach(r -> users.put((String) r[0], (String) r[1]));
    return users;
  }
}
