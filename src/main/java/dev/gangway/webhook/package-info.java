/**
 * Outbound access events: the transactional outbox, subscriptions, CloudEvents 1.0 bodies signed
 * per Standard Webhooks, and the workers that deliver them in order. Knows no access rules.
 */
package dev.gangway.webhook;
