/**
 * The audit log (append-only, MAC'd, sealed in hash-linked blocks, verifiable) and the SCIM traffic
 * counts of each directory. Records what other contexts tell it; decides nothing for them, uses no
 * EntityManager (its ports are implemented in {@code audit.jpa}) and reads no other context's
 * tables.
 */
package dev.gangway.audit;
