package dev.gangway.identity.scim;

import dev.gangway.identity.jpa.FilterRepair;
import dev.gangway.platform.errors.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the filters IdPs really send into RFC 7644 grammar before they are parsed:
 *
 * <ul>
 *   <li>unquoted values ({@code externalId eq jyoung}, Entra's {@code id eq 54D3… and manager eq
 *       2819…}) are quoted;
 *   <li>a comparison after a value filter ({@code emails[type eq "work"].value eq "x"}, Entra)
 *       moves inside the brackets: {@code emails[type eq "work" and value eq "x"]}.
 * </ul>
 *
 * Quoted strings keep their content; non-ASCII characters in them are written in a form SCIMple's
 * parser passes through (see {@link #asciiEscaped}).
 *
 * <p>The filter is read once, left to right, into tokens (no regular expression: every step is
 * linear in the filter's length), and its length, nesting depth and number of comparisons are
 * checked against {@link ScimLimits} before anything else reads it.
 */
final class FilterDialect {
  private static final Set<String> OPS =
      Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

  private enum Kind {
    SPACE,
    WORD,
    QUOTED,
    OPEN,
    CLOSE,
    OPEN_BRACKET,
    CLOSE_BRACKET
  }

  private static final class Token {
    final Kind kind;
    String text;

    Token(Kind kind, String text) {
      this.kind = kind;
      this.text = text;
    }
  }

  private FilterDialect() {}

  static String normalize(String filter) {
    return normalize(filter, ScimLimits.get());
  }

  /**
   * The filter in RFC 7644 grammar.
   *
   * @throws DomainException {@code INVALID_FILTER} when the filter is longer, deeper or has more
   *     comparisons than the limits allow
   */
  static String normalize(String filter, ScimLimits limits) {
    if (filter == null) return null;
    if (filter.length() > limits.filterMaxLength()) {
      throw tooMuch(
          "a filter may be at most "
              + limits.filterMaxLength()
              + " characters long, this one has "
              + filter.length());
    }
    List<Token> tokens = tokens(filter, limits);
    quoteBareValues(tokens);
    List<Token> out = moveSubAttributeComparisons(tokens);
    StringBuilder b = new StringBuilder(filter.length() + 16);
    for (Token t : out) b.append(t.kind == Kind.QUOTED ? asciiEscaped(t.text) : t.text);
    return b.toString();
  }

  /** Splits the filter into tokens, checking nesting depth and number of comparisons as it goes. */
  private static List<Token> tokens(String s, ScimLimits limits) {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    int terms = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int start = i;
      if (space(c)) {
        while (i < n && space(s.charAt(i))) i++;
        tokens.add(new Token(Kind.SPACE, s.substring(start, i)));
      } else if (c == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') i += s.charAt(i) == '\\' ? 2 : 1;
        if (i < n) {
          i++;
          tokens.add(new Token(Kind.QUOTED, s.substring(start, i)));
        } else { // unterminated: passed on as written, the parser refuses it
          tokens.add(new Token(Kind.WORD, s.substring(start)));
          i = n;
        }
      } else if (c == '(' || c == '[') {
        if (++depth > limits.filterMaxDepth()) {
          throw tooMuch(
              "a filter may nest parentheses and brackets at most "
                  + limits.filterMaxDepth()
                  + " deep");
        }
        tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.OPEN_BRACKET, String.valueOf(c)));
        i++;
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
        tokens.add(new Token(c == ')' ? Kind.CLOSE : Kind.CLOSE_BRACKET, String.valueOf(c)));
        i++;
      } else {
        while (i < n && !space(s.charAt(i)) && "\"()[]".indexOf(s.charAt(i)) < 0) i++;
        String word = s.substring(start, i);
        if (word.length() == 2
            && (operator(word) || word.equalsIgnoreCase("pr"))
            && ++terms > limits.filterMaxTerms()) {
          throw tooMuch("a filter may hold at most " + limits.filterMaxTerms() + " comparisons");
        }
        tokens.add(new Token(Kind.WORD, word));
      }
    }
    return tokens;
  }

  /** {@code attr op value} with a value that is neither quoted nor a JSON literal: quote it. */
  private static void quoteBareValues(List<Token> t) {
    for (int i = 1; i + 2 < t.size(); i++) {
      if (t.get(i - 1).kind == Kind.SPACE
          && t.get(i).kind == Kind.WORD
          && operator(t.get(i).text)
          && t.get(i + 1).kind == Kind.SPACE
          && t.get(i + 2).kind == Kind.WORD) {
        Token value = t.get(i + 2);
        if (!literal(value.text)) t.set(i + 2, new Token(Kind.QUOTED, "\"" + value.text + "\""));
        i += 2;
      }
    }
  }

  /**
   * {@code attr[inner].sub op value} (or {@code .sub pr}) becomes {@code attr[inner and sub op
   * value]}.
   */
  private static List<Token> moveSubAttributeComparisons(List<Token> t) {
    List<Token> out = new ArrayList<>(t.size());
    int i = 0;
    while (i < t.size()) {
      Token tok = t.get(i);
      if (tok.kind == Kind.WORD
          && attributeName(tok.text)
          && i + 1 < t.size()
          && t.get(i + 1).kind == Kind.OPEN_BRACKET) {
        int close = i + 2;
        while (close < t.size()
            && t.get(close).kind != Kind.CLOSE_BRACKET
            && t.get(close).kind != Kind.OPEN_BRACKET) close++;
        Sub sub =
            close < t.size() && t.get(close).kind == Kind.CLOSE_BRACKET
                ? subComparison(t, close + 1)
                : null;
        if (sub != null) {
          for (int k = i; k < close; k++) out.add(t.get(k));
          out.add(new Token(Kind.SPACE, " "));
          out.add(new Token(Kind.WORD, "and " + sub.name() + " " + sub.op()));
          if (sub.value() != null) {
            out.add(new Token(Kind.SPACE, " "));
            out.add(sub.value());
          }
          out.add(new Token(Kind.CLOSE_BRACKET, "]"));
          i = sub.end();
          continue;
        }
        for (int k = i; k <= Math.min(close, t.size() - 1); k++) out.add(t.get(k));
        i = close + 1;
        continue;
      }
      out.add(tok);
      i++;
    }
    return out;
  }

  /**
   * A {@code .sub pr} or {@code .sub op value} after a value filter; {@code end} is the index after
   * it.
   */
  private record Sub(String name, String op, Token value, int end) {}

  private static Sub subComparison(List<Token> t, int at) {
    if (at + 2 >= t.size()) return null;
    Token sub = t.get(at);
    if (sub.kind != Kind.WORD
        || sub.text.length() < 2
        || sub.text.charAt(0) != '.'
        || !subName(sub.text.substring(1))) return null;
    if (t.get(at + 1).kind != Kind.SPACE || t.get(at + 2).kind != Kind.WORD) return null;
    String name = sub.text.substring(1);
    String op = t.get(at + 2).text;
    if (op.equalsIgnoreCase("pr")) return new Sub(name, op, null, at + 3);
    if (!operator(op)) return null;
    if (at + 4 < t.size()
        && t.get(at + 3).kind == Kind.SPACE
        && (t.get(at + 4).kind == Kind.WORD || t.get(at + 4).kind == Kind.QUOTED)) {
      return new Sub(name, op, t.get(at + 4), at + 5);
    }
    return null;
  }

  private static boolean operator(String word) {
    return word.length() == 2 && OPS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** {@code [A-Za-z][\w:.$-]*} */
  private static boolean attributeName(String w) {
    if (w.isEmpty() || !asciiLetter(w.charAt(0))) return false;
    for (int i = 1; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!word(c) && c != ':' && c != '.' && c != '$' && c != '-') return false;
    }
    return true;
  }

  /** {@code [A-Za-z$]\w*} */
  private static boolean subName(String w) {
    if (w.isEmpty() || !(asciiLetter(w.charAt(0)) || w.charAt(0) == '$')) return false;
    for (int i = 1; i < w.length(); i++) if (!word(w.charAt(i))) return false;
    return true;
  }

  private static boolean asciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean word(char c) {
    return asciiLetter(c) || c >= '0' && c <= '9' || c == '_';
  }

  /** true, false, null or a JSON number ({@code -?\d+(\.\d+)?([eE][-+]?\d+)?}). */
  static boolean literal(String w) {
    if (w.equalsIgnoreCase("true") || w.equalsIgnoreCase("false") || w.equalsIgnoreCase("null"))
      return true;
    int i = 0;
    int n = w.length();
    if (i < n && w.charAt(i) == '-') i++;
    int digits = i;
    while (i < n && Character.isDigit(w.charAt(i)) && w.charAt(i) < 128) i++;
    if (i == digits) return false;
    if (i < n && w.charAt(i) == '.') {
      int f = ++i;
      while (i < n && w.charAt(i) >= '0' && w.charAt(i) <= '9') i++;
      if (i == f) return false;
    }
    if (i < n && (w.charAt(i) == 'e' || w.charAt(i) == 'E')) {
      i++;
      if (i < n && (w.charAt(i) == '-' || w.charAt(i) == '+')) i++;
      int e = i;
      while (i < n && w.charAt(i) >= '0' && w.charAt(i) <= '9') i++;
      if (i == e) return false;
    }
    return i == n;
  }

  private static DomainException tooMuch(String message) {
    return new DomainException(DomainException.Kind.INVALID_FILTER, message);
  }

  /**
   * A quoted filter value with every non-ASCII character written as {@code {{U+XXXX}}}. SCIMple's
   * filter grammar accepts neither raw non-ASCII text ({@code userName eq "josé"}) nor {@code \\u}
   * escapes (its lexer fails on them and recovers into a wrong expression), so the characters
   * travel through its parser in this form; {@code FilterRepair} restores them wherever a compare
   * value is read.
   */
  static String asciiEscaped(String quoted) {
    StringBuilder b = new StringBuilder(quoted.length());
    quoted
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x7f) b.appendCodePoint(c);
              else b.append(FilterRepair.marker(c));
            });
    return b.toString();
  }
}
