package dev.gangway.admin;

import dev.gangway.signin.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The weakest role that may call one admin API method, when it differs from the default of {@link
 * RolePolicy}: reads (GET, HEAD) need {@code auditor}, everything else needs {@code admin}. Only a
 * resource method's own annotation counts (never its class's), so a new write is admin-only until
 * someone decides otherwise on that very method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MinimumRole {
  Role value();
}
