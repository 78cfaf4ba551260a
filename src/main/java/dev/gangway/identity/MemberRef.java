package dev.gangway.identity;

/** A member as shown in a group's {@code members} attribute. */
public record MemberRef(String id, MemberType type, String display) {}
