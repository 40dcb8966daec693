package dev.pypidb.pypa.text;

/**
 * {@code ast.literal_eval} of one quoted Python string token ({@code 'x'} or {@code "x"}), as
 * packaging applies it to marker values: backslash escapes are decoded, a raw line break or a
 * NUL byte is an error, and so is a malformed escape.
 */
public final class PyStringLiteral {
  private PyStringLiteral() {}

  /** Thrown where Python raises SyntaxError or ValueError. */
  public static final class InvalidLiteralException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidLiteralException(String message) {
      super(message);
    }
  }

  /** Evaluates {@code token}, which includes its quotes. */
  public static String evaluate(String token) {
    if (token.indexOf('\0') >= 0) {
      throw new InvalidLiteralException("source code string cannot contain null bytes");
    }
    char quote = token.charAt(0);
    int end = token.length() - 1;
    if (token.indexOf('\\') < 0) {
      String body = token.substring(1, end);
      if (body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0) {
        throw unterminated();
      }
      return body;
    }
    StringBuilder out = new StringBuilder(end);
    int i = 1;
    while (i < end) {
      char c = token.charAt(i);
      if (c == '\n' || c == '\r') {
        throw unterminated();
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= end) {
        // The backslash escapes the closing quote: the literal never ends.
        throw unterminated();
      }
      i = escape(token, i + 1, end, out);
    }
    if (token.charAt(end) != quote) {
      throw unterminated();
    }
    return out.toString();
  }

  /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
  private static int escape(String t, int i, int end, StringBuilder out) {
    char e = t.charAt(i);
    switch (e) {
      case '\n':
        return i + 1;
      case '\r':
        return i + 1 < end && t.charAt(i + 1) == '\n' ? i + 2 : i + 1;
      case '\\', '\'', '"':
        out.append(e);
        return i + 1;
      case 'a':
        out.append('\u0007');
        return i + 1;
      case 'b':
        out.append('\b');
        return i + 1;
      case 'f':
        out.append('\f');
        return i + 1;
      case 'n':
        out.append('\n');
        return i + 1;
      case 'r':
        out.append('\r');
        return i + 1;
      case 't':
        out.append('\t');
        return i + 1;
      case 'v':
        out.append('\u000b');
        return i + 1;
      case 'x':
        return hex(t, i - 1, i + 1, end, 2, "truncated \\xXX escape", out);
      case 'u':
        return hex(t, i - 1, i + 1, end, 4, "truncated \\uXXXX escape", out);
      case 'U':
        return hex(t, i - 1, i + 1, end, 8, "truncated \\UXXXXXXXX escape", out);
      case 'N':
        return named(t, i - 1, i + 1, end, out);
      default:
        if (e >= '0' && e <= '7') {
          int j = i;
          int value = 0;
          while (j < end && j < i + 3 && t.charAt(j) >= '0' && t.charAt(j) <= '7') {
            value = value * 8 + (t.charAt(j) - '0');
            j++;
          }
          out.appendCodePoint(value);
          return j;
        }
        // Unknown escapes keep their backslash (with a DeprecationWarning in Python).
        out.append('\\').append(e);
        return i + 1;
    }
  }

  private static int hex(String t, int backslash, int i, int end, int digits, String error, StringBuilder out) {
    int value = 0;
    for (int j = i; j < i + digits; j++) {
      int d = j < end && t.charAt(j) <= 0x7f ? Character.digit(t.charAt(j), 16) : -1;
      if (d < 0) {
        throw unicodeError(t, backslash, j - 1, error);
      }
      value = value * 16 + d;
    }
    if (value > 0x10ffff) {
      throw unicodeError(t, backslash, i + digits - 1, "illegal Unicode character");
    }
    out.appendCodePoint(value);
    return i + digits;
  }

  private static int named(String t, int backslash, int i, int end, StringBuilder out) {
    if (i >= end || t.charAt(i) != '{') {
      throw unicodeError(t, backslash, i - 1, "malformed \\N character escape");
    }
    int close = t.indexOf('}', i);
    if (close < 0 || close >= end) {
      throw unicodeError(t, backslash, end - 1, "malformed \\N character escape");
    }
    try {
      out.appendCodePoint(Character.codePointOf(t.substring(i + 1, close)));
    } catch (IllegalArgumentException e) {
      throw unicodeError(t, backslash, close, "unknown Unicode character name");
    }
    return close + 1;
  }

  /** Python's SyntaxError text for a literal parsed from a string source. */
  private static InvalidLiteralException unterminated() {
    return new InvalidLiteralException("unterminated string literal (detected at line 1) (<unknown>, line 1)");
  }

  /**
   * The unicode-escape codec's error, naming the escape's byte range within the literal's
   * content ({@code from} is the backslash, {@code to} the last character looked at).
   */
  private static InvalidLiteralException unicodeError(String t, int from, int to, String what) {
    int start = utf8Length(t, 1, from);
    int end = start + utf8Length(t, from, to + 1) - 1;
    return new InvalidLiteralException("(unicode error) 'unicodeescape' codec can't decode bytes in position "
        + start + "-" + end + ": " + what + " (<unknown>, line 1)");
  }

  private static int utf8Length(String s, int from, int to) {
    return s.substring(from, Math.min(to, s.length())).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
