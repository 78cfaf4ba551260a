/**
 * Projects, roles, licence pools, bindings and effective access — kept current in the transaction
 * of every change, recorded as access events, guarded against mass revocation — and their ports
 * ({@code AccessRepository}, {@code GuardCounts}). Knows no JPA query, REST or SCIM type; learns of
 * users, groups and companies only through their contexts' published interfaces.
 */
package dev.gangway.access;
