package dev.gangway.identity;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Locale;

/**
 * A userName as the IdP sent it, and its case-folded key: uniqueness and lookups use the key,
 * answers echo the original.
 */
@Embeddable
public class UserName {
  public static final int MAX_LENGTH = 255;

  @Column(name = "user_name", nullable = false)
  private String original;

  @Column(name = "user_name_key", nullable = false)
  private String folded;

  protected UserName() {}

  private UserName(String value) {
    this.original = value;
    this.folded = keyOf(value);
  }

  public static UserName of(String value) {
    if (value == null || value.isBlank()) throw DomainException.invalid("userName is required");
    if (value.length() > MAX_LENGTH) {
      throw DomainException.invalid("userName is longer than " + MAX_LENGTH + " characters");
    }
    return new UserName(value);
  }

  /** The case-insensitive key of any text: lower case in the root locale. */
  public static String keyOf(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  public String value() {
    return original;
  }

  public String key() {
    return folded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserName u && folded.equals(u.folded);
  }

  @Override
  public int hashCode() {
    return folded.hashCode();
  }

  @Override
  public String toString() {
    return original;
  }
}
