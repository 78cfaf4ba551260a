package dev.gangway.identity;

/**
 * A list request: what matches and in which order ({@code criteria}; null matches every resource in
 * creation order), and a window of matches ({@code offset} from 0; {@code limit} 0 asks only for
 * the count).
 */
public record ResourceQuery(Criteria criteria, int offset, int limit) {}
