package dev.gangway.signin;

import java.util.Locale;

/**
 * A Gangway role, strongest first. {@code admin} may do everything; {@code auditor} reads status,
 * access, the audit log and exports and verifies the chain; {@code viewer} reads status and access,
 * no personal-data exports.
 */
public enum Role {
  ADMIN,
  AUDITOR,
  VIEWER;

  /** Whether a caller with this role may do what {@code needed} allows. */
  public boolean covers(Role needed) {
    return ordinal() <= needed.ordinal();
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code admin}, {@code auditor} or {@code viewer}, any case. */
  public static Role of(String key) {
    if (key != null) {
      for (Role r : values()) if (r.key().equalsIgnoreCase(key.strip())) return r;
    }
    throw new IllegalArgumentException("role must be one of admin, auditor, viewer");
  }

  /** The stronger of two roles. */
  public static Role strongest(Role a, Role b) {
    return a == null ? b : b == null ? a : a.covers(b) ? a : b;
  }
}
