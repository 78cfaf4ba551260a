/**
 * The admin REST API (JSON in and out, problem+json errors) and the admin token. Thin: it
 * parses, calls a context's use case and shapes the answer; it holds no business rules.
 */
package dev.gangway.admin;
