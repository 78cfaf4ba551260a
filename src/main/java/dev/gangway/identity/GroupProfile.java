package dev.gangway.identity;

/** The writable state of a group apart from its members. */
public record GroupProfile(String displayName, String externalId) {}
