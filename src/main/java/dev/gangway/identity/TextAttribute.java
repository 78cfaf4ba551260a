package dev.gangway.identity;

import java.util.function.Function;

/**
 * The single-valued text attributes of a user that other contexts may ask about (company's mapping
 * rules do).
 */
public enum TextAttribute {
  USER_TYPE(User::userType),
  TITLE(User::title),
  DISPLAY_NAME(User::displayName),
  ORGANIZATION(u -> u.enterprise().organization()),
  DIVISION(u -> u.enterprise().division()),
  DEPARTMENT(u -> u.enterprise().department()),
  COST_CENTER(u -> u.enterprise().costCenter()),
  COMPANY(User::company);

  private final Function<User, String> read;

  TextAttribute(Function<User, String> read) {
    this.read = read;
  }

  /** The attribute's value on a user, or null. */
  public String of(User user) {
    return read.apply(user);
  }
}
