/**
 * Outbound access events: the transactional outbox, subscriptions, CloudEvents 1.0 bodies signed
 * per Standard Webhooks, and the workers that deliver them in order. Knows no access rules, uses no
 * EntityManager ({@code webhook.jpa}) and reads no other context's tables (projects: {@code
 * ProjectKeys}).
 */
package dev.gangway.webhook;
