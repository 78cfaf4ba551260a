package dev.gangway.identity;

import java.util.List;

/**
 * Everything an IdP may set on a user: the whole writable state, as a create or a full replace
 * delivers it. {@code company} is Gangway's external-identity extension. {@code password} is clear text on the way in and is only ever stored hashed.
 */
public record UserProfile(
    String userName, String externalId, boolean active, String displayName, String nickName,
    String profileUrl, String title, String userType, String preferredLanguage, String locale,
    String timezone, PersonName name, Enterprise enterprise, String company, List<MultiValue> values,
    String password) {

  public UserProfile {
    name = name == null ? PersonName.empty() : name;
    enterprise = enterprise == null ? Enterprise.empty() : enterprise;
    values = values == null ? List.of() : List.copyOf(values);
  }
}
