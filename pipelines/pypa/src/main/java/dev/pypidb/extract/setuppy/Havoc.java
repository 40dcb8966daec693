package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What code that is not run could have done: the names it could assign, the objects it could
 * change (by {@code append}, item assignment, or passing them to a call), and whether it could
 * call setup(), exit, return or break. Found syntactically, following calls to functions of the
 * evaluated code; used when a branch, loop or function depends on an unknown value.
 */
final class Havoc {
  private static final Set<String> MUTATORS = Set.of("append", "extend", "insert", "remove", "pop", "clear",
      "sort", "reverse", "update", "setdefault", "popitem", "add", "discard", "difference_update",
      "intersection_update", "symmetric_difference_update", "__setitem__", "__delitem__");
  private static final Set<String> EXITS = Set.of("exit", "quit", "_exit", "abort", "exec", "execfile", "eval",
      "run_path", "run_module", "load_source", "exec_module");
  private static final int MAX_FUNCTIONS = 50;

  /** The effects found; lines are 0 when there is none. */
  record Effects(Set<String> names, Set<String> globalNames, List<Object> changed, int setupLine, int exitLine,
      boolean returns, boolean breaks) {}

  private final Interpreter in;
  private final Frame frame;
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> globalNames = new LinkedHashSet<>();
  private final List<Object> changed = new ArrayList<>();
  private final Map<Object, Boolean> seenFunctions = new IdentityHashMap<>();
  private int setupLine;
  private int exitLine;
  private boolean returns;
  private boolean breaks;

  private Havoc(Interpreter in, Frame frame) {
    this.in = in;
    this.frame = frame;
  }

  static Effects analyze(Interpreter in, List<List<Stmt>> blocks, Frame frame) {
    Havoc h = new Havoc(in, frame);
    for (List<Stmt> b : blocks) {
      h.block(b, 0, true);
    }
    return new Effects(h.names, h.globalNames, h.changed, h.setupLine, h.exitLine, h.returns, h.breaks);
  }

  /** Makes the effects happen as unknowns: names unknown, changed objects tainted, for {@code reason}. */
  static void apply(Interpreter in, Effects e, Frame frame, String reason) {
    Unknown u = new Unknown(reason);
    for (String n : e.names()) {
      if (e.globalNames().contains(n)) {
        frame.globals.put(n, u);
      } else {
        frame.assign(n, u);
      }
    }
    for (String n : e.globalNames()) {
      if (!e.names().contains(n)) {
        frame.globals.put(n, u);
      }
    }
    for (Object o : e.changed()) {
      taint(o, reason);
    }
  }

  private static void taint(Object o, String reason) {
    if (o instanceof PyList l && l.taint == null) {
      l.taint = reason;
    } else if (o instanceof PyDict d && d.taint == null) {
      d.taint = reason;
    } else if (o instanceof PySet s && s.taint == null) {
      s.taint = reason;
    } else if (o instanceof PyInstance i && i.attrs.taint == null) {
      i.attrs.taint = reason;
    }
  }

  /** Whether a function body yields (outside nested definitions): it is a generator. */
  static boolean containsYield(List<Stmt> body) {
    boolean[] found = {false};
    walkYield(body, found);
    return found[0];
  }

  private static void walkYield(List<Stmt> body, boolean[] found) {
    for (Stmt s : body) {
      if (s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef) {
        continue;
      }
      AstWalk.expressions(s, e -> exprYield(e, found));
      for (List<Stmt> b : AstWalk.blocks(s)) {
        walkYield(b, found);
      }
    }
  }

  private static void exprYield(Expr e, boolean[] found) {
    if (e instanceof Expr.Yield) {
      found[0] = true;
      return;
    }
    if (!(e instanceof Expr.Lambda)) {
      AstWalk.children(e, c -> exprYield(c, found));
    }
  }

  // ---------------------------------------------------------------- the walk

  private void block(List<Stmt> body, int loops, boolean direct) {
    for (Stmt s : body) {
      stmt(s, loops, direct);
    }
  }

