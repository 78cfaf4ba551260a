/**
 * Compliance exports — access now or at a past instant, access changes, users, deprovisioning
 * evidence — streamed a batch of rows at a time as CSV or JSON Lines; memory stays flat.
 */
package dev.gangway.export;
