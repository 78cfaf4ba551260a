package dev.gangway.identity;

/** A user as other contexts and the admin API list it: who, of which directory, active or not. */
public record UserSummary(
    String id, String userName, String displayName, long directoryId, boolean active) {
  public static UserSummary of(User u) {
    return new UserSummary(
        u.id(), u.userName().value(), u.displayName(), u.directoryId(), u.active());
  }
}
