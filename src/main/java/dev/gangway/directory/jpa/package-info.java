/**
 * Directories in the database (JPA): the adapter behind {@code directory.DirectoryRepository}.
 * Holds no rules; knows nothing of SCIM, audit or access.
 */
package dev.gangway.directory.jpa;
