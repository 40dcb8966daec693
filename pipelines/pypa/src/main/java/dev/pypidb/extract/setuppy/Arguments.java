package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.setuppy.Expr.Param;
import dev.pypidb.extract.setuppy.Expr.ParamKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds call arguments to a function's parameters, with Python's rules and TypeError wording. */
final class Arguments {
  private Arguments() {}

  static void bind(Interpreter in, PyFunction fn, CallArgs a, Frame frame) {
    List<Param> params = fn.params.params();
    List<Integer> positional = new ArrayList<>();
    int varArgs = -1;
    int varKw = -1;
    for (int k = 0; k < params.size(); k++) {
      ParamKind kind = params.get(k).kind();
      if (kind == ParamKind.POSITIONAL) {
        positional.add(k);
      } else if (kind == ParamKind.VAR_POSITIONAL) {
        varArgs = k;
      } else if (kind == ParamKind.VAR_KEYWORD) {
        varKw = k;
      }
    }
    Object[] values = new Object[params.size()];
    List<Object> extra = new ArrayList<>();
    for (int k = 0; k < a.positional().size(); k++) {
      if (k < positional.size()) {
        values[positional.get(k)] = a.positional().get(k);
      } else if (varArgs >= 0) {
        extra.add(a.positional().get(k));
      } else {
        throw in.error("TypeError", in.target.py2() ? py2Count(fn, a, true)
            : fn.name + "() takes " + positional.size() + " positional argument" + (positional.size() == 1 ? "" : "s")
            + " but " + a.positional().size() + " were given");
      }
    }
    PyDict kwargs = new PyDict();
    for (Map.Entry<String, Object> e : a.keywords().entrySet()) {
      int index = -1;
      for (int k = 0; k < params.size(); k++) {
        Param p = params.get(k);
        if (e.getKey().equals(p.name()) && (p.kind() == ParamKind.POSITIONAL || p.kind() == ParamKind.KEYWORD_ONLY)) {
          index = k;
        }
      }
      if (index >= 0) {
        if (values[index] != null) {
          throw in.error("TypeError", fn.name + "() got multiple values for argument '" + e.getKey() + "'");
        }
        values[index] = e.getValue();
      } else if (varKw >= 0) {
        kwargs.put(e.getKey(), e.getValue());
      } else {
        throw in.error("TypeError", fn.name + "() got an unexpected keyword argument '" + e.getKey() + "'");
      }
    }
    for (int k = 0; k < params.size(); k++) {
      Param p = params.get(k);
      if (p.kind() == ParamKind.VAR_POSITIONAL) {
        frame.assign(p.name(), new PyTuple(extra));
        continue;
      }
      if (p.kind() == ParamKind.VAR_KEYWORD) {
        frame.assign(p.name(), kwargs);
        continue;
      }
      Object v = values[k] != null ? values[k] : fn.defaults.get(k);
      if (v == null) {
        if (in.target.py2()) {
          throw in.error("TypeError", py2Count(fn, a, false));
        }
        throw in.error("TypeError", fn.name + "() missing 1 required " + (p.kind() == ParamKind.KEYWORD_ONLY
            ? "keyword-only" : "positional") + " argument: '" + (p.name() == null ? "(tuple)" : p.name()) + "'");
      }
      if (p.target() != null) {
        in.assign(p.target(), v, frame);
      } else {
        frame.assign(p.name(), v);
      }
    }
  }

  /** Python 2's wording: "f() takes exactly 2 arguments (1 given)", for too many or too few. */
  private static String py2Count(PyFunction fn, CallArgs a, boolean tooMany) {
    long argcount = fn.params.params().stream().filter(p -> p.kind() == ParamKind.POSITIONAL).count();
    long defcount = fn.params.params().stream().filter(p -> p.kind() == ParamKind.POSITIONAL && p.defaultValue() != null)
        .count();
    boolean varArgs = fn.params.params().stream().anyMatch(p -> p.kind() == ParamKind.VAR_POSITIONAL);
    String how = tooMany ? (defcount > 0 ? "at most" : "exactly") : (varArgs || defcount > 0 ? "at least" : "exactly");
    long n = tooMany ? argcount : argcount - defcount;
    int given = a.positional().size() + a.keywords().size();
    return fn.name + "() takes " + how + " " + n + " argument" + (n == 1 ? "" : "s") + " (" + given + " given)";
  }
}
