package dev.gangway.admin;

import dev.gangway.signin.Role;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;

/**
 * Which role an admin API call needs. Default-deny for writes: a method's {@link MinimumRole}
 * decides; without one, GET and HEAD need {@code auditor} (who reads everything) and every other
 * method needs {@code admin}. {@code viewer} reaches only the methods marked for it.
 */
final class RolePolicy {
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private RolePolicy() {}

  static Role needed(String httpMethod, Method resourceMethod) {
    MinimumRole marked =
        resourceMethod == null ? null : resourceMethod.getAnnotation(MinimumRole.class);
    if (marked != null) return marked.value();
    return READS.contains(httpMethod.toUpperCase(Locale.ROOT)) ? Role.AUDITOR : Role.ADMIN;
  }

  static boolean isRead(String httpMethod) {
    return READS.contains(httpMethod.toUpperCase(Locale.ROOT));
  }
}
