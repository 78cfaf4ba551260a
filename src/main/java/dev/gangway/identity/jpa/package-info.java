/**
 * Storage of users, groups and memberships, and the translation of SCIM filters into JPQL
 * through an allow-list of attributes, each bound to an indexed or at least a real column.
 */
package dev.gangway.identity.jpa;
