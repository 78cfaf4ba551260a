/**
 * Directories: one IdP connection each, with its bearer token (kept only as a hash) and its own
 * namespace of users and groups. Authenticates SCIM callers; knows nothing of SCIM resources, nor
 * of the audit log (its changes are {@code DirectoryChanged} events), nor of persistence ({@code
 * directory.jpa}).
 */
package dev.gangway.directory;
