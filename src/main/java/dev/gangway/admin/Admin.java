package dev.gangway.admin;

import dev.gangway.platform.errors.DomainException;

/** Small checks every admin resource shares. */
final class Admin {
  static final int MAX_LIMIT = 1000;

  private Admin() {}

  /** A body is required; says which shape. */
  static void require(Object body, String shape) {
    if (body == null) throw DomainException.invalid("a JSON body " + shape + " is required");
  }

  static int limit(int asked) {
    if (asked < 0) throw DomainException.invalid("limit cannot be negative");
    return Math.min(asked, MAX_LIMIT);
  }
}
