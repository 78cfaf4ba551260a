/**
 * Who may use the admin API and the dashboard: people signed in through the company's OpenID
 * Connect IdP, personal API tokens, the break-glass admin token, the roles each carries, and the
 * audit of signing in. Knows nothing of HTTP resources (admin enforces what this one decides) nor
 * of persistence ({@code signin.jpa}).
 */
package dev.gangway.signin;
