package dev.pypidb.pypa.text;

/**
 * Python string semantics the standards need to reproduce exactly: what {@code str.isspace()},
 * {@code str.strip()}, regex {@code \w} and {@code repr()} do. Python's definitions are
 * Unicode-wide, Java's defaults are ASCII-only, and real metadata contains both.
 */
public final class PyText {
  private PyText() {}

  /** {@code str.isspace()} for one code point (also what regex {@code \s} matches). */
  public static boolean isWhitespace(int c) {
    if (c <= 0x20) {
      return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    }
    switch (c) {
      case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200a;
    }
  }

  /** {@code str.strip()}. Returns the same instance when there is nothing to strip. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Regex {@code \w} in a Python str pattern: Unicode alphanumerics and underscore. */
  public static boolean isWordChar(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Regex {@code \b} at {@code pos} of {@code s} (Unicode word characters). */
  public static boolean isWordBoundary(CharSequence s, int pos) {
    boolean before = pos > 0 && isWordChar(Character.codePointBefore(s, pos));
    boolean after = pos < s.length() && isWordChar(Character.codePointAt(s, pos));
    return before != after;
  }

  /** ASCII {@code [0-9]}. */
  public static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** ASCII letter or digit, the {@code [a-z0-9]} of IGNORECASE patterns in ASCII mode. */
  public static boolean isAsciiAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** ASCII lower case of one char; other chars unchanged. */
  public static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Whether {@code s} has {@code word} at {@code pos}, ASCII case-insensitively. */
  public static boolean regionMatchesIgnoreCase(String s, int pos, String word) {
    int n = word.length();
    if (pos + n > s.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (asciiLower(s.charAt(pos + i)) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Compares by Unicode code point, as Python compares str (Java compares UTF-16 units). */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Python's {@code repr()} of a str, for error messages that name the offending input. */
  public static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == quote || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else if (c >= 0x80 && !isPrintable(c)) {
        if (c <= 0xff) {
          out.append(String.format("\\x%02x", c));
        } else if (c <= 0xffff) {
          out.append(String.format("\\u%04x", c));
        } else {
          out.append(String.format("\\U%08x", c));
        }
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.append(quote).toString();
  }

  /** {@code str.isprintable()} for a non-ASCII code point (approximated by Unicode category). */
  private static boolean isPrintable(int c) {
    if (c == 0x20) {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
