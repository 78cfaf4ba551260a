/**
 * External companies, the rules that decide which company a user belongs to, and the company
 * group those rules derive. Reads identity's users and groups; knows nothing of projects or SCIM.
 */
package dev.gangway.company;
