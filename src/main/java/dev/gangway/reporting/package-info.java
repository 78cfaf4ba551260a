/**
 * Reporting: every read that crosses contexts' tables — a directory's sync status and the compliance
 * exports (access now or at a past instant, access changes, users, deprovisioning evidence) streamed a
 * batch at a time as CSV or JSON Lines. No other context queries another's tables. Writes nothing but
 * the audit record of an export; knows no HTTP (admin streams what it builds).
 */
package dev.gangway.reporting;
