package dev.gangway.identity.jpa;

/**
 * Identity's tables as the JPA adapters of other contexts join them, where a read must stay one
 * statement (a join or a subquery instead of a second read). The names of identity's entities,
 * fields, tables and columns stay here: renaming one changes this class, not its callers.
 */
public final class IdentityJoins {
  private IdentityJoins() {}

  /** JPQL, a from-clause item: the user entity under an alias. */
  public static String user(String alias) {
    return "User " + alias;
  }

  /** JPQL: a user's id. */
  public static String id(String alias) {
    return alias + ".id";
  }

  /** JPQL: a user's userName as the IdP sent it. */
  public static String userName(String alias) {
    return alias + ".userName.original";
  }

  /** JPQL: a user's case-folded userName (the indexed key). */
  public static String userNameKey(String alias) {
    return alias + ".userName.folded";
  }

  /** JPQL: whether a user is active. */
  public static String active(String alias) {
    return alias + ".active";
  }

  /**
   * JPQL subquery: the ids of the groups of which the user bound to {@code :parameter} is a direct
   * member.
   */
  public static String groupIdsOfMember(String parameter) {
    return "select m.groupId from Membership m where m.memberId = :" + parameter;
  }

  /** SQL: a join of the user table under an alias, on a column holding a user id. */
  public static String sqlJoinUser(String alias, String userIdColumn) {
    return "JOIN scim_user " + alias + " ON " + alias + ".id = " + userIdColumn;
  }

  /** SQL: a joined user's directory id column. */
  public static String sqlDirectory(String alias) {
    return alias + ".directory_id";
  }
}
