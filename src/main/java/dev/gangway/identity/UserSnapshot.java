package dev.gangway.identity;

import java.util.List;

/** A user as read in one transaction: the entity, its multi-valued attributes and direct groups. */
public record UserSnapshot(User user, List<MultiValue> values, List<GroupRef> groups) {
  public UserSnapshot {
    values = values == null ? List.of() : values;
    groups = groups == null ? List.of() : groups;
  }

  /** The user's writable state as a profile. */
  public UserProfile profile() {
    User u = user;
    return new UserProfile(
        u.userName().value(),
        u.externalId(),
        u.active(),
        u.displayName(),
        u.nickName(),
        u.profileUrl(),
        u.title(),
        u.userType(),
        u.preferredLanguage(),
        u.locale(),
        u.timezone(),
        u.name(),
        u.enterprise(),
        u.company(),
        values);
  }
}
