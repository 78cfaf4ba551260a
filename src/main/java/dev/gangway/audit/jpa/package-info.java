/**
 * The audit log, its blocks and the SCIM traffic counts in the database (JPA and native SQL):
 * adapters behind the ports of {@code audit}. Holds no rules (chain, seals, pruning are {@code
 * audit}'s).
 */
package dev.gangway.audit.jpa;
