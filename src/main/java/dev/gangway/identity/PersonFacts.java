package dev.gangway.identity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What another context may know of a user to decide something about it: its text attributes (those
 * present), its email addresses and the names of its direct groups.
 */
public record PersonFacts(
    String userId,
    long directoryId,
    String userName,
    boolean active,
    Map<TextAttribute, String> attributes,
    List<String> emails,
    List<String> groupNames) {
  public PersonFacts {
    attributes = attributes.isEmpty() ? Map.of() : new EnumMap<>(attributes);
    emails = List.copyOf(emails);
    groupNames = List.copyOf(groupNames);
  }

  /** The facts of a user whose state a change already holds: nothing to read. */
  public static PersonFacts of(UserSnapshot s) {
    User u = s.user();
    Map<TextAttribute, String> attributes = new EnumMap<>(TextAttribute.class);
    for (TextAttribute a : TextAttribute.values()) if (a.of(u) != null) attributes.put(a, a.of(u));
    List<String> emails =
        s.values().stream()
            .filter(v -> "emails".equals(v.attribute()) && v.value() != null)
            .map(MultiValue::value)
            .toList();
    return new PersonFacts(
        u.id(),
        u.directoryId(),
        u.userName().value(),
        u.active(),
        attributes,
        emails,
        s.groups().stream().map(GroupRef::displayName).toList());
  }
}
