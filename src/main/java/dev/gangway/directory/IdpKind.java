package dev.gangway.directory;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which identity provider sits behind a directory; decides nothing but is shown to admins. */
public enum IdpKind {
  OKTA,
  ENTRA,
  GENERIC;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IdpKind of(String key) {
    for (IdpKind k : values()) {
      if (k.key().equalsIgnoreCase(key == null ? "" : key.strip())) return k;
    }
    throw new IllegalArgumentException("idp must be one of " + accepted() + ", not '" + key + "'");
  }

  public static String accepted() {
    return Arrays.stream(values()).map(IdpKind::key).collect(Collectors.joining(", "));
  }
}
