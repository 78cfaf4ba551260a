/**
 * The audit log (append-only, hash-chained, verifiable) and each directory's sync status
 * (SCIM traffic, errors, health). Records what other contexts tell it; decides nothing for them.
 */
package dev.gangway.audit;
