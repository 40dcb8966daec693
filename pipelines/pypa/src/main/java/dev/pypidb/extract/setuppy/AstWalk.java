package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Visits the parts of AST nodes: a statement's own expressions and nested blocks, an expression's children. */
final class AstWalk {
  private AstWalk() {}

  /** The expressions a statement evaluates itself (not those of nested blocks or definitions' bodies). */
  static void expressions(Stmt s, Consumer<Expr> out) {
    if (s instanceof Stmt.ExprStmt e) {
      out.accept(e.value());
    } else if (s instanceof Stmt.Assign a) {
      a.targets().forEach(out);
      out.accept(a.value());
    } else if (s instanceof Stmt.AugAssign a) {
      out.accept(a.target());
      out.accept(a.value());
    } else if (s instanceof Stmt.AnnAssign a) {
      out.accept(a.target());
      if (a.value() != null) {
        out.accept(a.value());
      }
    } else if (s instanceof Stmt.If i) {
      out.accept(i.test());
    } else if (s instanceof Stmt.While w) {
      out.accept(w.test());
    } else if (s instanceof Stmt.For f) {
      out.accept(f.target());
      out.accept(f.iter());
    } else if (s instanceof Stmt.With w) {
      for (Stmt.WithItem item : w.items()) {
        out.accept(item.context());
        if (item.target() != null) {
          out.accept(item.target());
        }
      }
    } else if (s instanceof Stmt.Try t) {
      for (Stmt.Handler h : t.handlers()) {
        if (h.type() != null) {
          out.accept(h.type());
        }
      }
    } else if (s instanceof Stmt.FunctionDef d) {
      d.decorators().forEach(out);
      for (Expr.Param p : d.params().params()) {
        if (p.defaultValue() != null) {
          out.accept(p.defaultValue());
        }
      }
    } else if (s instanceof Stmt.ClassDef c) {
      c.decorators().forEach(out);
      c.bases().forEach(a -> out.accept(a.value()));
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      out.accept(r.value());
    } else if (s instanceof Stmt.Delete d) {
      d.targets().forEach(out);
    } else if (s instanceof Stmt.Assert a) {
      out.accept(a.test());
    } else if (s instanceof Stmt.Raise r) {
      for (Expr e : new Expr[] {r.exc(), r.cause(), r.value()}) {
        if (e != null) {
          out.accept(e);
        }
      }
    } else if (s instanceof Stmt.Print p) {
      p.values().forEach(out);
    } else if (s instanceof Stmt.Exec e) {
      out.accept(e.code());
    }
  }

  /** The statement lists nested in a statement that run as part of it (not def or class bodies). */
  static List<List<Stmt>> blocks(Stmt s) {
    List<List<Stmt>> out = new ArrayList<>();
    if (s instanceof Stmt.If i) {
      out.add(i.body());
      out.add(i.orelse());
    } else if (s instanceof Stmt.While w) {
      out.add(w.body());
      out.add(w.orelse());
    } else if (s instanceof Stmt.For f) {
      out.add(f.body());
      out.add(f.orelse());
    } else if (s instanceof Stmt.With w) {
      out.add(w.body());
    } else if (s instanceof Stmt.Try t) {
      out.add(t.body());
      for (Stmt.Handler h : t.handlers()) {
        out.add(h.body());
      }
      out.add(t.orelse());
      out.add(t.finalbody());
    }
    return out;
  }

  /** The direct sub-expressions of an expression; lambda bodies and comprehension parts included. */
  static void children(Expr e, Consumer<Expr> out) {
    if (e instanceof Expr.Call c) {
      out.accept(c.func());
      c.args().forEach(a -> out.accept(a.value()));
    } else if (e instanceof Expr.Attribute a) {
      out.accept(a.value());
    } else if (e instanceof Expr.Subscript s) {
      out.accept(s.value());
      out.accept(s.index());
    } else if (e instanceof Expr.Slice s) {
      for (Expr x : new Expr[] {s.lower(), s.upper(), s.step()}) {
        if (x != null) {
          out.accept(x);
        }
      }
    } else if (e instanceof Expr.BinOp b) {
      out.accept(b.first());
      b.rest().forEach(out);
    } else if (e instanceof Expr.BoolOp b) {
      b.values().forEach(out);
    } else if (e instanceof Expr.Compare c) {
      out.accept(c.left());
      c.comparators().forEach(out);
    } else if (e instanceof Expr.UnaryOp u) {
      out.accept(u.operand());
    } else if (e instanceof Expr.IfExp i) {
      out.accept(i.test());
      out.accept(i.body());
      out.accept(i.orelse());
    } else if (e instanceof Expr.Tuple t) {
      t.elts().forEach(out);
    } else if (e instanceof Expr.ListDisplay l) {
      l.elts().forEach(out);
    } else if (e instanceof Expr.SetDisplay s) {
      s.elts().forEach(out);
    } else if (e instanceof Expr.DictDisplay d) {
      d.keys().forEach(k -> {
        if (k != null) {
          out.accept(k);
        }
      });
      d.values().forEach(out);
    } else if (e instanceof Expr.Comprehension c) {
      out.accept(c.elt());
      if (c.value() != null) {
        out.accept(c.value());
      }
      for (Expr.CompFor g : c.generators()) {
        out.accept(g.target());
        out.accept(g.iter());
        g.ifs().forEach(out);
      }
    } else if (e instanceof Expr.Starred s) {
      out.accept(s.value());
    } else if (e instanceof Expr.NamedExpr n) {
      out.accept(n.target());
      out.accept(n.value());
    } else if (e instanceof Expr.Yield y && y.value() != null) {
      out.accept(y.value());
    } else if (e instanceof Expr.Await a) {
      out.accept(a.value());
    } else if (e instanceof Expr.Repr r) {
      out.accept(r.value());
    } else if (e instanceof Expr.FString f) {
      for (Object p : f.parts()) {
        if (p instanceof Expr.FormattedValue v) {
          out.accept(v.value());
          if (v.spec() != null) {
            out.accept(v.spec());
          }
        }
      }
    }
  }
}
