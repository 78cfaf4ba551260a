/**
 * Reporting owns every read that crosses contexts' tables: a directory's sync status and the
 * compliance exports (CSV or JSON Lines, a batch at a time); no other context queries another's
 * tables. Writes nothing but an export's audit record; knows no HTTP (admin streams what it
 * builds).
 */
package dev.gangway.reporting;
