package dev.pypidb.pypa.parsing;

/**
 * A dependency specifier or marker that does not parse. The message has packaging's shape:
 * what was expected, the source, and a caret line pointing at the span.
 */
public final class ParserSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String source;
  private final int spanStart;
  private final int spanEnd;

  public ParserSyntaxException(String reason, String source, int spanStart, int spanEnd) {
    super(format(reason, source, spanStart, spanEnd));
    this.reason = reason;
    this.source = source;
    this.spanStart = spanStart;
    this.spanEnd = spanEnd;
  }

  private static String format(String reason, String source, int start, int end) {
    return reason + "\n    " + source + "\n    " + " ".repeat(start) + "~".repeat(Math.max(0, end - start)) + "^";
  }

  /** What was wrong, without the source lines. */
  public String reason() {
    return reason;
  }

  public String source() {
    return source;
  }

  public int spanStart() {
    return spanStart;
  }

  public int spanEnd() {
    return spanEnd;
  }
}
