/**
 * Subscriptions, the outbox and the delivery queue in the database (JPA and native SQL): the
 * adapters behind the repositories of {@code webhook}. Holds no rules (which subscription wants
 * what, backoff).
 */
package dev.gangway.webhook.jpa;
