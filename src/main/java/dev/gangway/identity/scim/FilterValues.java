package dev.gangway.identity.scim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The non-ASCII characters of filter values, carried through SCIMple's parser as markers. */
public final class FilterValues {
  private static final Pattern MARKER = Pattern.compile("\\{\\{U\\+([0-9A-F]{4,6})}}");

  private FilterValues() {}

  static String marker(int codePoint) { return String.format("{{U+%04X}}", codePoint); }

  /** A parsed compare value with its markers turned back into the characters the client sent. */
  public static Object decode(Object value) {
    if (!(value instanceof String s) || s.indexOf("{{U+") < 0) return value;
    Matcher m = MARKER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
    m.appendTail(out);
    return out.toString();
  }
}
