package dev.gangway.platform.errors;

/**
 * A rule of the domain was not met. Its {@link Kind} is all an adapter needs to answer in its
 * protocol (SCIM error, problem+json); the message is safe to show to the caller.
 */
public class DomainException extends RuntimeException {
  /** What went wrong, independent of protocol. */
  public enum Kind {
    /** The input breaks a rule (400). */
    INVALID,
    /** The input names a field that does not exist or cannot be addressed (400). */
    INVALID_PATH,
    /** A query's filter cannot be parsed or names what cannot be filtered (400). */
    INVALID_FILTER,
    /** The input tries to change what cannot be changed (400). */
    MUTABILITY,
    /** The thing asked for does not exist for this caller (404). */
    NOT_FOUND,
    /** The change would make two things share what must be unique (409). */
    UNIQUENESS,
    /** The change conflicts with the current state (409). */
    CONFLICT,
    /** The caller's version is stale (412). */
    PRECONDITION_FAILED,
    /** More than a limit allows (413). */
    TOO_LARGE
  }

  private final Kind kind;

  public DomainException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static DomainException invalid(String message) {
    return new DomainException(Kind.INVALID, message);
  }

  public static DomainException notFound(String message) {
    return new DomainException(Kind.NOT_FOUND, message);
  }

  public static DomainException uniqueness(String message) {
    return new DomainException(Kind.UNIQUENESS, message);
  }
}
