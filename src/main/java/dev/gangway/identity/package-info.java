/**
 * Users, groups and memberships of a directory, the use cases that provision them, their ports
 * ({@code UserRepository}, {@code GroupRepository}) and the reads published to other contexts
 * ({@code IdentityQueries}). Knows no JPA query, no REST or SCIM resource and no other context but
 * the directory it is scoped by, and no SCIMple type: a list query's filter passes through as
 * opaque {@code Criteria} from the SCIM adapter to {@code jpa}.
 */
package dev.gangway.identity;
