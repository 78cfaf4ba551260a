package dev.gangway.identity;

import java.util.List;

/** A group as read in one transaction; {@code members} is null when they were not asked for. */
public record GroupSnapshot(Group group, List<MemberRef> members) {}