  private void stmt(Stmt s, int loops, boolean direct) {
    if (s instanceof Stmt.Assign a) {
      a.targets().forEach(t -> target(t, direct));
    } else if (s instanceof Stmt.AugAssign a) {
      target(a.target(), direct);
      changedBy(a.target(), direct);
    } else if (s instanceof Stmt.AnnAssign a && a.value() != null) {
      target(a.target(), direct);
    } else if (s instanceof Stmt.For f) {
      target(f.target(), direct);
    } else if (s instanceof Stmt.With w) {
      for (Stmt.WithItem item : w.items()) {
        if (item.target() != null) {
          target(item.target(), direct);
        }
      }
    } else if (s instanceof Stmt.Try t) {
      for (Stmt.Handler h : t.handlers()) {
        if (h.name() != null && direct) {
          names.add(h.name());
        }
      }
    } else if (s instanceof Stmt.FunctionDef d) {
      if (direct) {
        names.add(d.name());
      }
    } else if (s instanceof Stmt.ClassDef c) {
      if (direct) {
        names.add(c.name());
      }
    } else if (s instanceof Stmt.Import im) {
      for (Stmt.Alias a : im.names()) {
        if (direct) {
          names.add(a.asname() != null ? a.asname() : a.name().split("\\.")[0]);
        }
      }
    } else if (s instanceof Stmt.ImportFrom im) {
      for (Stmt.Alias a : im.names()) {
        if (direct && !a.name().equals("*")) {
          names.add(a.asname() != null ? a.asname() : a.name());
        }
      }
    } else if (s instanceof Stmt.Global g) {
      globalNames.addAll(g.names());
    } else if (s instanceof Stmt.Delete d) {
      d.targets().forEach(t -> target(t, direct));
    } else if (s instanceof Stmt.Return) {
      returns |= direct;
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      breaks |= direct && loops == 0;
    } else if (s instanceof Stmt.Raise r) {
      exit(r.line());
    } else if (s instanceof Stmt.Exec e) {
      exit(e.line());
    }
    if (!(s instanceof Stmt.FunctionDef) && !(s instanceof Stmt.ClassDef)) {
      AstWalk.expressions(s, e -> expr(e, direct));
    }
    boolean loop = s instanceof Stmt.For || s instanceof Stmt.While;
    for (List<Stmt> b : AstWalk.blocks(s)) {
      block(b, loop ? loops + 1 : loops, direct);
    }
  }

  private void exit(int line) {
    if (exitLine == 0) {
      exitLine = line;
    }
  }

  private void target(Expr t, boolean direct) {
    if (t instanceof Expr.Name n) {
      if (direct || globalNames.contains(n.id())) {
        names.add(n.id());
      }
    } else if (t instanceof Expr.Tuple tu) {
      tu.elts().forEach(e -> target(e, direct));
    } else if (t instanceof Expr.ListDisplay l) {
      l.elts().forEach(e -> target(e, direct));
    } else if (t instanceof Expr.Starred s) {
      target(s.value(), direct);
    } else if (t instanceof Expr.Attribute a) {
      changedBy(a.value(), direct);
    } else if (t instanceof Expr.Subscript s) {
      changedBy(s.value(), direct);
    }
  }

  private void changedBy(Expr receiver, boolean direct) {
    Object v = direct ? quiet(receiver) : quietGlobal(receiver);
    if (v != null) {
      changed.add(v);
    }
  }

  private void expr(Expr e, boolean direct) {
    if (e instanceof Expr.Lambda) {
      return;
    }
    if (e instanceof Expr.NamedExpr n) {
      target(n.target(), direct);
    }
    if (e instanceof Expr.Call c) {
      call(c, direct);
    }
    AstWalk.children(e, child -> expr(child, direct));
  }

  private void call(Expr.Call c, boolean direct) {
    String name = c.func() instanceof Expr.Name n ? n.id() : c.func() instanceof Expr.Attribute a ? a.attr() : null;
    Object callee = direct ? quiet(c.func()) : quietGlobal(c.func());
    if (callee instanceof PyBuiltin b && b.name.equals("setup")) {
      if (setupLine == 0) {
        setupLine = c.line();
      }
      return;
    }
    if (name != null && EXITS.contains(name) || callee instanceof PyBuiltin b && EXITS.contains(b.name)) {
      exit(c.line());
    }
    if (c.func() instanceof Expr.Attribute a && MUTATORS.contains(a.attr())) {
      changedBy(a.value(), direct);
    }
    if (callee instanceof PyFunction fn && fn.body != null) {
      if (seenFunctions.size() < MAX_FUNCTIONS && seenFunctions.put(fn, true) == null) {
        block(fn.body, 0, false);
      }
    } else if (callee instanceof PyBuiltin) {
      return;
    }
    for (Expr.Arg a : c.args()) {
      Object v = direct ? quiet(a.value()) : quietGlobal(a.value());
      if (v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyInstance) {
        changed.add(v);
      }
    }
  }

  /** The value of a name or attribute path in the frame, without running anything; or null. */
  private Object quiet(Expr e) {
    if (e instanceof Expr.Name n) {
      Object v = frame.lookup(n.id());
      return v != null ? v : in.builtins.get(n.id());
    }
    return quietAttribute(e, this::quiet);
  }

  /** As {@link #quiet}, for code of another function: only module-level names are known. */
  private Object quietGlobal(Expr e) {
    if (e instanceof Expr.Name n) {
      Object v = frame.globals.get(n.id());
      return v != null ? v : in.builtins.get(n.id());
    }
    return quietAttribute(e, this::quietGlobal);
  }

  private static Object quietAttribute(Expr e, java.util.function.Function<Expr, Object> base) {
    if (e instanceof Expr.Attribute a) {
      Object obj = base.apply(a.value());
      if (obj instanceof PyModule m) {
        return m.ns.get(a.attr());
      }
      if (obj instanceof PyClass c) {
        return c.lookup(a.attr());
      }
      if (obj instanceof PyInstance i) {
        return i.attrs.get(a.attr());
      }
    }
    return null;
  }
}
