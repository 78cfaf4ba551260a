package dev.gangway.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Projects, roles, pools, bindings, grants and events; and the few reads of users, groups and
 * company members that access needs — each by id or by an indexed key.
 */
@ApplicationScoped
public class AccessRepository {
  @PersistenceContext(unitName = "gangway") EntityManager em;

  public void add(Object entity) { em.persist(entity); }

  public void remove(Object entity) { em.remove(entity); }

  public void flush() { em.flush(); }

  public Optional<Project> project(String key) {
    return em.createQuery("select p from Project p where p.key = :k", Project.class)
        .setParameter("k", key).getResultStream().findFirst();
  }

  public Optional<Project> project(long id) { return Optional.ofNullable(em.find(Project.class, id)); }

  public List<Project> projects() {
    return em.createQuery("select p from Project p order by p.key", Project.class).getResultList();
  }

  public List<ProjectRole> roles(long projectId) {
    return em.createQuery("select r from ProjectRole r where r.projectId = :p order by r.id", ProjectRole.class)
        .setParameter("p", projectId).getResultList();
  }

  public Optional<ProjectRole> role(long projectId, String name) {
    return em.createQuery("select r from ProjectRole r where r.projectId = :p and r.name = :n", ProjectRole.class)
        .setParameter("p", projectId).setParameter("n", name).getResultStream().findFirst();
  }

  public ProjectRole role(long id) { return em.find(ProjectRole.class, id); }

  public Optional<LicencePool> pool(String key) {
    return em.createQuery("select p from LicencePool p where p.key = :k", LicencePool.class)
        .setParameter("k", key).getResultStream().findFirst();
  }

  public LicencePool pool(long id) { return em.find(LicencePool.class, id); }

  /** The pool, locked until the transaction ends: seat counting and granting are serialised per pool. */
  public LicencePool lockPool(long id) { return em.find(LicencePool.class, id, LockModeType.PESSIMISTIC_WRITE); }

  public List<LicencePool> pools() {
    return em.createQuery("select p from LicencePool p order by p.key", LicencePool.class).getResultList();
  }

  public Optional<Binding> binding(long id) { return Optional.ofNullable(em.find(Binding.class, id)); }

  public Optional<Binding> binding(long roleId, Binding.SubjectType type, String ref) {
    return em.createQuery("select b from Binding b where b.roleId = :r and b.subjectType = :t and b.subjectRef = :s",
            Binding.class)
        .setParameter("r", roleId).setParameter("t", type).setParameter("s", ref).getResultStream().findFirst();
  }

  public List<Binding> bindings(long projectId) {
    return em.createQuery("select b from Binding b where b.projectId = :p order by b.id", Binding.class)
        .setParameter("p", projectId).getResultList();
  }

  public List<Binding> bindingsOn(Binding.SubjectType type, String ref) {
    return em.createQuery("select b from Binding b where b.subjectType = :t and b.subjectRef = :s", Binding.class)
        .setParameter("t", type).setParameter("s", ref).getResultList();
  }

  public boolean anyBindingOn(Binding.SubjectType type, String ref) {
    return !em.createQuery("select b.id from Binding b where b.subjectType = :t and b.subjectRef = :s", Long.class)
        .setParameter("t", type).setParameter("s", ref).setMaxResults(1).getResultList().isEmpty();
  }

  /** The bindings that reach a user: on its groups (direct membership) or on its company. */
  public List<Binding> bindingsReaching(String userId, Long companyId) {
    return em.createQuery("select b from Binding b where (b.subjectType = :group and b.subjectRef in"
            + " (select m.groupId from Membership m where m.memberId = :u))"
            + " or (b.subjectType = :company and b.subjectRef = :c)", Binding.class)
        .setParameter("group", Binding.SubjectType.GROUP).setParameter("company", Binding.SubjectType.COMPANY)
        .setParameter("u", userId).setParameter("c", companyId == null ? "-" : companyId.toString())
        .getResultList();
  }

  public List<AccessGrant> grantsOf(String userId) {
    return em.createQuery("select g from AccessGrant g where g.userId = :u", AccessGrant.class)
        .setParameter("u", userId).getResultList();
  }

  /** Users with held revocations of a directory, the longest held first. */
  /** Users with held revocations, first held first; with {@code upTo}, only those first held at or before it. */
  public List<String> heldUsers(long directoryId, Instant upTo, int limit) {
    var query = em.createQuery("select g.userId from AccessGrant g where g.heldDirectoryId = :d group by g.userId"
            + (upTo == null ? "" : " having min(g.heldSince) <= :upTo") + " order by min(g.heldSince), g.userId", String.class)
        .setParameter("d", directoryId);
    if (upTo != null) query.setParameter("upTo", upTo);
    return query.setMaxResults(limit).getResultList();
  }

