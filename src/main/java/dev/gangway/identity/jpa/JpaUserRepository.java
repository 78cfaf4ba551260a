package dev.gangway.identity.jpa;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.Details;
import dev.gangway.identity.GroupRef;
import dev.gangway.identity.MultiValue;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import dev.gangway.identity.User;
import dev.gangway.identity.UserName;
import dev.gangway.identity.UserRepository;
import dev.gangway.identity.UserValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Users and their multi-valued attributes. Every query is scoped by directory. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  public void add(User user, List<MultiValue> values) {
    em.persist(user);
    writeValues(user, values);
  }

  /**
   * Inserts a new user and its values now; false when the directory already has the userName (the
   * unique key {@code uk_user_directory_name} said so: no read before the insert).
   */
  @Override
  public boolean addNew(User user, List<MultiValue> values) {
    add(user, values);
    try {
      em.flush();
      return true;
    } catch (PersistenceException e) {
      if (violates(e, "uk_user_directory_name")) return false;
      throw e;
    }
  }

  /**
   * Whether a failed write broke the named unique key (MariaDB and H2 both name it in the message).
   */
  static boolean violates(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("23")
          && s.getMessage() != null
          && s.getMessage().toLowerCase(Locale.ROOT).contains(constraint)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<User> find(DirectoryId directory, String id) {
    return em.createQuery(
            "select u from User u where u.id = :id and u.directoryId = :d", User.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .getResultStream()
        .findFirst();
  }

  /**
   * The user, its row locked until the transaction ends: concurrent changes of one user queue here
   * and each applies to its predecessor's result, instead of failing on a stale version.
   */
  @Override
  public Optional<User> findForUpdate(DirectoryId directory, String id) {
    return em.createQuery(
            "select u from User u where u.id = :id and u.directoryId = :d", User.class)
        .setParameter("id", id)
        .setParameter("d", directory.value())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<User> findByUserName(DirectoryId directory, UserName name) {
    return em.createQuery(
            "select u from User u where u.directoryId = :d and u.userName.folded = :k", User.class)
        .setParameter("d", directory.value())
        .setParameter("k", name.key())
        .getResultStream()
        .findFirst();
  }

  /** Replaces the stored multi-valued attributes of a user. */
  @Override
  public void replaceValues(User user, List<MultiValue> values) {
    em.createQuery("delete from UserValue v where v.userId = :u")
        .setParameter("u", user.id())
        .executeUpdate();
    writeValues(user, values);
  }

  private void writeValues(User user, List<MultiValue> values) {
    for (int i = 0; i < values.size(); i++) em.persist(new UserValue(user, i, values.get(i)));
  }

  /**
   * The users' multi-valued attributes and direct groups in one statement (a read of one user, or
   * of a page, is then the user rows and this): the value rows and the group rows, told apart by a
   * kind column.
   */
  @SuppressWarnings("unchecked")
  @Override
  public Details detailsOf(Collection<String> userIds) {
    Map<String, List<MultiValue>> values = new LinkedHashMap<>();
    Map<String, List<GroupRef>> groups = new LinkedHashMap<>();
    if (userIds.isEmpty()) return new Details(values, groups);
    String in = String.join(", ", Collections.nCopies(userIds.size(), "?"));
    var q =
        em.createNativeQuery(
            "SELECT 0 AS kind, v.user_id, v.position, v.attribute, v.value_text, v.value_type,"
                + " v.is_primary, v.display, v.detail_json, NULL AS sort_key FROM user_value v WHERE v.user_id IN ("
                + in
                + ")"
                + " UNION ALL SELECT 1, m.member_id, 0, NULL, g.id, NULL, FALSE, g.display_name, NULL, g.display_name_key"
                + " FROM group_member m JOIN scim_group g ON g.id = m.group_id WHERE m.member_id IN ("
                + in
                + ")"
                + " ORDER BY 2, 1, 3, 10");
    int i = 1;
    for (int pass = 0; pass < 2; pass++) for (String id : userIds) q.setParameter(i++, id);
    for (Object[] r : (List<Object[]>) q.getResultList()) {
      String userId = (String) r[1];
      if (((Number) r[0]).intValue() == 0) {
        values
            .computeIfAbsent(userId, k -> new ArrayList<>())
            .add(
                new MultiValue(
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    r[6] instanceof Boolean b ? b : r[6] != null && ((Number) r[6]).intValue() != 0,
                    (String) r[7],
                    (String) r[8]));
      } else {
        groups
            .computeIfAbsent(userId, k -> new ArrayList<>())
            .add(new GroupRef((String) r[4], (String) r[7]));
      }
    }
    return new Details(values, groups);
  }

  @Override
  public void delete(User user) {
    em.createQuery("delete from Membership m where m.memberId = :u")
        .setParameter("u", user.id())
        .executeUpdate();
    em.createQuery("delete from UserValue v where v.userId = :u")
        .setParameter("u", user.id())
        .executeUpdate();
    em.remove(user);
  }

  @Override
  public Page<User> search(DirectoryId directory, ResourceQuery query) {
    return Searches.page(em, AttributeMap.USERS, "u", User.class, directory, query);
  }

  @Override
  public void flush() {
    em.flush();
  }
}
