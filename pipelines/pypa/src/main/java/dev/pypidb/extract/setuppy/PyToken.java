package dev.pypidb.extract.setuppy;

/**
 * One token of Python source, as {@link PythonTokenizer} cuts it.
 *
 * @param text the source text of the token (a string literal with its prefix and quotes); for
 *     {@link Kind#ERROR}, the message saying what is wrong
 * @param line the 1-based line where the token starts
 */
record PyToken(Kind kind, String text, int line) {

  enum Kind {
    NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, END, ERROR
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return kind == Kind.OP && text.equals(t);
  }

  boolean isName(String t) {
    return kind == Kind.NAME && text.equals(t);
  }

  @Override
  public String toString() {
    return kind + "(" + text + ")@" + line;
  }
}
