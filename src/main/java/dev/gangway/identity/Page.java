package dev.gangway.identity;

import java.util.List;

/** One page of a query's matches, and how many there are in all. */
public record Page<T>(List<T> items, long total) {}
