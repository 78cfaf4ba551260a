package dev.gangway.identity;

/**
 * Which resources a list request matches and in which order, in the form the query adapter
 * translates into SQL (a parsed SCIM filter and sort: {@code identity.jpa.FilterCriteria}). Use
 * cases pass it on unread, so the domain never sees the filter's syntax tree.
 */
public interface Criteria {}
