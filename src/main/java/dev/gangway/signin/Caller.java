package dev.gangway.signin;

/**
 * Who calls the admin API, and how they signed in. {@code actor} is what the audit log names (at
 * most 128 characters); {@code how} adds the way in (OIDC subject, token id, break-glass). No
 * secret is part of it.
 */
public record Caller(
    Kind kind,
    Role role,
    String actor,
    String how,
    String subject,
    String email,
    String name,
    Long tokenId,
    String sessionHash) {
  public enum Kind {
    PERSON,
    PERSONAL_TOKEN,
    BREAK_GLASS
  }

  public Caller {
    if (actor.length() > 128) actor = actor.substring(0, 128);
  }

  /** The static admin token: still "admin" in the audit log, marked as break-glass. */
  public static Caller breakGlass() {
    return new Caller(
        Kind.BREAK_GLASS,
        Role.ADMIN,
        "admin",
        "break-glass admin token",
        null,
        null,
        null,
        null,
        null);
  }

  public static Caller person(AdminSession s) {
    String who = s.email() != null ? s.email() : s.subject();
    return new Caller(
        Kind.PERSON,
        s.role(),
        "person " + who,
        "OpenID Connect sign-in, subject "
            + s.subject()
            + (s.email() == null ? "" : ", email " + s.email())
            + ", role "
            + s.role().key(),
        s.subject(),
        s.email(),
        s.displayName(),
        null,
        s.idHash());
  }

  public static Caller token(PersonalToken t) {
    return new Caller(
        Kind.PERSONAL_TOKEN,
        t.role(),
        "token " + t.name() + " (" + t.id() + ")",
        "personal API token "
            + t.id()
            + ", role "
            + t.role().key()
            + ", created by "
            + t.createdBy(),
        null,
        null,
        t.name(),
        t.id(),
        null);
  }
}
