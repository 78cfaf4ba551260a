package dev.gangway.identity;

/** A group a user belongs to, as shown in the user's {@code groups} attribute. */
public record GroupRef(String id, String displayName) {}
