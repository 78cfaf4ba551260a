package dev.gangway.identity.jpa;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.MultiValue;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.User;
import dev.gangway.identity.UserName;
import dev.gangway.identity.UserValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and their multi-valued attributes. Every query is scoped by directory. */
@ApplicationScoped
public class JpaUserRepository {
  @PersistenceContext(unitName = "gangway") EntityManager em;

  public void add(User user, List<MultiValue> values) {
    em.persist(user);
    writeValues(user, values);
  }

  public Optional<User> find(DirectoryId directory, String id) {
    return em.createQuery("select u from User u where u.id = :id and u.directoryId = :d", User.class)
        .setParameter("id", id).setParameter("d", directory.value())
        .getResultStream().findFirst();
  }

  /**
   * The user, its row locked until the transaction ends: concurrent changes of one user queue
   * here and each applies to its predecessor's result, instead of failing on a stale version.
   */
  public Optional<User> findForUpdate(DirectoryId directory, String id) {
    return em.createQuery("select u from User u where u.id = :id and u.directoryId = :d", User.class)
        .setParameter("id", id).setParameter("d", directory.value())
        .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
        .getResultStream().findFirst();
  }

  public Optional<User> findByUserName(DirectoryId directory, UserName name) {
    return em.createQuery(
            "select u from User u where u.directoryId = :d and u.userName.folded = :k", User.class)
        .setParameter("d", directory.value()).setParameter("k", name.key())
        .getResultStream().findFirst();
  }

  public boolean exists(DirectoryId directory, String id) {
    return !em.createQuery("select u.id from User u where u.id = :id and u.directoryId = :d", String.class)
        .setParameter("id", id).setParameter("d", directory.value()).setMaxResults(1)
        .getResultList().isEmpty();
  }

  /** Replaces the stored multi-valued attributes of a user. */
  public void replaceValues(User user, List<MultiValue> values) {
    em.createQuery("delete from UserValue v where v.userId = :u").setParameter("u", user.id()).executeUpdate();
    writeValues(user, values);
  }

  private void writeValues(User user, List<MultiValue> values) {
    for (int i = 0; i < values.size(); i++) em.persist(new UserValue(user, i, values.get(i)));
  }

  /** The multi-valued attributes of the given users, in one query. */
  public Map<String, List<MultiValue>> valuesOf(Collection<String> userIds) {
    Map<String, List<MultiValue>> result = new LinkedHashMap<>();
    if (userIds.isEmpty()) return result;
    em.createQuery("select v from UserValue v where v.userId in :ids order by v.userId, v.position",
            UserValue.class)
        .setParameter("ids", userIds).getResultList()
        .forEach(v -> result.computeIfAbsent(v.userId(), k -> new ArrayList<>()).add(v.toMultiValue()));
    return result;
  }

  /** A group a user belongs to, as shown in the user's {@code groups} attribute. */
  public record GroupRef(String id, String displayName) {}

  /** The direct groups of the given users, in one query. */
  public Map<String, List<GroupRef>> groupsOf(Collection<String> userIds) {
    Map<String, List<GroupRef>> result = new LinkedHashMap<>();
    if (userIds.isEmpty()) return result;
    em.createQuery("select m.memberId, g.id, g.displayName from Membership m, IdpGroup g"
            + " where g.id = m.groupId and m.memberId in :ids order by g.displayNameKey", Object[].class)
        .setParameter("ids", userIds).getResultList()
        .forEach(r -> result.computeIfAbsent((String) r[0], k -> new ArrayList<>())
            .add(new GroupRef((String) r[1], (String) r[2])));
    return result;
  }

  public void delete(User user) {
    em.createQuery("delete from Membership m where m.memberId = :u").setParameter("u", user.id()).executeUpdate();
    em.createQuery("delete from UserValue v where v.userId = :u").setParameter("u", user.id()).executeUpdate();
    em.remove(user);
  }

  public Page<User> search(DirectoryId directory, ResourceQuery query) {
    return Searches.page(em, AttributeMap.USERS, "u", User.class, directory, query);
  }

  /** Users of any directory whose id is the text, or whose userName or an email starts with it (indexed prefixes). */
  public List<User> find(String text, int limit) {
    String key = UserName.keyOf(text.strip());
    String prefix = FilterTranslator.escapeLike(key) + "%";
    return em.createQuery("select u from User u where u.id = :id or u.userName.folded like :p escape '\\'"
            + " or u.id in (select v.userId from UserValue v where v.attribute = 'emails' and v.textKey like :p escape '\\')"
            + " order by u.userName.folded, u.id", User.class)
        .setParameter("id", text.strip()).setParameter("p", prefix).setMaxResults(limit).getResultList();
  }

  public void flush() { em.flush(); }
}
