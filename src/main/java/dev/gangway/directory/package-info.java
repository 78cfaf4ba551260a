/**
 * Directories: one IdP connection each, with its bearer token (kept only as a hash) and its own
 * namespace of users and groups. Authenticates SCIM callers; knows nothing of SCIM resources.
 */
package dev.gangway.directory;
