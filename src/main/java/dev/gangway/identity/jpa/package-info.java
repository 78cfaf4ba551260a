/**
 * Identity's ports in JPA — users, groups, memberships, the published queries, SCIM filters turned
 * into JPQL through an allow-list — and {@code IdentityJoins}, the only way other contexts'
 * adapters join identity's tables. Knows no other context's tables and no REST or SCIM resource.
 */
package dev.gangway.identity.jpa;
