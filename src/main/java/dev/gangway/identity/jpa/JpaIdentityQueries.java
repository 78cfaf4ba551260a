package dev.gangway.identity.jpa;

import dev.gangway.identity.Group;
import dev.gangway.identity.GroupSummary;
import dev.gangway.identity.IdentityQueries;
import dev.gangway.identity.MemberType;
import dev.gangway.identity.PersonFacts;
import dev.gangway.identity.TextAttribute;
import dev.gangway.identity.User;
import dev.gangway.identity.UserName;
import dev.gangway.identity.UserSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reads identity publishes to other contexts, in JPQL over identity's own entities. */
@ApplicationScoped
public class JpaIdentityQueries implements IdentityQueries {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public Optional<UserSummary> user(String userId) {
    return Optional.ofNullable(em.find(User.class, userId)).map(UserSummary::of);
  }

  @Override
  public Optional<String> userName(String userId) {
    return em.createQuery("select u.userName.original from User u where u.id = :id", String.class)
        .setParameter("id", userId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Map<String, String> userNames(Collection<String> userIds) {
    Map<String, String> names = new HashMap<>();
    if (userIds.isEmpty()) return names;
    em.createQuery(
            "select u.id, u.userName.original from User u where u.id in :ids", Object[].class)
        .setParameter("ids", userIds)
        .getResultList()
        .forEach(r -> names.put((String) r[0], (String) r[1]));
    return names;
  }

  @Override
  public Optional<PersonFacts> facts(String userId) {
    List<Object[]> rows =
        em.createQuery(
                "select u.directoryId, u.userName.original, u.active, u.userType, u.title,"
                    + " u.displayName, u.enterprise.organization, u.enterprise.division, u.enterprise.department,"
                    + " u.enterprise.costCenter, u.company from User u where u.id = :id",
                Object[].class)
            .setParameter("id", userId)
            .getResultList();
    if (rows.isEmpty()) return Optional.empty();
    Object[] r = rows.get(0);
    TextAttribute[] order = {
      TextAttribute.USER_TYPE,
      TextAttribute.TITLE,
      TextAttribute.DISPLAY_NAME,
      TextAttribute.ORGANIZATION,
      TextAttribute.DIVISION,
      TextAttribute.DEPARTMENT,
      TextAttribute.COST_CENTER,
      TextAttribute.COMPANY
    };
    Map<TextAttribute, String> attributes = new EnumMap<>(TextAttribute.class);
    for (int i = 0; i < order.length; i++)
      if (r[3 + i] != null) attributes.put(order[i], (String) r[3 + i]);
    List<String> emails =
        em.createQuery(
                "select v.textKey from UserValue v where v.userId = :id and v.attribute = 'emails'",
                String.class)
            .setParameter("id", userId)
            .getResultList();
    List<String> groups =
        em.createQuery(
                "select g.displayName from Membership m, IdpGroup g"
                    + " where g.id = m.groupId and m.memberId = :id",
                String.class)
            .setParameter("id", userId)
            .getResultList();
    return Optional.of(
        new PersonFacts(
            userId,
            ((Number) r[0]).longValue(),
            (String) r[1],
            (Boolean) r[2],
            attributes,
            emails.stream().filter(e -> e != null).toList(),
            groups));
  }

  @Override
  public List<String> usersWhere(TextAttribute attribute, String value) {
    return em.createQuery(
            "select u.id from User u where lower(" + path(attribute) + ") = :v", String.class)
        .setParameter("v", UserName.keyOf(value.strip()))
        .getResultList();
  }

  /** The JPQL path of an attribute on the user {@code u}. */
  static String path(TextAttribute attribute) {
    return switch (attribute) {
      case USER_TYPE -> "u.userType";
      case TITLE -> "u.title";
      case DISPLAY_NAME -> "u.displayName";
      case ORGANIZATION -> "u.enterprise.organization";
      case DIVISION -> "u.enterprise.division";
      case DEPARTMENT -> "u.enterprise.department";
      case COST_CENTER -> "u.enterprise.costCenter";
      case COMPANY -> "u.company";
    };
  }

  @Override
  public Set<String> usersInDomain(String domain) {
    Set<String> ids =
        new HashSet<>(
            em.createQuery("select u.id from User u where u.userName.folded like :d", String.class)
                .setParameter("d", "%@" + domain)
                .getResultList());
    ids.addAll(
        em.createQuery(
                "select v.userId from UserValue v where v.attribute = 'emails' and v.textKey like :d",
                String.class)
            .setParameter("d", "%@" + domain)
            .getResultList());
    return ids;
  }

  @Override
  public List<String> userMembersOfGroupsLike(String likePattern) {
    return em.createQuery(
            "select distinct m.memberId from Membership m, IdpGroup g where g.id = m.groupId"
                + " and m.memberType = dev.gangway.identity.MemberType.USER"
                + " and g.displayNameKey like :p escape '\\'",
            String.class)
        .setParameter("p", likePattern)
        .getResultList();
  }

  @Override
  public List<String> userMemberIds(String groupId) {
    return em.createQuery(
            "select m.memberId from Membership m where m.groupId = :g and m.memberType = :t",
            String.class)
        .setParameter("g", groupId)
        .setParameter("t", MemberType.USER)
        .getResultList();
  }

  @Override
  public Map<String, String> activeUserMembers(String groupId) {
    Map<String, String> users = new LinkedHashMap<>();
    em.createQuery(
            "select u.id, u.userName.original from Membership m, User u where m.groupId = :s and u.id = m.memberId"
                + " and u.active = true order by u.id",
            Object[].class)
        .setParameter("s", groupId)
        .getResultList()
        .forEach(r -> users.put((String) r[0], (String) r[1]));
    return users;
  }

  @Override
  public Optional<String> groupName(String groupId) {
    return Optional.ofNullable(em.find(Group.class, groupId)).map(Group::displayName);
  }

  @Override
  public Optional<Long> lockGroup(String groupId) {
    return em.createQuery("select g.directoryId from IdpGroup g where g.id = :g", Long.class)
        .setParameter("g", groupId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<UserSummary> findUsers(String text, int limit) {
    String key = UserName.keyOf(text.strip());
    String prefix = FilterTranslator.escapeLike(key) + "%";
    return em
        .createQuery(
            "select u from User u where u.id = :id or u.userName.folded like :p escape '\\'"
                + " or u.id in (select v.userId from UserValue v where v.attribute = 'emails' and v.textKey like :p escape '\\')"
                + " order by u.userName.folded, u.id",
            User.class)
        .setParameter("id", text.strip())
        .setParameter("p", prefix)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(UserSummary::of)
        .toList();
  }

  @Override
  public List<GroupSummary> findGroups(List<Long> directoryIds, String text, int limit) {
    if (directoryIds.isEmpty()) return List.of();
    String prefix = FilterTranslator.escapeLike(UserName.keyOf(text.strip())) + "%";
    return em
        .createQuery(
            "select g from IdpGroup g where g.id = :id"
                + " or (g.directoryId in :d and g.displayNameKey like :p escape '\\')"
                + " order by g.displayNameKey, g.directoryId, g.id",
            Group.class)
        .setParameter("id", text.strip())
        .setParameter("d", directoryIds)
        .setParameter("p", prefix)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(GroupSummary::of)
        .toList();
  }
}
