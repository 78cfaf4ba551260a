package dev.gangway.identity;

import java.util.List;
import java.util.Map;

/** Users' multi-valued attributes and direct groups, by user id, as one read of them gives them. */
public record Details(Map<String, List<MultiValue>> values, Map<String, List<GroupRef>> groups) {}
