/**
 * Storage of projects, roles, pools, bindings, grants and access events in JPA, and the guard's
 * counts. Reads users, groups and companies through their published queries (joining identity's
 * tables only through {@code identity.jpa.IdentityJoins}); knows nothing of SCIM or REST.
 */
package dev.gangway.access.jpa;
