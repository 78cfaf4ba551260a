package dev.gangway.identity;

import dev.gangway.identity.jpa.JpaUserRepository.GroupRef;
import java.util.List;

/** A user as read in one transaction: the entity, its multi-valued attributes and direct groups. */
public record UserSnapshot(User user, List<MultiValue> values, List<GroupRef> groups) {
  public UserSnapshot {
    values = values == null ? List.of() : values;
    groups = groups == null ? List.of() : groups;
  }
}
