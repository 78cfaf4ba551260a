package dev.gangway.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Identity's published reads over users and groups a test sets up: what company and access see of
 * identity, without a database. A user's group names come from the groups it is a member of.
 */
public final class InMemoryIdentityQueries implements IdentityQueries {
  /** A user as the test sets it up. */
  public record Person(
      String id,
      long directoryId,
      String userName,
      boolean active,
      Map<TextAttribute, String> attributes,
      List<String> emails) {}

  public final Map<String, Person> users = new LinkedHashMap<>();
  public final Map<String, String> groupNames = new LinkedHashMap<>();
  public final Map<String, Set<String>> groupMembers = new LinkedHashMap<>();

  /** How often a user's facts were read (not handed over by the change that holds them). */
  public int factsReads;

  public Person putUser(
      String id,
      long directoryId,
      String userName,
      Map<TextAttribute, String> attributes,
      String... emails) {
    Person p = new Person(id, directoryId, userName, true, attributes, List.of(emails));
    users.put(id, p);
    return p;
  }

  public void setActive(String id, boolean active) {
    Person p = users.get(id);
    users.put(
        id, new Person(id, p.directoryId(), p.userName(), active, p.attributes(), p.emails()));
  }

  public void putGroup(String id, String displayName, String... members) {
    groupNames.put(id, displayName);
    groupMembers.put(id, new LinkedHashSet<>(List.of(members)));
  }

  /** The facts of a user as a change that holds the user hands them over. */
  public PersonFacts factsOf(String id) {
    Person p = users.get(id);
    List<String> groups =
        groupMembers.entrySet().stream()
            .filter(e -> e.getValue().contains(id))
            .map(e -> groupNames.get(e.getKey()))
            .toList();
    return new PersonFacts(
        id, p.directoryId(), p.userName(), p.active(), p.attributes(), p.emails(), groups);
  }

  @Override
  public Optional<UserSummary> user(String userId) {
    return Optional.ofNullable(users.get(userId))
        .map(p -> new UserSummary(p.id(), p.userName(), null, p.directoryId(), p.active()));
  }

  @Override
  public Optional<String> userName(String userId) {
    return Optional.ofNullable(users.get(userId)).map(Person::userName);
  }

  @Override
  public Map<String, String> userNames(Collection<String> userIds) {
    Map<String, String> names = new LinkedHashMap<>();
    userIds.forEach(id -> userName(id).ifPresent(n -> names.put(id, n)));
    return names;
  }

  @Override
  public Optional<PersonFacts> facts(String userId) {
    factsReads++;
    return users.containsKey(userId) ? Optional.of(factsOf(userId)) : Optional.empty();
  }

  @Override
  public List<String> usersWhere(TextAttribute attribute, String value) {
    return users.values().stream()
        .filter(
            p ->
                p.attributes().get(attribute) != null
                    && p.attributes().get(attribute).strip().equalsIgnoreCase(value.strip()))
        .map(Person::id)
        .toList();
  }

  @Override
  public Set<String> usersInDomain(String domain) {
    String suffix = "@" + domain.toLowerCase(Locale.ROOT);
    Set<String> ids = new LinkedHashSet<>();
    for (Person p : users.values()) {
      if (p.userName().toLowerCase(Locale.ROOT).endsWith(suffix)
          || p.emails().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).endsWith(suffix))) {
        ids.add(p.id());
      }
    }
    return ids;
  }

  @Override
  public List<String> userMembersOfGroupsLike(String likePattern) {
    Pattern like = Pattern.compile(likeToRegex(likePattern));
    Set<String> ids = new LinkedHashSet<>();
    groupNames.forEach(
        (id, name) -> {
          if (like.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            groupMembers.get(id).stream().filter(users::containsKey).forEach(ids::add);
          }
        });
    return new ArrayList<>(ids);
  }

  /** A SQL LIKE pattern with {@code \} escapes as a regular expression. */
  static String likeToRegex(String like) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length())
        re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      else if (c == '%') re.append(".*");
      else if (c == '_') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return re.toString();
  }

  @Override
  public List<String> userMemberIds(String groupId) {
    return groupMembers.getOrDefault(groupId, Set.of()).stream()
        .filter(users::containsKey)
        .toList();
  }

  @Override
  public Map<String, String> activeUserMembers(String groupId) {
    Map<String, String> active = new TreeMap<>();
    userMemberIds(groupId)
        .forEach(
            id -> {
              if (users.get(id).active()) active.put(id, users.get(id).userName());
            });
    return new LinkedHashMap<>(active);
  }

  @Override
  public Optional<String> groupName(String groupId) {
    return Optional.ofNullable(groupNames.get(groupId));
  }

  @Override
  public Optional<Long> lockGroup(String groupId) {
    return groupNames.containsKey(groupId) ? Optional.of(1L) : Optional.empty();
  }

  @Override
  public List<UserSummary> findUsers(String text, int limit) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return users.values().stream()
        .filter(
            p ->
                p.id().equals(text.strip())
                    || p.userName().toLowerCase(Locale.ROOT).startsWith(t)
                    || p.emails().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).startsWith(t)))
        .limit(limit)
        .map(p -> user(p.id()).orElseThrow())
        .toList();
  }

  @Override
  public List<GroupSummary> findGroups(List<Long> directoryIds, String text, int limit) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return groupNames.entrySet().stream()
        .filter(
            e ->
                e.getKey().equals(text.strip())
                    || e.getValue().toLowerCase(Locale.ROOT).startsWith(t))
        .limit(limit)
        .map(e -> new GroupSummary(e.getKey(), e.getValue(), 1L))
        .toList();
  }
}
