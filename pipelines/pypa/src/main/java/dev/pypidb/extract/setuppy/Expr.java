package dev.pypidb.extract.setuppy;

import java.util.List;

/** A Python expression node; {@code line} is where it starts. */
sealed interface Expr {
  int line();

  record Name(String id, int line) implements Expr {}

  /**
   * A literal: {@code String}, {@link PyBytes}, {@code BigInteger}, {@code Double},
   * {@code Boolean}, {@link PyNone}, {@link PyEllipsis} or {@link Imaginary}.
   */
  record Constant(Object value, int line) implements Expr {}

  /** An imaginary literal such as {@code 2j}: kept, never computed with. */
  record Imaginary(String text) {}

  /** An f-string: parts are {@code String} literals and {@link FormattedValue}s. */
  record FString(List<Object> parts, int line) implements Expr {}

  /** {@code {value!conversion:spec}} inside an f-string; conversion is 0 when absent. */
  record FormattedValue(Expr value, char conversion, Expr spec) {}

  record Tuple(List<Expr> elts, int line) implements Expr {}

  record ListDisplay(List<Expr> elts, int line) implements Expr {}

  record SetDisplay(List<Expr> elts, int line) implements Expr {}

  /** A dict display; a null key means {@code **value}. */
  record DictDisplay(List<Expr> keys, List<Expr> values, int line) implements Expr {}

  record Attribute(Expr value, String attr, int line) implements Expr {}

  record Subscript(Expr value, Expr index, int line) implements Expr {}

  /** {@code lower:upper:step} in a subscript; parts may be null. */
  record Slice(Expr lower, Expr upper, Expr step, int line) implements Expr {}

  record Call(Expr func, List<Arg> args, int line) implements Expr {}

  /** A call argument: positional, {@code keyword=value}, {@code *value} (star 1) or {@code **value} (star 2). */
  record Arg(String keyword, Expr value, int star) {}

  /** Operators of one precedence level applied left to right: {@code first ops[0] rest[0] ...}. */
  record BinOp(Expr first, List<String> ops, List<Expr> rest, int line) implements Expr {}

  /** {@code not}, {@code -}, {@code +} or {@code ~}. */
  record UnaryOp(String op, Expr operand, int line) implements Expr {}

  /** {@code and} or {@code or} over two or more values. */
  record BoolOp(String op, List<Expr> values, int line) implements Expr {}

  /** A comparison chain; ops include {@code "not in"} and {@code "is not"}; {@code <>} is {@code !=}. */
  record Compare(Expr left, List<String> ops, List<Expr> comparators, int line) implements Expr {}

  record IfExp(Expr test, Expr body, Expr orelse, int line) implements Expr {}

  record Lambda(Params params, Expr body, int line) implements Expr {}

  /** A list, set, dict or generator comprehension ({@code kind} "list", "set", "dict", "gen"). */
  record Comprehension(String kind, Expr elt, Expr value, List<CompFor> generators, int line) implements Expr {}

  record CompFor(Expr target, Expr iter, List<Expr> ifs) {}

  record Starred(Expr value, int line) implements Expr {}

  record NamedExpr(Expr target, Expr value, int line) implements Expr {}

  record Yield(Expr value, boolean from, int line) implements Expr {}

  record Await(Expr value, int line) implements Expr {}

  /** Python 2 backticks: {@code `x`} is {@code repr(x)}. */
  record Repr(Expr value, int line) implements Expr {}

  /** Parameters of a def or lambda. */
  record Params(List<Param> params) {
    static final Params NONE = new Params(List.of());
  }

  /**
   * One parameter; {@code target} is a Python 2 tuple parameter ({@code def f((a, b))}), else null.
   */
  record Param(String name, Expr defaultValue, ParamKind kind, Expr target) {}

  enum ParamKind { POSITIONAL, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD }
}
