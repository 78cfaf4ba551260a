/**
 * The SCIM boundary of the identity context: SCIMple's repositories, request and response
 * handling, the IdP dialects (Okta, Entra) and SCIM error bodies. SCIMple types stop here.
 */
package dev.gangway.identity.scim;
