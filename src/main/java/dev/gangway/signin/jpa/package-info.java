/**
 * Admin sessions and personal API tokens in the database (JPA and native SQL): the adapters behind
 * the repositories of {@code signin}. Holds no rules (expiry, idle time, roles are {@code
 * signin}'s).
 */
package dev.gangway.signin.jpa;
