/**
 * HTTP plumbing shared by the SCIM and admin APIs: bearer tokens, the one SCIM/problem+json error
 * writer, unmapped paths. Knows no context's rules.
 */
package dev.gangway.platform.web;
