/**
 * Running a node: metrics, the SCIM rate limit, graceful stop and drain, health of the database,
 * log hygiene. Knows no context's rules or tables.
 */
package dev.gangway.platform.ops;