  public List<AccessGrant> grantsVia(long bindingId) {
    return em.createQuery("select g from AccessGrant g where g.bindingId = :b", AccessGrant.class)
        .setParameter("b", bindingId).getResultList();
  }

  public long countVia(long bindingId, AccessGrant.State state) {
    return em.createQuery("select count(g) from AccessGrant g where g.bindingId = :b and g.state = :s", Long.class)
        .setParameter("b", bindingId).setParameter("s", state).getSingleResult();
  }

  /** How many people hold a seat of a pool. */
  public long seatHolders(long poolId) {
    return em.createQuery("select count(distinct g.userId) from AccessGrant g where g.poolId = :p and g.state = :s",
            Long.class)
        .setParameter("p", poolId).setParameter("s", AccessGrant.State.GRANTED).getSingleResult();
  }

  public boolean holdsSeat(long poolId, String userId) {
    return !em.createQuery("select g.id from AccessGrant g where g.poolId = :p and g.userId = :u and g.state = :s",
            Long.class)
        .setParameter("p", poolId).setParameter("u", userId).setParameter("s", AccessGrant.State.GRANTED)
        .setMaxResults(1).getResultList().isEmpty();
  }

  /** The user waiting longest for a seat of a pool. */
  public Optional<String> nextWaiting(long poolId) {
    return em.createQuery("select g.userId from AccessGrant g where g.poolId = :p and g.state = :s"
            + " order by g.since, g.id", String.class)
        .setParameter("p", poolId).setParameter("s", AccessGrant.State.LEFT_OUT).setMaxResults(1)
        .getResultStream().findFirst();
  }

  public List<AccessGrant> waiting(long poolId, String userId) {
    return em.createQuery("select g from AccessGrant g where g.poolId = :p and g.userId = :u and g.state = :s",
            AccessGrant.class)
        .setParameter("p", poolId).setParameter("u", userId).setParameter("s", AccessGrant.State.LEFT_OUT)
        .getResultList();
  }

  /** Who a binding's role left out for want of seats. */
  public List<String> leftOut(long bindingId, int limit) {
    return em.createQuery("select g.userId from AccessGrant g where g.bindingId = :b and g.state = :s"
            + " order by g.since, g.id", String.class)
        .setParameter("b", bindingId).setParameter("s", AccessGrant.State.LEFT_OUT).setMaxResults(limit)
        .getResultList();
  }

  private static final String LOST = " from AccessGrant g, User u, Project p, ProjectRole r"
      + " where g.bindingId in :b and g.state = :s and u.id = g.userId and p.id = g.projectId and r.id = g.roleId"
      + " and not exists (select g2.id from AccessGrant g2 where g2.projectId = g.projectId and g2.state = :s"
      + " and g2.userId = g.userId and g2.roleId = g.roleId and g2.bindingId not in :b)";

  /**
   * The (user, project, role) that only these bindings grant: what removing them all would revoke.
   * Walks the bindings' own paths (index on binding, state); each other-path check is a lookup on
   * the project's index.
   */
  public List<Object[]> onlyThrough(java.util.Collection<Long> bindingIds, int limit) {
    return em.createQuery("select g.userId, u.userName.original, p.key, r.name" + LOST
            + " order by p.key, r.name, u.userName.folded, g.userId", Object[].class)
        .setParameter("b", bindingIds).setParameter("s", AccessGrant.State.GRANTED).setMaxResults(limit)
        .getResultList();
  }

  public long countOnlyThrough(java.util.Collection<Long> bindingIds) {
    return em.createQuery("select count(g)" + LOST, Long.class)
        .setParameter("b", bindingIds).setParameter("s", AccessGrant.State.GRANTED).getSingleResult();
  }

  /** What access needs of a user: whether it is active, its name and its company. */
  public record UserState(String userId, String userName, boolean active, Long companyId) {}

  /**
   * Read by primary key: a user (or company placement) the transaction already holds — the one a
   * create or an update just wrote — costs no statement.
   */
  public Optional<UserState> user(String userId) {
    dev.gangway.identity.User u = em.find(dev.gangway.identity.User.class, userId);
    if (u == null) return Optional.empty();
    dev.gangway.company.CompanyMember m = em.find(dev.gangway.company.CompanyMember.class, userId);
    return Optional.of(new UserState(userId, u.userName().value(), u.active(), m == null ? null : m.companyId()));
  }

  public String userName(String userId) {
    return em.createQuery("select u.userName.original from User u where u.id = :id", String.class)
        .setParameter("id", userId).getResultStream().findFirst().orElse(userId);
  }

