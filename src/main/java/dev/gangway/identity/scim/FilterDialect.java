package dev.gangway.identity.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the filters IdPs really send into RFC 7644 grammar before they are parsed:
 * <ul>
 *   <li>unquoted values ({@code externalId eq jyoung}, Entra's {@code id eq 54D3… and manager eq
 *       2819…}) are quoted;</li>
 *   <li>a comparison after a value filter ({@code emails[type eq "work"].value eq "x"}, Entra)
 *       moves inside the brackets: {@code emails[type eq "work" and value eq "x"]}.</li>
 * </ul>
 * Quoted strings keep their content; non-ASCII characters in them are written in a form
 * SCIMple's parser passes through (see {@link #asciiEscaped}).
 */
final class FilterDialect {
  private static final String OPS = "eq|ne|co|sw|ew|gt|ge|lt|le";
  private static final Pattern BARE_VALUE = Pattern.compile(
      "(?i)(\\s(?:" + OPS + ")\\s+)([^\\s()\\[\\]\"\\u0000]+)");
  private static final Pattern LITERAL = Pattern.compile(
      "(?i)true|false|null|-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|\\u0000\\d+\\u0000");
  private static final Pattern SUB_AFTER_FILTER = Pattern.compile(
      "(?i)([A-Za-z][\\w:.$-]*)\\[([^\\]]*)\\]\\.([A-Za-z$][\\w]*)\\s+(?:(pr)\\b|(" + OPS + ")\\s+([^\\s()\\[\\]]+))");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  private FilterDialect() {}

  static String normalize(String filter) {
    if (filter == null) return null;
    List<String> strings = new ArrayList<>();
    Matcher q = QUOTED.matcher(filter);
    StringBuilder masked = new StringBuilder();
    while (q.find()) {
      strings.add(q.group());
      q.appendReplacement(masked, Matcher.quoteReplacement("\u0000" + (strings.size() - 1) + "\u0000"));
    }
    q.appendTail(masked);

    String s = replace(BARE_VALUE, masked.toString(), m -> LITERAL.matcher(m.group(2)).matches()
        ? m.group() : m.group(1) + "\"" + m.group(2) + "\"");
    s = replace(SUB_AFTER_FILTER, s, m -> m.group(1) + "[" + m.group(2) + " and " + m.group(3) + " "
        + (m.group(4) != null ? "pr" : m.group(5) + " " + m.group(6)) + "]");

    Matcher back = Pattern.compile("\\u0000(\\d+)\\u0000").matcher(s);
    StringBuilder out = new StringBuilder();
    while (back.find()) {
      back.appendReplacement(out, Matcher.quoteReplacement(asciiEscaped(strings.get(Integer.parseInt(back.group(1))))));
    }
    back.appendTail(out);
    return out.toString();
  }

  /**
   * A quoted filter value with every non-ASCII character written as {@code {{U+XXXX}}}. SCIMple's
   * filter grammar accepts neither raw non-ASCII text ({@code userName eq "josé"}) nor
   * {@code \\u} escapes (its lexer fails on them and recovers into a wrong expression), so the
   * characters travel through its parser in this form; {@code FilterRepair} restores them
   * wherever a compare value is read.
   */
  static String asciiEscaped(String quoted) {
    StringBuilder b = new StringBuilder(quoted.length());
    quoted.codePoints().forEach(c -> {
      if (c < 0x7f) b.appendCodePoint(c);
      else b.append(dev.gangway.identity.jpa.FilterRepair.marker(c));
    });
    return b.toString();
  }

  private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
    m.appendTail(out);
    return out.toString();
  }
}
