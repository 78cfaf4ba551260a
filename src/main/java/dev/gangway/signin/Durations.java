package dev.gangway.signin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them: {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}, or
 * ISO-8601 {@code PT30M}.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd])");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank())
      throw new IllegalArgumentException("a duration is required, e.g. 90d, 12h, 30m");
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 90d, 12h, 30m, 45s or PT30M");
    }
  }
}
