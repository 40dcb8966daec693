package dev.pypidb.extract.setuppy;

/** Decodes the body of a Python string literal: its backslash escapes, for text or bytes. */
final class StringLiterals {
  private StringLiterals() {}

  /** Thrown for an escape Python refuses to compile. */
  static final class BadEscape extends Exception {
    BadEscape(String message) {
      super(message, null, false, false);
    }
  }

  /** The prefix letters of a literal token, lowercased. */
  static String prefix(String token) {
    int i = 0;
    while (i < token.length() && token.charAt(i) != '\'' && token.charAt(i) != '"') {
      i++;
    }
    return token.substring(0, i).toLowerCase();
  }

  /** The text between the quotes of a literal token. */
  static String body(String token) {
    int i = prefix(token).length();
    char q = token.charAt(i);
    int quote = token.startsWith("" + q + q + q, i) && token.length() - i >= 6 ? 3 : 1;
    return token.substring(i + quote, token.length() - quote);
  }

  /** Processes escapes in {@code body}; {@code bytes}: no {@code \\u}, {@code \\U}, {@code \\N}. */
  static String unescape(String body, boolean bytes) throws BadEscape {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        i++;
        continue;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\n' -> { }
        case '\r' -> {
          if (i < body.length() && body.charAt(i) == '\n') {
            i++;
          }
        }
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int v = e - '0';
          for (int k = 0; k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
            v = v * 8 + body.charAt(i++) - '0';
          }
          out.append((char) (bytes ? v & 0xff : v));
        }
        case 'x' -> {
          out.append((char) hex(body, i, 2, "\\xXX"));
          i += 2;
        }
        case 'u', 'U' -> {
          if (bytes) {
            out.append('\\').append(e);
          } else {
            int n = e == 'u' ? 4 : 8;
            int cp = hex(body, i, n, e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX");
            if (!Character.isValidCodePoint(cp)) {
              throw new BadEscape("(unicode error) illegal Unicode character");
            }
            out.appendCodePoint(cp);
            i += n;
          }
        }
        case 'N' -> {
          int close = body.indexOf('}', i);
          if (bytes || i >= body.length() || body.charAt(i) != '{' || close < 0) {
            if (bytes) {
              out.append("\\N");
              break;
            }
            throw new BadEscape("(unicode error) malformed \\N character escape");
          }
          try {
            out.appendCodePoint(Character.codePointOf(body.substring(i + 1, close)));
          } catch (IllegalArgumentException ex) {
            throw new BadEscape("(unicode error) unknown Unicode character name");
          }
          i = close + 1;
        }
        default -> out.append('\\').append(e);
      }
    }
    return out.toString();
  }

  private static int hex(String body, int at, int n, String form) throws BadEscape {
    if (at + n > body.length()) {
      throw new BadEscape("(unicode error) truncated " + form + " escape");
    }
    int v = 0;
    for (int k = 0; k < n; k++) {
      int d = Character.digit(body.charAt(at + k), 16);
      if (d < 0) {
        throw new BadEscape("(unicode error) truncated " + form + " escape");
      }
      v = v * 16 + d;
    }
    return v;
  }
}
