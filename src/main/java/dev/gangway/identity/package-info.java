/**
 * Users, groups and memberships of a directory, and the use cases that provision them. The
 * domain here knows no SCIMple type: the {@code scim} package translates the protocol, the
 * {@code jpa} package stores and queries.
 */
package dev.gangway.identity;
