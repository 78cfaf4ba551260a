/**
 * The one domain error type (kind + message) that every context throws and the adapters translate
 * into SCIM errors or problem+json. Knows no HTTP, SCIM or context.
 */
package dev.gangway.platform.errors;
