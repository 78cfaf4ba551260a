/**
 * Technical foundations shared by every context: configuration, clock, start-up, the change cause,
 * HMAC, the embedded database's backup. Holds no business rules and knows no SCIM or access
 * concepts.
 */
package dev.gangway.platform;
