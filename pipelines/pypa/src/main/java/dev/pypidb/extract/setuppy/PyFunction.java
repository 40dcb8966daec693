package dev.pypidb.extract.setuppy;

import java.util.List;

/**
 * A function defined in the evaluated code ({@code def} or {@code lambda}): its parameters with
 * their default values (evaluated at definition, null where none), and the scope it closes over.
 * A generator function is called eagerly: its yields are collected into a list.
 */
final class PyFunction {
  final String name;
  final Expr.Params params;
  final List<Object> defaults;
  final List<Stmt> body;
  final Expr lambdaBody;
  final Frame closure;
  final PyDict globals;
  final boolean generator;
  final int line;

  PyFunction(String name, Expr.Params params, List<Object> defaults, List<Stmt> body, Expr lambdaBody,
      Frame closure, PyDict globals, boolean generator, int line) {
    this.name = name;
    this.params = params;
    this.defaults = defaults;
    this.body = body;
    this.lambdaBody = lambdaBody;
    this.closure = closure;
    this.globals = globals;
    this.generator = generator;
    this.line = line;
  }
}
