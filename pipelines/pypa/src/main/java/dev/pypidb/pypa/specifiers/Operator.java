package dev.pypidb.pypa.specifiers;

/** The PEP 440 comparison operators. */
public enum Operator {
  COMPATIBLE("~="),
  EQUAL("=="),
  NOT_EQUAL("!="),
  LESS_EQUAL("<="),
  GREATER_EQUAL(">="),
  LESS("<"),
  GREATER(">"),
  ARBITRARY("===");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The operator a specifier string starts with (after leading whitespace is removed). */
  static Operator prefixOf(String spec) {
    if (spec.startsWith("===")) {
      return ARBITRARY;
    }
    for (Operator op : new Operator[] {COMPATIBLE, EQUAL, NOT_EQUAL, LESS_EQUAL, GREATER_EQUAL}) {
      if (spec.startsWith(op.symbol)) {
        return op;
      }
    }
    return spec.startsWith("<") ? LESS : GREATER;
  }
}
