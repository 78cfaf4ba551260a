/**
 * Technical foundations shared by every context: configuration, clock, persistence set-up,
 * JSON, HTTP error shapes. Holds no business rules and knows no SCIM or access concepts.
 */
package dev.gangway.platform;