  /**
   * The active users a binding's subject reaches — the group's user members or the company's
   * members — with their userNames, in one query.
   */
  public java.util.Map<String, String> activeUsersReachedBy(Binding b) {
    String jpql = b.subjectType() == Binding.SubjectType.GROUP
        ? "select u.id, u.userName.original from Membership m, User u where m.groupId = :s and u.id = m.memberId"
        : "select u.id, u.userName.original from CompanyMember m, User u where m.companyId = :s and u.id = m.userId";
    java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
    em.createQuery(jpql + " and u.active = true order by u.id", Object[].class)
        .setParameter("s", b.subjectType() == Binding.SubjectType.GROUP ? b.subjectRef() : Long.valueOf(b.subjectRef()))
        .getResultList().forEach(r -> users.put((String) r[0], (String) r[1]));
    return users;
  }

  /** The display name of a binding's subject: the group's displayName or the company's key. */
  public String subjectName(Binding b) {
    if (b.subjectType() == Binding.SubjectType.GROUP) {
      // by primary key: the group a membership change holds costs no statement
      dev.gangway.identity.Group g = em.find(dev.gangway.identity.Group.class, b.subjectRef());
      return g != null ? g.displayName() : "deleted group " + b.subjectRef();
    }
    return em.createQuery("select c.key from Company c where c.id = :c", String.class)
        .setParameter("c", Long.valueOf(b.subjectRef())).getResultStream().findFirst().orElse("company " + b.subjectRef());
  }

  public Optional<Long> companyId(String key) {
    return em.createQuery("select c.id from Company c where c.key = :k and c.status = dev.gangway.company.Company.Status.ACTIVE",
            Long.class).setParameter("k", key).getResultStream().findFirst();
  }

  /** The directory of an IdP group, its row locked until the transaction ends (see ProjectAdministration.bind). */
  public Optional<Long> lockGroup(String groupId) {
    return em.createQuery("select g.directoryId from IdpGroup g where g.id = :g", Long.class)
        .setParameter("g", groupId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
  }

  public Optional<Long> groupDirectory(String groupId) {
    return em.createQuery("select g.directoryId from IdpGroup g where g.id = :g", Long.class)
        .setParameter("g", groupId).getResultStream().findFirst();
  }

  public List<AccessEvent> events(String userId, String projectKey, Instant from, Instant to, int limit) {
    return em.createQuery("select e from AccessEvent e where (:u is null or e.userId = :u)"
            + " and (:p is null or e.projectKey = :p) and e.at >= :from and e.at < :to order by e.at, e.id",
            AccessEvent.class)
        .setParameter("u", userId).setParameter("p", projectKey).setParameter("from", from).setParameter("to", to)
        .setMaxResults(limit).getResultList();
  }

  /**
   * The users holding some granted role in a project, in user-id order: after a given id (keyset,
   * a range scan of the project index however deep the page) or from an offset.
   */
  public List<String> usersWithAccess(long projectId, String afterUserId, int offset, int limit) {
    var q = em.createQuery("select g.userId from AccessGrant g where g.projectId = :p and g.state = :s"
            + (afterUserId == null ? "" : " and g.userId > :after") + " group by g.userId order by g.userId", String.class)
        .setParameter("p", projectId).setParameter("s", AccessGrant.State.GRANTED);
    if (afterUserId != null) q.setParameter("after", afterUserId);
    return q.setFirstResult(afterUserId == null ? offset : 0).setMaxResults(limit).getResultList();
  }

  public long countUsersWithAccess(long projectId) {
    return em.createQuery("select count(distinct g.userId) from AccessGrant g where g.projectId = :p and g.state = :s",
            Long.class)
        .setParameter("p", projectId).setParameter("s", AccessGrant.State.GRANTED).getSingleResult();
  }

  public List<AccessGrant> grants(long projectId, List<String> userIds) {
    if (userIds.isEmpty()) return List.of();
    return em.createQuery("select g from AccessGrant g where g.projectId = :p and g.userId in :u"
            + " and g.state = :s order by g.userId, g.roleId, g.since", AccessGrant.class)
        .setParameter("p", projectId).setParameter("u", userIds).setParameter("s", AccessGrant.State.GRANTED)
        .getResultList();
  }

  public java.util.Map<String, String> userNames(List<String> userIds) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    if (userIds.isEmpty()) return names;
    em.createQuery("select u.id, u.userName.original from User u where u.id in :ids", Object[].class)
        .setParameter("ids", userIds).getResultList().forEach(r -> names.put((String) r[0], (String) r[1]));
    return names;
  }
}
