package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.List;

/**
 * List, set, dict and generator comprehensions, evaluated eagerly in their own scope (Python 2's
 * list comprehensions in the enclosing one). An unknown
 * iterable or filter makes the whole result unknown; iterations are bounded.
 */
final class Comprehensions {
  private final Interpreter in;
  private final Expr.Comprehension c;
  private final Frame scope;
  private final List<Object> items = new ArrayList<>();
  private final PyDict dict = new PyDict();
  private int iterations;

  private Comprehensions(Interpreter in, Expr.Comprehension c, Frame scope) {
    this.in = in;
    this.c = c;
    this.scope = scope;
  }

  /** Thrown inside to end the comprehension with an unknown result. */
  private static final class UnknownResult extends RuntimeException {
    final Unknown unknown;

    UnknownResult(Unknown unknown) {
      super(null, null, false, false);
      this.unknown = unknown;
    }
  }

  static Object eval(Interpreter in, Expr.Comprehension c, Frame f) {
    // A Python 2 list comprehension runs in the enclosing scope: its variables leak into it.
    Frame scope = in.target.py2() && c.kind().equals("list") ? f : Frame.function(f.globals, f);
    Comprehensions comp = new Comprehensions(in, c, scope);
    try {
      Object first = in.ops.iterate(in.eval(c.generators().get(0).iter(), f));
      comp.generate(0, first);
    } catch (UnknownResult u) {
      return u.unknown;
    }
    return switch (c.kind()) {
      case "dict" -> comp.dict;
      case "set" -> {
        PySet s = new PySet(false);
        for (Object o : comp.items) {
          in.ops.requireHashable(o);
          s.add(o);
        }
        yield s;
      }
      case "gen" -> new PyIter("generator", false, comp.items);
      default -> new PyList(comp.items);
    };
  }

  private void generate(int level, Object iterated) {
    Expr.CompFor gen = c.generators().get(level);
    if (iterated instanceof Unknown u) {
      throw new UnknownResult(new Unknown("a comprehension at line " + c.line() + " iterates over an unknown value ("
          + u.reason() + ")"));
    }
    for (Object item : Ops.asList(iterated)) {
      if (++iterations > in.limits.maxLoopIterations()) {
        throw in.bound("the comprehension at line " + c.line() + " ran more than " + in.limits.maxLoopIterations()
            + " iterations");
      }
      in.assign(gen.target(), item, scope);
      boolean keep = true;
      for (Expr cond : gen.ifs()) {
        Object v = in.eval(cond, scope);
        Boolean t = in.ops.truth(v);
        if (t == null) {
          Unknown u = Ops.unknownOf(v);
          throw new UnknownResult(new Unknown("a filter of the comprehension at line " + c.line() + " is unknown ("
              + (u != null ? u.reason() : "unknown") + ")"));
        }
        if (!t) {
          keep = false;
          break;
        }
      }
      if (!keep) {
        continue;
      }
      if (level + 1 < c.generators().size()) {
        generate(level + 1, in.ops.iterate(in.eval(c.generators().get(level + 1).iter(), scope)));
        continue;
      }
      if (c.kind().equals("dict")) {
        Object key = in.eval(c.elt(), scope);
        Object value = in.eval(c.value(), scope);
        if (Ops.unknownOf(key) != null) {
          throw new UnknownResult(Ops.unknownOf(key));
        }
        in.ops.requireHashable(key);
        dict.put(key, value);
      } else {
        items.add(in.eval(c.elt(), scope));
      }
      in.checkCollection(items.size() + dict.size());
    }
  }
}
