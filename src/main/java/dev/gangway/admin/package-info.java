/**
 * The admin REST API (JSON in and out, problem+json errors), the admin token and the sign-in pages.
 * Thin: it parses, calls a context's use case and shapes the answer; no business rules, no queries.
 */
package dev.gangway.admin;
