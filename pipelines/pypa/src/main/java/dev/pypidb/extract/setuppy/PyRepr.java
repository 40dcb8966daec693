package dev.pypidb.extract.setuppy;

/** Python's {@code repr()} quoting of text. */
final class PyRepr {
  private PyRepr() {}

  /**
   * Python 3's {@code str.isprintable()} for one char: not a control, format, surrogate,
   * private-use, unassigned or separator character (the space excepted).
   */
  static boolean printable(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> c == ' ';
      default -> true;
    };
  }

  /** Python 2's repr of a byte string: every byte over 0x7e escaped. */
  static String quoteBytes(String s) {
    StringBuilder plain = new StringBuilder();
    for (char c : s.toCharArray()) {
      plain.append(c);
    }
    String q = quote(plain.toString());
    StringBuilder out = new StringBuilder();
    for (char c : q.toCharArray()) {
      out.append(c >= 0x80 && c < 0x100 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  /** {@code repr(s)} for a str: single quotes unless the text has one and no double quote. */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(q);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == q) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f || c >= 0x80 && !printable(c)) {
            out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append(q).toString();
  }
}
