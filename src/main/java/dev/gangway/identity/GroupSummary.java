package dev.gangway.identity;

/** An IdP group as other contexts and the admin API list it. */
public record GroupSummary(String id, String displayName, long directoryId) {
  public static GroupSummary of(Group g) {
    return new GroupSummary(g.id(), g.displayName(), g.directoryId());
  }
}
