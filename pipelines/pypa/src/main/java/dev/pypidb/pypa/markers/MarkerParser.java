package dev.pypidb.pypa.markers;

import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.markers.MarkerNode.Operand;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.parsing.Token;
import dev.pypidb.pypa.parsing.Tokenizer;
import dev.pypidb.pypa.text.PyStringLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for PEP 508 environment markers, a port of packaging's grammar:
 *
 * <pre>
 * marker      = marker_atom (BOOLOP marker_atom)*
 * marker_atom = WS? "(" WS? marker WS? ")" WS? | WS? marker_item WS?
 * marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
 * marker_var  = VARIABLE | QUOTED_STRING
 * marker_op   = IN | NOT WS IN | OP
 * </pre>
 */
public final class MarkerParser {
  /**
   * Deepest parenthesis nesting parsed: the parser recurses once per parenthesis, so deeper
   * (hostile) input is a syntax error, never a StackOverflowError. packaging stops near 330 at
   * Python's recursion limit; no real marker nests more than a few.
   */
  public static final int MAX_NESTING = 100;

  private MarkerParser() {}

  /** Parses a whole marker string. */
  static Expression parseFull(String source) {
    Tokenizer t = new Tokenizer(source);
    Expression e = parse(t);
    t.expect(Token.END, "end of marker expression");
    return e;
  }

  /** Parses a marker at the tokenizer's position (after a requirement's semicolon). */
  public static Expression parse(Tokenizer t) {
    return parse(t, 0);
  }

  private static Expression parse(Tokenizer t, int depth) {
    List<MarkerNode> terms = new ArrayList<>(2);
    List<String> ops = new ArrayList<>(1);
    terms.add(atom(t, depth));
    while (t.check(Token.BOOLOP)) {
      ops.add(t.read());
      terms.add(atom(t, depth));
    }
    return new Expression(terms, ops);
  }

  private static MarkerNode atom(Tokenizer t, int depth) {
    t.consume(Token.WS);
    MarkerNode node;
    if (t.peek(Token.LEFT_PARENTHESIS)) {
      t.check(Token.LEFT_PARENTHESIS);
      int open = t.position();
      if (depth >= MAX_NESTING) {
        throw t.syntaxError("Parentheses nested deeper than " + MAX_NESTING, open, open + 1);
      }
      t.read();
      t.consume(Token.WS);
      node = parse(t, depth + 1);
      t.consume(Token.WS);
      if (!t.check(Token.RIGHT_PARENTHESIS)) {
        throw t.syntaxError(
            "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression",
            open, t.position());
      }
      t.read();
    } else {
      node = item(t);
    }
    t.consume(Token.WS);
    return node;
  }

  private static Comparison item(Tokenizer t) {
    t.consume(Token.WS);
    Operand lhs = variable(t);
    t.consume(Token.WS);
    String op = operator(t);
    t.consume(Token.WS);
    Operand rhs = variable(t);
    t.consume(Token.WS);
    return normalizeExtra(new Comparison(lhs, op, rhs));
  }

  private static Operand variable(Tokenizer t) {
    if (t.check(Token.VARIABLE)) {
      String name = t.read().replace('.', '_');
      if (name.equals("python_implementation")) {
        name = "platform_python_implementation";
      }
      return Operand.variable(name);
    }
    if (t.check(Token.QUOTED_STRING)) {
      return Operand.literal(PyStringLiteral.evaluate(t.read()));
    }
    throw t.syntaxError("Expected a marker variable or quoted string");
  }

  private static String operator(Tokenizer t) {
    if (t.check(Token.IN)) {
      t.read();
      return "in";
    }
    if (t.check(Token.NOT)) {
      t.read();
      t.expect(Token.WS, "whitespace after 'not'");
      t.expect(Token.IN, "'in' after 'not'");
      return "not in";
    }
    if (t.check(Token.OP)) {
      return t.read();
    }
    throw t.syntaxError(
        "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
  }

  /**
   * PEP 685: the name compared with {@code extra} is canonicalized. packaging does this only for
   * top-level comparisons; pypidb does it at every depth, as the PEP asks.
   */
  private static Comparison normalizeExtra(Comparison c) {
    if (c.lhs().variable() && c.lhs().value().equals("extra")) {
      return new Comparison(c.lhs(), c.op(), Operand.literal(ProjectNames.canonicalize(c.rhs().value())));
    }
    if (c.rhs().variable() && c.rhs().value().equals("extra")) {
      return new Comparison(Operand.literal(ProjectNames.canonicalize(c.lhs().value())), c.op(), c.rhs());
    }
    return c;
  }
}
