package dev.pypidb.pypa.markers;

import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.parsing.ParserSyntaxException;
import dev.pypidb.pypa.specifiers.InvalidSpecifierException;
import dev.pypidb.pypa.specifiers.Specifier;
import dev.pypidb.pypa.text.PyStringLiteral;
import dev.pypidb.pypa.text.PyText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PEP 508 environment marker ({@code python_version < "3.8" and sys_platform == "win32"}).
 * Parsing, printing and evaluation follow {@code packaging.markers.Marker}.
 */
public final class Marker implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> VERSION_VARIABLES = Set.of(
      "implementation_version", "platform_release", "python_full_version", "python_version");
  private static final Set<String> SET_VARIABLES = Set.of("extras", "dependency_groups");

  private final Expression expression;
  private transient String text;

  private Marker(Expression expression) {
    this.expression = expression;
  }

  /** Parses a marker; throws {@link InvalidMarkerException} with packaging's message. */
  public static Marker parse(String source) {
    try {
      return new Marker(MarkerParser.parseFull(source));
    } catch (ParserSyntaxException | PyStringLiteral.InvalidLiteralException e) {
      throw new InvalidMarkerException(e.getMessage(), e);
    }
  }

  /** Wraps an already parsed expression (from a requirement). */
  public static Marker of(Expression expression) {
    return new Marker(expression);
  }

  public Expression expression() {
    return expression;
  }

  /** The normalized text: single spaces, double-quoted literals, redundant parentheses dropped. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = format(expression, true);
      text = t;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Marker m && toString().equals(m.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  private static String format(MarkerNode node, boolean first) {
    if (node instanceof Comparison c) {
      return c.lhs().serialize() + " " + c.op() + " " + c.rhs().serialize();
    }
    Expression e = (Expression) node;
    if (e.terms().size() == 1) {
      return format(e.terms().get(0), true);
    }
    StringBuilder out = new StringBuilder();
    if (!first) {
      out.append('(');
    }
    for (int i = 0; i < e.terms().size(); i++) {
      if (i > 0) {
        out.append(' ').append(e.ops().get(i - 1)).append(' ');
      }
      out.append(format(e.terms().get(i), false));
    }
    if (!first) {
      out.append(')');
    }
    return out.toString();
  }

  /** The variable names this marker reads. */
  public Set<String> variables() {
    Set<String> out = new HashSet<>();
    collectVariables(expression, out);
    return out;
  }

  private static void collectVariables(MarkerNode node, Set<String> out) {
    if (node instanceof Comparison c) {
      if (c.lhs().variable()) {
        out.add(c.lhs().value());
      } else {
        out.add(c.rhs().value());
      }
      return;
    }
    for (MarkerNode term : ((Expression) node).terms()) {
      collectVariables(term, out);
    }
  }

  /** The extra names this marker compares {@code extra} with (canonical), in order. */
  public List<String> extrasCompared() {
    List<String> out = new ArrayList<>();
    collectExtras(expression, out);
    return out;
  }

  private static void collectExtras(MarkerNode node, List<String> out) {
    if (node instanceof Comparison c) {
      if (c.lhs().variable() && c.lhs().value().equals("extra") && !c.rhs().variable()) {
        out.add(c.rhs().value());
      } else if (c.rhs().variable() && c.rhs().value().equals("extra") && !c.lhs().variable()) {
        out.add(c.lhs().value());
      }
      return;
    }
    for (MarkerNode term : ((Expression) node).terms()) {
      collectExtras(term, out);
    }
  }

  /**
   * Evaluates in {@code environment} (variable name to String, or to a Set of strings for
   * {@code extras}/{@code dependency_groups}). {@code extra} defaults to "" and is
   * canonicalized. Every comparison is evaluated, as in packaging, so an invalid comparison
   * fails even where a short-circuit would have skipped it.
   *
   * @throws MarkerEvaluationException for an undefined comparison or a missing variable
   */
  public boolean evaluate(Map<String, ?> environment) {
    return evaluate(expression, new Env(environment));
  }

  private static boolean evaluate(Expression e, Env env) {
    boolean anyGroup = false;
    boolean group = true;
    for (int i = 0; i < e.terms().size(); i++) {
      if (i > 0 && e.ops().get(i - 1).equals("or")) {
        anyGroup |= group;
        group = true;
      }
      MarkerNode term = e.terms().get(i);
      boolean value = term instanceof Comparison c ? compare(c, env) : evaluate((Expression) term, env);
      group &= value;
    }
    return anyGroup || group;
  }

  private static boolean compare(Comparison c, Env env) {
    String key;
    Object lhs;
    Object rhs;
    if (c.lhs().variable()) {
      key = c.lhs().value();
      lhs = env.get(key);
      rhs = c.rhs().value();
    } else {
      lhs = c.lhs().value();
      key = c.rhs().value();
      rhs = env.get(key);
    }
    if (!(lhs instanceof String)) {
      throw new MarkerEvaluationException("lhs must be a string");
    }
    String left = (String) lhs;
    if (SET_VARIABLES.contains(key)) {
      left = ProjectNames.canonicalize(left);
      if (rhs instanceof String r) {
        rhs = ProjectNames.canonicalize(r);
      } else {
        Set<String> canonical = new HashSet<>();
        for (Object v : (Set<?>) rhs) {
          canonical.add(ProjectNames.canonicalize((String) v));
        }
        rhs = canonical;
      }
    }
    return apply(left, c.op(), rhs, key);
  }

  private static boolean apply(String lhs, String op, Object rhs, String key) {
    if (VERSION_VARIABLES.contains(key) && rhs instanceof String r) {
      Specifier spec = null;
      try {
        spec = Specifier.parse(op + r);
      } catch (InvalidSpecifierException e) {
        // Not a version comparison: fall back to the string operators.
      }
      if (spec != null) {
        return spec.contains(lhs, Boolean.TRUE);
      }
    }
    switch (op) {
      case "in":
        return rhs instanceof String r ? r.contains(lhs) : ((Set<?>) rhs).contains(lhs);
      case "not in":
        return rhs instanceof String r ? !r.contains(lhs) : !((Set<?>) rhs).contains(lhs);
      case "<", ">":
        return false;
      case "<=", "==", ">=":
        return lhs.equals(rhs);
      case "!=":
        return !lhs.equals(rhs);
      default:
        throw new MarkerEvaluationException("Undefined <Op(" + PyText.repr(op) + ")> on "
            + PyText.repr(lhs) + " and " + reprOf(rhs) + ".");
    }
  }

  private static String reprOf(Object value) {
    return value instanceof String s ? PyText.repr(s) : String.valueOf(value);
  }

  /** The environment as evaluation sees it: {@code extra} defaulted and canonicalized. */
  private static final class Env {
    private final Map<String, ?> values;

    Env(Map<String, ?> values) {
      this.values = values;
    }

    Object get(String key) {
      Object v = values.get(key);
      if (key.equals("extra")) {
        return v == null || ((String) v).isEmpty() ? "" : ProjectNames.canonicalize((String) v);
      }
      if (v == null) {
        throw new MarkerEvaluationException("Undefined environment name: " + PyText.repr(key));
      }
      if (key.equals("python_full_version") && ((String) v).endsWith("+")) {
        return v + "local";
      }
      return v;
    }
  }
}
