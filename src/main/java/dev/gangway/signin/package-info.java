/**
 * Who may use the admin API and the dashboard: people signed in through the company's OpenID
 * Connect IdP, personal API tokens, the break-glass admin token, and the roles each carries.
 * Knows nothing of HTTP resources; the admin package enforces what this one decides.
 */
package dev.gangway.signin;
