package dev.pypidb.extract.setuppy;

import java.util.List;

/** A Python statement node; {@code line} is where it starts. */
sealed interface Stmt {
  int line();

  record ExprStmt(Expr value, int line) implements Stmt {}

  /** {@code a = b = value}: targets left to right. */
  record Assign(List<Expr> targets, Expr value, int line) implements Stmt {}

  record AugAssign(Expr target, String op, Expr value, int line) implements Stmt {}

  /** {@code target: annotation [= value]}; value may be null. */
  record AnnAssign(Expr target, Expr annotation, Expr value, int line) implements Stmt {}

  record If(Expr test, List<Stmt> body, List<Stmt> orelse, int line) implements Stmt {}

  record While(Expr test, List<Stmt> body, List<Stmt> orelse, int line) implements Stmt {}

  record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, int line) implements Stmt {}

  record Try(List<Stmt> body, List<Handler> handlers, List<Stmt> orelse, List<Stmt> finalbody, int line)
      implements Stmt {}

  /** An except clause: type may be null (bare except); name may be null. */
  record Handler(Expr type, String name, List<Stmt> body, int line) {}

  record With(List<WithItem> items, List<Stmt> body, int line) implements Stmt {}

  /** {@code context [as target]}; target may be null. */
  record WithItem(Expr context, Expr target) {}

  record FunctionDef(String name, Expr.Params params, List<Stmt> body, List<Expr> decorators, int line)
      implements Stmt {}

  record ClassDef(String name, List<Expr.Arg> bases, List<Stmt> body, List<Expr> decorators, int line)
      implements Stmt {}

  /** value may be null. */
  record Return(Expr value, int line) implements Stmt {}

  record Pass(int line) implements Stmt {}

  record Break(int line) implements Stmt {}

  record Continue(int line) implements Stmt {}

  record Import(List<Alias> names, int line) implements Stmt {}

  /** {@code from module import names}; module is "" for {@code from . import x}; a name "*" imports all. */
  record ImportFrom(String module, int level, List<Alias> names, int line) implements Stmt {}

  /** An imported name; asname may be null. */
  record Alias(String name, String asname) {}

  record Global(List<String> names, int line) implements Stmt {}

  record Nonlocal(List<String> names, int line) implements Stmt {}

  record Delete(List<Expr> targets, int line) implements Stmt {}

  /** msg may be null. */
  record Assert(Expr test, Expr msg, int line) implements Stmt {}

  /**
   * {@code raise [exc [from cause]]}, or Python 2's {@code raise exc, value}; the parts may be
   * null.
   */
  record Raise(Expr exc, Expr cause, Expr value, int line) implements Stmt {}

  /** Python 2's print statement; dest ({@code >>f}) may be null. */
  record Print(Expr dest, List<Expr> values, int line) implements Stmt {}

  /** Python 2's exec statement; globals and locals may be null. */
  record Exec(Expr code, Expr globals, Expr locals, int line) implements Stmt {}

  /** A statement that does not parse (in any Python): what is wrong with it. */
  record Error(String message, int line) implements Stmt {}
}
