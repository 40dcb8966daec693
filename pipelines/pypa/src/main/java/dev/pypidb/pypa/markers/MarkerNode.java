package dev.pypidb.pypa.markers;

import java.io.Serializable;
import java.util.List;

/** A node of a parsed marker: a comparison, or a parenthesized/top-level expression. */
public sealed interface MarkerNode extends Serializable {

  /** A marker variable ({@code python_version}) or a string literal. */
  record Operand(String value, boolean variable) implements Serializable {
    static Operand variable(String name) {
      return new Operand(name, true);
    }

    static Operand literal(String value) {
      return new Operand(value, false);
    }

    /** Variables print bare, literals in double quotes (as packaging prints them, unescaped). */
    String serialize() {
      return variable ? value : "\"" + value + "\"";
    }
  }

  /** {@code lhs op rhs}, op one of {@code == != < <= > >= ~= === in}, {@code not in}. */
  record Comparison(Operand lhs, String op, Operand rhs) implements MarkerNode {}

  /**
   * Terms joined by boolean operators, kept flat as written: {@code and} binds tighter than
   * {@code or}, which evaluation applies. {@code ops.size() == terms.size() - 1}.
   */
  record Expression(List<MarkerNode> terms, List<String> ops) implements MarkerNode {}
}
