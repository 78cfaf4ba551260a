/**
 * The reporting queries in native SQL over every context's tables (read only, keyset-paged). Holds
 * no rules: which rows mean what is decided in {@code reporting}.
 */
package dev.gangway.reporting.jpa;
