package dev.gangway.access.jpa;

import dev.gangway.access.AccessEvent;
import dev.gangway.access.AccessGrant;
import dev.gangway.access.AccessQueries;
import dev.gangway.access.AccessRepository;
import dev.gangway.access.Binding;
import dev.gangway.access.LicencePool;
import dev.gangway.access.Project;
import dev.gangway.access.ProjectRole;
import dev.gangway.company.CompanyQueries;
import dev.gangway.identity.IdentityQueries;
import dev.gangway.identity.jpa.IdentityJoins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Projects, roles, pools, bindings, grants and events in JPA. What access needs of users, groups
 * and companies it asks identity's and company's published queries; where a read must stay one
 * statement, it joins identity's tables through {@link IdentityJoins}.
 */
@ApplicationScoped
public class JpaAccessRepository implements AccessRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  private IdentityQueries identity;
  private CompanyQueries companies;

  protected JpaAccessRepository() {}

  @Inject
  JpaAccessRepository(IdentityQueries identity, CompanyQueries companies) {
    this.identity = identity;
    this.companies = companies;
  }

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
  public Optional<Project> project(String key) {
    return em.createQuery("select p from Project p where p.key = :k", Project.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Project> project(long id) {
    return Optional.ofNullable(em.find(Project.class, id));
  }

  @Override
  public List<Project> projects() {
    return em.createQuery("select p from Project p order by p.key", Project.class).getResultList();
  }

  @Override
  public List<ProjectRole> roles(long projectId) {
    return em.createQuery(
            "select r from ProjectRole r where r.projectId = :p order by r.id", ProjectRole.class)
        .setParameter("p", projectId)
        .getResultList();
  }

  @Override
  public Optional<ProjectRole> role(long projectId, String name) {
    return em.createQuery(
            "select r from ProjectRole r where r.projectId = :p and r.name = :n", ProjectRole.class)
        .setParameter("p", projectId)
        .setParameter("n", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public ProjectRole role(long id) {
    return em.find(ProjectRole.class, id);
  }

  @Override
  public Optional<LicencePool> pool(String key) {
    return em.createQuery("select p from LicencePool p where p.key = :k", LicencePool.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  @Override
  public LicencePool pool(long id) {
    return em.find(LicencePool.class, id);
  }

  /**
   * The pool, locked until the transaction ends: seat counting and granting are serialised per
   * pool.
   */
  @Override
  public LicencePool lockPool(long id) {
    return em.find(LicencePool.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public List<LicencePool> pools() {
    return em.createQuery("select p from LicencePool p order by p.key", LicencePool.class)
        .getResultList();
  }

  @Override
  public Optional<Binding> binding(long id) {
    return Optional.ofNullable(em.find(Binding.class, id));
  }

  @Override
  public Optional<Binding> binding(long roleId, Binding.SubjectType type, String ref) {
    return em.createQuery(
            "select b from Binding b where b.roleId = :r and b.subjectType = :t and b.subjectRef = :s",
            Binding.class)
        .setParameter("r", roleId)
        .setParameter("t", type)
        .setParameter("s", ref)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Binding> bindings(long projectId) {
    return em.createQuery(
            "select b from Binding b where b.projectId = :p order by b.id", Binding.class)
        .setParameter("p", projectId)
        .getResultList();
  }

  @Override
  public List<Binding> bindingsOn(Binding.SubjectType type, String ref) {
    return em.createQuery(
            "select b from Binding b where b.subjectType = :t and b.subjectRef = :s", Binding.class)
        .setParameter("t", type)
        .setParameter("s", ref)
        .getResultList();
  }

  @Override
  public boolean anyBindingOn(Binding.SubjectType type, String ref) {
    return !em.createQuery(
            "select b.id from Binding b where b.subjectType = :t and b.subjectRef = :s", Long.class)
        .setParameter("t", type)
        .setParameter("s", ref)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The bindings that reach a user: on its groups (direct membership) or on its company. */
  @Override
  public List<Binding> bindingsReaching(String userId, Long companyId) {
    return em.createQuery(
            "select b from Binding b where (b.subjectType = :group and b.subjectRef in"
                + " ("
                + IdentityJoins.groupIdsOfMember("u")
                + "))"
                + " or (b.subjectType = :company and b.subjectRef = :c)",
            Binding.class)
        .setParameter("group", Binding.SubjectType.GROUP)
        .setParameter("company", Binding.SubjectType.COMPANY)
        .setParameter("u", userId)
        .setParameter("c", companyId == null ? "-" : companyId.toString())
        .getResultList();
  }

  @Override
  public List<AccessGrant> grantsOf(String userId) {
    return em.createQuery("select g from AccessGrant g where g.userId = :u", AccessGrant.class)
        .setParameter("u", userId)
        .getResultList();
  }

  /**
   * Users with held revocations, first held first; with {@code upTo}, only those first held at or
   * before it.
   */
  @Override
  public List<String> heldUsers(long directoryId, Instant upTo, int limit) {
    var query =
        em.createQuery(
                "select g.userId from AccessGrant g where g.heldDirectoryId = :d group by g.userId"
                    + (upTo == null ? "" : " having min(g.heldSince) <= :upTo")
                    + " order by min(g.heldSince), g.userId",
                String.class)
            .setParameter("d", directoryId);
    if (upTo != null) query.setParameter("upTo", upTo);
    return query.setMaxResults(limit).getResultList();
  }

  @Override
  public List<AccessGrant> grantsVia(long bindingId) {
    return em.createQuery("select g from AccessGrant g where g.bindingId = :b", AccessGrant.class)
        .setParameter("b", bindingId)
        .getResultList();
  }

  @Override
  public long countVia(long bindingId, AccessGrant.State state) {
    return em.createQuery(
            "select count(g) from AccessGrant g where g.bindingId = :b and g.state = :s",
            Long.class)
        .setParameter("b", bindingId)
        .setParameter("s", state)
        .getSingleResult();
  }

  /** How many people hold a seat of a pool. */
  @Override
  public long seatHolders(long poolId) {
    return em.createQuery(
            "select count(distinct g.userId) from AccessGrant g where g.poolId = :p and g.state = :s",
            Long.class)
        .setParameter("p", poolId)
        .setParameter("s", AccessGrant.State.GRANTED)
        .getSingleResult();
  }

  @Override
  public boolean holdsSeat(long poolId, String userId) {
    return !em.createQuery(
            "select g.id from AccessGrant g where g.poolId = :p and g.userId = :u and g.state = :s",
            Long.class)
        .setParameter("p", poolId)
        .setParameter("u", userId)
        .setParameter("s", AccessGrant.State.GRANTED)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The user waiting longest for a seat of a pool. */
  @Override
  public Optional<String> nextWaiting(long poolId) {
    return em.createQuery(
            "select g.userId from AccessGrant g where g.poolId = :p and g.state = :s"
                + " order by g.since, g.id",
            String.class)
        .setParameter("p", poolId)
        .setParameter("s", AccessGrant.State.LEFT_OUT)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<AccessGrant> waiting(long poolId, String userId) {
    return em.createQuery(
            "select g from AccessGrant g where g.poolId = :p and g.userId = :u and g.state = :s",
            AccessGrant.class)
        .setParameter("p", poolId)
        .setParameter("u", userId)
        .setParameter("s", AccessGrant.State.LEFT_OUT)
        .getResultList();
  }

  /** Who a binding's role left out for want of seats. */
  @Override
  public List<String> leftOut(long bindingId, int limit) {
    return em.createQuery(
            "select g.userId from AccessGrant g where g.bindingId = :b and g.state = :s"
                + " order by g.since, g.id",
            String.class)
        .setParameter("b", bindingId)
        .setParameter("s", AccessGrant.State.LEFT_OUT)
        .setMaxResults(limit)
        .getResultList();
  }

  private static final String LOST =
      " from AccessGrant g, "
          + IdentityJoins.user("u")
          + ", Project p, ProjectRole r"
          + " where g.bindingId in :b and g.state = :s and "
          + IdentityJoins.id("u")
          + " = g.userId"
          + " and p.id = g.projectId and r.id = g.roleId"
          + " and not exists (select g2.id from AccessGrant g2 where g2.projectId = g.projectId and g2.state = :s"
          + " and g2.userId = g.userId and g2.roleId = g.roleId and g2.bindingId not in :b)";

  /**
   * The (user, project, role) that only these bindings grant: what removing them all would revoke.
   * Walks the bindings' own paths (index on binding, state); each other-path check is a lookup on
   * the project's index.
   */
  @Override
  public List<AccessQueries.Loss> onlyThrough(Collection<Long> bindingIds, int limit) {
    return em
        .createQuery(
            "select g.userId, "
                + IdentityJoins.userName("u")
                + ", p.key, r.name"
                + LOST
                + " order by p.key, r.name, "
                + IdentityJoins.userNameKey("u")
                + ", g.userId",
            Object[].class)
        .setParameter("b", bindingIds)
        .setParameter("s", AccessGrant.State.GRANTED)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(
            r -> new AccessQueries.Loss((String) r[0], (String) r[1], (String) r[2], (String) r[3]))
        .toList();
  }

  @Override
  public long countOnlyThrough(Collection<Long> bindingIds) {
    return em.createQuery("select count(g)" + LOST, Long.class)
        .setParameter("b", bindingIds)
        .setParameter("s", AccessGrant.State.GRANTED)
        .getSingleResult();
  }

  /** Identity's user and company's placement, each read by primary key. */
  @Override
  public Optional<UserState> user(String userId) {
    return identity
        .user(userId)
        .map(
            u ->
                new UserState(
                    userId, u.userName(), u.active(), companies.companyOf(userId).orElse(null)));
  }

  @Override
  public String userName(String userId) {
    return identity.userName(userId).orElse(userId);
  }

  @Override
  public Map<String, String> activeUsersReachedBy(Binding b) {
    return b.subjectType() == Binding.SubjectType.GROUP
        ? identity.activeUserMembers(b.subjectRef())
        : companies.activeMembers(Long.parseLong(b.subjectRef()));
  }

  @Override
  public String subjectName(Binding b) {
    if (b.subjectType() == Binding.SubjectType.GROUP) {
      return identity.groupName(b.subjectRef()).orElse("deleted group " + b.subjectRef());
    }
    return companies.companyKey(Long.parseLong(b.subjectRef())).orElse("company " + b.subjectRef());
  }

  @Override
  public Optional<Long> companyId(String key) {
    return companies.activeCompanyId(key);
  }

  @Override
  public Optional<Long> lockGroup(String groupId) {
    return identity.lockGroup(groupId);
  }

  @Override
  public List<AccessEvent> events(
      String userId, String projectKey, Instant from, Instant to, int limit) {
    return em.createQuery(
            "select e from AccessEvent e where (:u is null or e.userId = :u)"
                + " and (:p is null or e.projectKey = :p) and e.at >= :from and e.at < :to order by e.at, e.id",
            AccessEvent.class)
        .setParameter("u", userId)
        .setParameter("p", projectKey)
        .setParameter("from", from)
        .setParameter("to", to)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * The users holding some granted role in a project, in user-id order: after a given id (keyset, a
   * range scan of the project index however deep the page) or from an offset.
   */
  @Override
  public List<String> usersWithAccess(long projectId, String afterUserId, int offset, int limit) {
    var q =
        em.createQuery(
                "select g.userId from AccessGrant g where g.projectId = :p and g.state = :s"
                    + (afterUserId == null ? "" : " and g.userId > :after")
                    + " group by g.userId order by g.userId",
                String.class)
            .setParameter("p", projectId)
            .setParameter("s", AccessGrant.State.GRANTED);
    if (afterUserId != null) q.setParameter("after", afterUserId);
    return q.setFirstResult(afterUserId == null ? offset : 0).setMaxResults(limit).getResultList();
  }

  @Override
  public long countUsersWithAccess(long projectId) {
    return em.createQuery(
            "select count(distinct g.userId) from AccessGrant g where g.projectId = :p and g.state = :s",
            Long.class)
        .setParameter("p", projectId)
        .setParameter("s", AccessGrant.State.GRANTED)
        .getSingleResult();
  }

  @Override
  public List<AccessGrant> grants(long projectId, List<String> userIds) {
    if (userIds.isEmpty()) return List.of();
    return em.createQuery(
            "select g from AccessGrant g where g.projectId = :p and g.userId in :u"
                + " and g.state = :s order by g.userId, g.roleId, g.since",
            AccessGrant.class)
        .setParameter("p", projectId)
        .setParameter("u", userIds)
        .setParameter("s", AccessGrant.State.GRANTED)
        .getResultList();
  }

  @Override
  public Map<String, String> userNames(List<String> userIds) {
    return identity.userNames(userIds);
  }
}
