package dev.pypidb.extract.setuppy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in namespace of one Python: functions, types usable as converters and in
 * isinstance(), and the exception classes of that version. Python 2 gets its own names
 * ({@code unicode}, {@code basestring}, {@code xrange}, {@code execfile}, {@code reduce}...), and
 * its {@code open} has no {@code encoding} argument.
 */
final class Builtins {
  private final Interpreter in;
  private final PyDict ns = new PyDict();

  private Builtins(Interpreter in) {
    this.in = in;
  }

  static PyDict create(Interpreter in) {
    Builtins b = new Builtins(in);
    b.define();
    return b.ns;
  }

  private void fn(String name, PyBuiltin.Impl impl) {
    ns.put(name, new PyBuiltin(name, impl));
  }

  private void define() {
    for (Map.Entry<String, PyExceptionType> e : in.target.exceptions.entrySet()) {
      ns.put(e.getKey(), e.getValue());
    }
    boolean py2 = in.target.py2();
    ns.put("Ellipsis", PyEllipsis.ELLIPSIS);
    ns.put("__debug__", true);
    fn("object", (i, a) -> new Unknown("an object() instance"));
    fn("str", this::str);
    fn("int", this::toInt);
    fn("float", this::toFloat);
    fn("bool", (i, a) -> a.count() == 0 ? (Object) false : truthValue(a.get(0, null)));
    fn("bytes", this::bytes);
    fn("list", (i, a) -> a.count() == 0 ? new PyList() : sequence(a.get(0, null), false));
    fn("tuple", (i, a) -> a.count() == 0 ? PyTuple.EMPTY : sequence(a.get(0, null), true));
    fn("set", (i, a) -> setOf(a, false));
    fn("frozenset", (i, a) -> setOf(a, true));
    fn("dict", this::dict);
    fn("len", this::len);
    fn("repr", (i, a) -> in.ops.repr(a.get(0, null)));
    fn("sorted", this::sorted);
    fn("reversed", (i, a) -> {
      Object items = in.ops.iterate(a.get(0, null));
      if (items instanceof Unknown u) {
        return u;
      }
      List<Object> out = new ArrayList<>(Ops.asList(items));
      java.util.Collections.reverse(out);
      return new PyIter(in.target.py2() ? "listreverseiterator" : "list_reverseiterator", false, out);
    });
    fn("enumerate", this::enumerate);
    fn("zip", this::zip);
    fn("map", this::map);
    fn("filter", this::filter);
    fn("range", this::range);
    fn("min", (i, a) -> extreme(a, true));
    fn("max", (i, a) -> extreme(a, false));
    fn("sum", this::sum);
    fn("any", (i, a) -> anyAll(a, true));
    fn("all", (i, a) -> anyAll(a, false));
    fn("abs", (i, a) -> {
      Object v = a.get(0, null);
      Boolean neg = in.ops.compare("<", v, BigInteger.ZERO);
      return neg == null ? Ops.unknownOf(v) : neg ? in.ops.unary("-", v) : v;
    });
    fn("round", this::round);
    fn("divmod", (i, a) -> {
      Object x = a.get(0, null);
      Object y = a.get(1, null);
      Object q = in.ops.binary("//", x, y);
      Object r = in.ops.binary("%", x, y);
      return Ops.firstUnknown(q, r) != null ? Ops.firstUnknown(q, r) : new PyTuple(List.of(q, r));
    });
    fn("pow", (i, a) -> in.ops.binary("**", a.get(0, null), a.get(1, null)));
    fn("isinstance", (i, a) -> isInstance(a.get(0, null), a.get(1, null)));
    fn("issubclass", (i, a) -> new Unknown("issubclass() is not modelled"));
    fn("callable", (i, a) -> {
      Object v = a.get(0, null);
      if (Ops.unknownOf(v) != null) {
        return Ops.unknownOf(v);
      }
      return v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBound || v instanceof PyClass
          || v instanceof PyExceptionType || v instanceof PyMethod;
    });
    fn("getattr", this::getattr);
    fn("hasattr", (i, a) -> {
      if (Ops.unknownOf(a.get(1, null)) != null) {
        return Ops.unknownOf(a.get(1, null));
      }
      try {
        Object v = in.access.getAttr(a.get(0, null), in.text(a.get(1, null), "hasattr(): attribute name"));
        return v instanceof Unknown u ? u : (Object) true;
      } catch (Signals.PyRaise r) {
        if (r.exc.type.name.equals("AttributeError")) {
          return false;
        }
        throw r;
      }
    });
    fn("setattr", (i, a) -> {
      if (Ops.unknownOf(a.get(1, null)) == null) {
        in.access.setAttr(a.get(0, null), in.text(a.get(1, null), "setattr(): attribute name"), a.get(2, null));
      }
      return PyNone.NONE;
    });
    fn("print", this::print);
    fn("open", (i, a) -> in.modules.open(a, py2 ? "builtin2" : "io"));
    fn("exec", (i, a) -> {
      in.execCode(a.get(0, "source"), a.get(1, "globals"), a.get(2, "locals"), a.frame(), "exec");
      return PyNone.NONE;
    });
    fn("eval", this::evalBuiltin);
    fn("compile", (i, a) -> {
      Object source = a.get(0, "source");
      Object filename = a.get(1, "filename");
      Object mode = a.get(2, "mode");
      if (Ops.unknownOf(source) != null) {
        return Ops.unknownOf(source);
      }
      if (!"exec".equals(mode)) {
        return new Unknown("compile() in mode " + mode + " is not modelled");
      }
      String text = source instanceof PyBytes b ? b.latin1() : (String) source;
      String name = filename instanceof String s ? s : "<string>";
      return new PyCode(in.compile(text, name), name);
    });
    fn("globals", (i, a) -> a.frame().globals);
    fn("locals", (i, a) -> locals(a.frame()));
    fn("vars", (i, a) -> {
      if (a.count() == 0) {
        return locals(a.frame());
      }
      Object v = a.get(0, null);
      if (v instanceof PyModule m) {
        return m.ns;
      }
      if (v instanceof PyInstance o) {
        return o.attrs;
      }
      return Ops.unknownOf(v) != null ? Ops.unknownOf(v) : new Unknown("vars() of " + in.ops.typeName(v));
    });
    fn("iter", (i, a) -> {
      Object items = in.ops.iterate(a.get(0, null));
      return items instanceof Unknown u ? u : new PyIter("iterator", false, Ops.asList(items));
    });
    fn("next", (i, a) -> {
      Object it = a.get(0, null);
      if (Ops.unknownOf(it) != null) {
        return Ops.unknownOf(it);
      }
      if (it instanceof PyFile f) {
        Object line = in.methods.call(f, "readline", CallArgs.of(a.frame(), a.line()));
        if ("".equals(line) && a.count() > 1) {
          return a.get(1, null);
        }
        if ("".equals(line)) {
          throw in.error("StopIteration", "");
        }
        return line;
      }
      if (!(it instanceof PyIter iter) || iter.view) {
        throw in.error("TypeError", "'" + in.ops.typeName(it) + "' object is not an iterator");
      }
      Object v = iter.next();
      if (v != null) {
        return v;
      }
      if (a.count() > 1) {
        return a.get(1, null);
      }
      throw new Signals.PyRaise(new PyException(in.target.exception("StopIteration"), null, List.of()));
    });
    fn("chr", (i, a) -> {
      Object v = a.get(0, null);
      return Ops.unknownOf(v) != null ? Ops.unknownOf(v) : new String(Character.toChars(in.ops.smallInt(v, "chr() arg")));
    });
    fn("ord", (i, a) -> {
      Object v = a.get(0, null);
      if (Ops.unknownOf(v) != null) {
        return Ops.unknownOf(v);
      }
      if (v instanceof String s && s.codePointCount(0, s.length()) == 1) {
        return BigInteger.valueOf(s.codePointAt(0));
      }
      throw in.error("TypeError", "ord() expected a character, but string of length " + (v instanceof String s ? s.length() : 0)
          + " found");
    });
    fn("hex", (i, a) -> radix(a.get(0, null), 16, "0x"));
    fn("oct", (i, a) -> radix(a.get(0, null), 8, py2 ? "0" : "0o"));
    fn("bin", (i, a) -> radix(a.get(0, null), 2, "0b"));
    fn("format", (i, a) -> {
      Object spec = a.count() > 1 ? a.get(1, null) : "";
      return Ops.unknownOf(spec) != null ? Ops.unknownOf(spec) : in.formats.format(a.get(0, null), in.text(spec,
          "format(): format_spec"));
    });
    fn("type", (i, a) -> typeOf(a.get(0, null)));
    fn("id", (i, a) -> new Unknown("id() is an address"));
    fn("hash", (i, a) -> new Unknown("hash() is not modelled"));
    fn("dir", (i, a) -> new Unknown("dir() is not modelled"));
    fn("help", (i, a) -> PyNone.NONE);
    fn("super", (i, a) -> new Unknown("super() is not modelled"));
    fn("staticmethod", (i, a) -> new Descriptor("staticmethod", a.get(0, null)));
    fn("classmethod", (i, a) -> new Descriptor("classmethod", a.get(0, null)));
    fn("property", (i, a) -> new Descriptor("property", a.get(0, null)));
    fn("input", (i, a) -> {
      throw in.error("EOFError", "EOF when reading a line");
    });
    fn("__import__", (i, a) -> {
      Object name = a.get(0, "name");
      if (!(name instanceof String s)) {
        return Ops.unknownOf(name) != null ? Ops.unknownOf(name) : new Unknown("__import__ of a non-str");
      }
      Object module = in.modules.importModule(s, s);
      Object fromlist = a.get(3, "fromlist");
      boolean top = fromlist == null || !Boolean.TRUE.equals(in.ops.truth(fromlist));
      return top && s.contains(".") ? in.modules.importModule(s.substring(0, s.indexOf('.')), s) : module;
    });
    fn("exit", (i, a) -> {
      throw new Signals.PyRaise(new PyException(in.target.exception("SystemExit"), null,
          a.count() == 0 ? List.of() : List.of(a.get(0, null))));
    });
    ns.put("quit", ns.get("exit"));
    if (py2) {
      ns.put("unicode", ns.get("str"));
      fn("basestring", (i, a) -> {
        throw in.error("TypeError", "The basestring type cannot be instantiated");
      });
      ns.put("long", ns.get("int"));
      fn("xrange", this::range);
      fn("raw_input", (i, a) -> {
        throw in.error("EOFError", "EOF when reading a line");
      });
      fn("execfile", (i, a) -> {
        in.modules.execFile(a.get(0, "filename"), a.get(1, "globals"), a.frame());
        return PyNone.NONE;
      });
      fn("reduce", (i, a) -> reduce(a));
      fn("unichr", (i, a) -> new String(Character.toChars(in.ops.smallInt(a.get(0, null), "unichr() arg"))));
      ns.put("file", ns.get("open"));
      ns.put("intern", ns.get("str"));
    }
  }

  // ---------------------------------------------------------------- converters

  private Object str(Interpreter i, CallArgs a) {
    if (a.count() == 0) {
      return "";
    }
    Object v = a.get(0, "object");
    Object encoding = a.get(1, "encoding");
    if (v instanceof PyBytes b && encoding != null && !in.target.py2()) {
      return in.methods.call(b, "decode", new CallArgs(a.positional().subList(1, a.count()), a.keywords(), null, null,
          a.frame(), a.line()));
    }
    return in.ops.str(v);
  }

  private Object toInt(Interpreter i, CallArgs a) {
    if (a.count() == 0) {
      return BigInteger.ZERO;
    }
    Object v = a.get(0, "x");
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    Object base = a.get(1, "base");
    if (v instanceof String s) {
      int radix = base == null ? 10 : in.ops.smallInt(base, "base");
      String t = StrMethods.strip(s, "strip", null).replace("_", "");
      try {
        if (radix == 16 && t.toLowerCase().startsWith("0x") || radix == 8 && t.toLowerCase().startsWith("0o")
            || radix == 2 && t.toLowerCase().startsWith("0b")) {
          t = t.substring(2);
        }
        if (t.length() > 4300) {
          throw in.bound("int() of a " + t.length() + "-digit string");
        }
        return new BigInteger(t.startsWith("+") ? t.substring(1) : t, radix);
      } catch (NumberFormatException e) {
        throw in.error("ValueError", "invalid literal for int() with base " + radix + ": " + in.ops.repr(s));
      }
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw in.error(d.isNaN() ? "ValueError" : "OverflowError", "cannot convert float " + Ops.floatRepr(d) + " to integer");
      }
      return new BigDecimal(d).toBigInteger();
    }
    BigInteger n = Ops.asInt(v);
    if (n != null) {
      return n;
    }
    throw in.error("TypeError", "int() argument must be a string, a bytes-like object or a number, not '"
        + in.ops.typeName(v) + "'");
  }

  private Object toFloat(Interpreter i, CallArgs a) {
    if (a.count() == 0) {
      return 0.0;
    }
    Object v = a.get(0, null);
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    if (v instanceof String s) {
      String t = StrMethods.strip(s, "strip", null).toLowerCase();
      switch (t) {
        case "nan", "+nan", "-nan":
          return Double.NaN;
        case "inf", "+inf", "infinity", "+infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            if (!t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(e[+-]?\\d+)?")) {
              throw new NumberFormatException();
            }
            return Double.parseDouble(t.replace("_", ""));
          } catch (NumberFormatException e) {
            throw in.error("ValueError", "could not convert string to float: " + in.ops.repr(s));
          }
      }
    }
    if (Ops.isNumber(v)) {
      return Ops.asDouble(v);
    }
    throw in.error("TypeError", "float() argument must be a string or a number, not '" + in.ops.typeName(v) + "'");
  }

  private Object truthValue(Object v) {
    Boolean t = in.ops.truth(v);
    return t == null ? Ops.unknownOf(v) : t;
  }

  private Object bytes(Interpreter i, CallArgs a) {
    Object v = a.get(0, null);
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    if (v == null) {
      return new PyBytes(new byte[0]);
    }
    if (v instanceof String s) {
      if (in.target.py2()) {
        return s;
      }
      return in.methods.encode(s, a.get(1, "encoding"));
    }
    if (v instanceof PyBytes) {
      return v;
    }
    return new Unknown("bytes() of a " + in.ops.typeName(v));
  }

  private Object sequence(Object v, boolean tuple) {
    Object items = in.ops.iterate(v);
    if (items instanceof Unknown u) {
      return u;
    }
    in.checkCollection(Ops.asList(items).size());
    return tuple ? new PyTuple(Ops.asList(items)) : new PyList(Ops.asList(items));
  }

  private Object setOf(CallArgs a, boolean frozen) {
    PySet s = new PySet(frozen);
    if (a.count() == 0) {
      return s;
    }
    Object items = in.ops.iterate(a.get(0, null));
    if (items instanceof Unknown u) {
      return u;
    }
    for (Object o : Ops.asList(items)) {
      if (Ops.unknownOf(o) != null) {
        s.taint = Ops.unknownOf(o).reason();
        continue;
      }
      in.ops.requireHashable(o);
      s.add(o);
    }
    return s;
  }

  private Object dict(Interpreter i, CallArgs a) {
    PyDict d = new PyDict();
    if (a.unknown() != null) {
      d.taint = "dict() of arguments that are unknown (" + a.unknown().reason() + ")";
      return d;
    }
    if (a.count() > 0) {
      in.methods.call(d, "update", new CallArgs(List.of(a.get(0, null)), Map.of(), null, null, a.frame(), a.line()));
    }
    for (Map.Entry<String, Object> e : a.keywords().entrySet()) {
      d.put(e.getKey(), e.getValue());
    }
    return d;
  }

  private Object len(Interpreter i, CallArgs a) {
    Object v = a.get(0, null);
    Unknown u = Ops.unknownOf(v);
    if (u != null) {
      return u;
    }
    if (v instanceof String s) {
      return BigInteger.valueOf(s.codePointCount(0, s.length()));
    }
    if (v instanceof PyBytes b) {
      return BigInteger.valueOf(b.length());
    }
    if (v instanceof PyList l) {
      return BigInteger.valueOf(l.items.size());
    }
    if (v instanceof PyTuple t) {
      return BigInteger.valueOf(t.items.size());
    }
    if (v instanceof PyDict d) {
      return BigInteger.valueOf(d.size());
    }
    if (v instanceof PySet s) {
      return BigInteger.valueOf(s.size());
    }
    if (v instanceof PyRange r) {
      return r.length();
    }
    if (v instanceof PyIter it && it.view) {
      return BigInteger.valueOf(it.size());
    }
    if (v instanceof PyInstance) {
      return new Unknown("len() of an instance is not modelled");
    }
    throw in.error("TypeError", "object of type '" + in.ops.typeName(v) + "' has no len()");
  }

  // ---------------------------------------------------------------- iteration helpers

  private Object sorted(Interpreter i, CallArgs a) {
    Object items = in.ops.iterate(a.get(0, null));
    if (items instanceof Unknown u) {
      return u;
    }
    List<Object> list = new ArrayList<>(Ops.asList(items));
    try {
      in.methods.sort(list, new CallArgs(List.of(), a.keywords(), null, null, a.frame(), a.line()));
    } catch (Methods.UnknownSort e) {
      return e.unknown;
    }
    return new PyList(list);
  }

  private Object enumerate(Interpreter i, CallArgs a) {
    Object items = in.ops.iterate(a.get(0, "iterable"));
    if (items instanceof Unknown u) {
      return u;
    }
    Object start = a.get(1, "start");
    BigInteger k = start == null ? BigInteger.ZERO : Ops.asInt(start);
    List<Object> out = new ArrayList<>();
    for (Object o : Ops.asList(items)) {
      out.add(new PyTuple(List.of(k, o)));
      k = k.add(BigInteger.ONE);
    }
    return new PyIter("enumerate", false, out);
  }

  private Object zip(Interpreter i, CallArgs a) {
    List<List<Object>> lists = new ArrayList<>();
    int n = Integer.MAX_VALUE;
    for (Object v : a.positional()) {
      Object items = in.ops.iterate(v);
      if (items instanceof Unknown u) {
        return u;
      }
      lists.add(Ops.asList(items));
      n = Math.min(n, Ops.asList(items).size());
    }
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < (lists.isEmpty() ? 0 : n); k++) {
      List<Object> row = new ArrayList<>();
      for (List<Object> l : lists) {
        row.add(l.get(k));
      }
      out.add(new PyTuple(row));
    }
    return in.ops.lazy("zip", out);
  }

  private Object map(Interpreter i, CallArgs a) {
    Object fn = a.get(0, null);
    List<List<Object>> lists = new ArrayList<>();
    for (Object v : a.positional().subList(1, a.count())) {
      Object items = in.ops.iterate(v);
      if (items instanceof Unknown u) {
        return u;
      }
      lists.add(Ops.asList(items));
    }
    int n = lists.stream().mapToInt(List::size).min().orElse(0);
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      List<Object> args = new ArrayList<>();
      for (List<Object> l : lists) {
        args.add(l.get(k));
      }
      out.add(in.call(fn, new CallArgs(args, Map.of(), null, null, a.frame(), a.line())));
    }
    return in.ops.lazy("map", out);
  }

  private Object filter(Interpreter i, CallArgs a) {
    Object fn = a.get(0, null);
    Object items = in.ops.iterate(a.get(1, null));
    if (items instanceof Unknown u) {
      return u;
    }
    List<Object> out = new ArrayList<>();
    for (Object o : Ops.asList(items)) {
      Object keep = fn instanceof PyNone ? o : in.call(fn, CallArgs.of(a.frame(), a.line(), o));
      Boolean t = in.ops.truth(keep);
      if (t == null) {
        return new Unknown("filter() with a condition that is unknown (" + reasonOf(keep) + ")");
      }
      if (t) {
        out.add(o);
      }
    }
    return in.ops.lazy("filter", out);
  }

  private static String reasonOf(Object v) {
    Unknown u = Ops.unknownOf(v);
    return u == null ? "unknown" : u.reason();
  }

  private Object range(Interpreter i, CallArgs a) {
    for (Object o : a.positional()) {
      if (Ops.unknownOf(o) != null) {
        return Ops.unknownOf(o);
      }
    }
    BigInteger start = BigInteger.ZERO;
    BigInteger step = BigInteger.ONE;
    BigInteger stop;
    if (a.count() == 1) {
      stop = integer(a.get(0, null));
    } else {
      start = integer(a.get(0, null));
      stop = integer(a.get(1, null));
      if (a.count() > 2) {
        step = integer(a.get(2, null));
      }
    }
    if (step.signum() == 0) {
      throw in.error("ValueError", "range() arg 3 must not be zero");
    }
    PyRange r = new PyRange(start, stop, step);
    if (in.target.py2()) {
      in.checkCollection(r.length().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    }
    return r;
  }

  private BigInteger integer(Object v) {
    BigInteger i = Ops.asInt(v);
    if (i == null) {
      throw in.error("TypeError", "'" + in.ops.typeName(v) + "' object cannot be interpreted as an integer");
    }
    return i;
  }

  private Object extreme(CallArgs a, boolean min) {
    List<Object> items;
    if (a.count() == 1) {
      Object it = in.ops.iterate(a.get(0, null));
      if (it instanceof Unknown u) {
        return u;
      }
      items = Ops.asList(it);
    } else {
      items = a.positional();
    }
    if (items.isEmpty()) {
      Object dflt = a.keywords().get("default");
      if (dflt != null) {
        return dflt;
      }
      throw in.error("ValueError", (min ? "min" : "max") + "() arg is an empty sequence");
    }
    Object key = a.keywords().get("key");
    Object best = null;
    Object bestKey = null;
    for (Object o : items) {
      Object k = key == null ? o : in.call(key, CallArgs.of(a.frame(), a.line(), o));
      if (best == null) {
        best = o;
        bestKey = k;
        continue;
      }
      Integer c = in.ops.cmp(k, bestKey, "<");
      if (c == null) {
        return new Unknown((min ? "min" : "max") + "() of values whose order is unknown");
      }
      if (min ? c < 0 : c > 0) {
        best = o;
        bestKey = k;
      }
    }
    return best;
  }

  private Object sum(Interpreter i, CallArgs a) {
    Object items = in.ops.iterate(a.get(0, null));
    if (items instanceof Unknown u) {
      return u;
    }
    Object total = a.count() > 1 ? a.get(1, null) : a.keywords().getOrDefault("start", BigInteger.ZERO);
    for (Object o : Ops.asList(items)) {
      total = in.ops.binary("+", total, o);
    }
    return total;
  }

  private Object anyAll(CallArgs a, boolean any) {
    Object items = in.ops.iterate(a.get(0, null));
    if (items instanceof Unknown u) {
      return u;
    }
    Unknown unknown = null;
    for (Object o : Ops.asList(items)) {
      Boolean t = in.ops.truth(o);
      if (t == null) {
        unknown = Ops.unknownOf(o);
      } else if (t == any) {
        return any;
      }
    }
    return unknown != null ? unknown : (Object) !any;
  }

  private Object round(Interpreter i, CallArgs a) {
    Object v = a.get(0, null);
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    Object digits = a.get(1, "ndigits");
    int n = digits == null || digits instanceof PyNone ? 0 : in.ops.smallInt(digits, "ndigits");
    if (Ops.asInt(v) != null && !(v instanceof Double)) {
      return Ops.asInt(v);
    }
    double d = Ops.asDouble(v);
    BigDecimal r = new BigDecimal(d).setScale(n, in.target.py2() ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN);
    if (!in.target.py2() && (digits == null || digits instanceof PyNone)) {
      return r.toBigInteger();
    }
    return r.doubleValue();
  }

  private Object isInstance(Object v, Object type) {
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    if (type instanceof PyTuple t) {
      for (Object o : t.items) {
        Object r = isInstance(v, o);
        if (!Boolean.FALSE.equals(r)) {
          return r;
        }
      }
      return false;
    }
    if (type instanceof PyBuiltin b) {
      return switch (b.name) {
        case "str" -> v instanceof String || in.target.py2() && v instanceof PyBytes;
        case "basestring" -> v instanceof String || v instanceof PyBytes;
        case "bytes" -> v instanceof PyBytes || in.target.py2() && v instanceof String;
        case "int", "long" -> v instanceof BigInteger || v instanceof Boolean;
        case "bool" -> v instanceof Boolean;
        case "float" -> v instanceof Double;
        case "list" -> v instanceof PyList;
        case "tuple" -> v instanceof PyTuple;
        case "dict" -> v instanceof PyDict;
        case "set" -> v instanceof PySet s && !s.frozen;
        case "frozenset" -> v instanceof PySet s && s.frozen;
        case "object" -> true;
        default -> new Unknown("isinstance() against " + b.name);
      };
    }
    if (type instanceof PyExceptionType || type instanceof PyClass) {
      if (v instanceof PyException e) {
        return e.isInstance(type);
      }
      if (v instanceof PyInstance o && type instanceof PyClass c) {
        return o.cls.isSubclassOf(c);
      }
      return false;
    }
    return Ops.unknownOf(type) != null ? Ops.unknownOf(type) : new Unknown("isinstance() against " + in.ops.typeName(type));
  }

  private Object typeOf(Object v) {
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    if (v instanceof PyInstance o) {
      return o.cls;
    }
    String name = in.ops.typeName(v);
    Object t = ns.get(name);
    return t != null ? t : new Unknown("type " + name + " is not modelled");
  }

  private Object getattr(Interpreter i, CallArgs a) {
    Object obj = a.get(0, null);
    Object name = a.get(1, null);
    if (Ops.unknownOf(name) != null) {
      return Ops.unknownOf(name);
    }
    if (!(name instanceof String s)) {
      throw in.error("TypeError", "attribute name must be string");
    }
    try {
      return in.access.getAttr(obj, s);
    } catch (Signals.PyRaise r) {
      if (a.count() > 2 && r.exc.type.name.equals("AttributeError")) {
        return a.get(2, null);
      }
      throw r;
    }
  }

  private Object print(Interpreter i, CallArgs a) {
    Object file = a.keywords().get("file");
    StringBuilder out = new StringBuilder();
    Object sep = a.keywords().getOrDefault("sep", " ");
    for (int k = 0; k < a.count(); k++) {
      Object s = in.ops.str(a.positional().get(k));
      if (k > 0) {
        out.append(sep instanceof String x ? x : " ");
      }
      out.append(s instanceof String x ? x : "?");
    }
    if (file == null || file instanceof PyNone || file instanceof PyModule) {
      in.printed(out.toString());
    }
    return PyNone.NONE;
  }

  private Object evalBuiltin(Interpreter i, CallArgs a) {
    Object source = a.get(0, "source");
    if (Ops.unknownOf(source) != null) {
      return Ops.unknownOf(source);
    }
    Object globals = a.get(1, "globals");
    Frame frame = globals instanceof PyDict g ? Frame.module(g) : a.frame();
    if (source instanceof PyCode c) {
      in.execCode(c, globals, null, a.frame(), "eval");
      return PyNone.NONE;
    }
    if (!(source instanceof String text)) {
      throw in.error("TypeError", "eval() arg 1 must be a string, bytes or code object");
    }
    Expr e;
    try {
      e = PythonParser.parseExpression(StrMethods.strip(text, "strip", " \t"), in.limits, new ArrayList<>());
    } catch (PythonParser.ParseError err) {
      throw in.error("SyntaxError", err.getMessage());
    }
    return in.eval(e, frame);
  }

  private Object locals(Frame f) {
    if (f.isModule()) {
      return f.globals;
    }
    PyDict d = new PyDict();
    for (Map.Entry<String, Object> e : f.locals.entrySet()) {
      d.put(e.getKey(), e.getValue());
    }
    return d;
  }

  private Object radix(Object v, int radix, String prefix) {
    if (Ops.unknownOf(v) != null) {
      return Ops.unknownOf(v);
    }
    BigInteger i = integer(v);
    String digits = i.abs().toString(radix);
    return (i.signum() < 0 ? "-" : "") + prefix + digits;
  }

  private Object reduce(CallArgs a) {
    Object fn = a.get(0, null);
    Object items = in.ops.iterate(a.get(1, null));
    if (items instanceof Unknown u) {
      return u;
    }
    List<Object> list = Ops.asList(items);
    Object acc;
    int k = 0;
    if (a.count() > 2) {
      acc = a.get(2, null);
    } else {
      if (list.isEmpty()) {
        throw in.error("TypeError", "reduce() of empty sequence with no initial value");
      }
      acc = list.get(0);
      k = 1;
    }
    for (; k < list.size(); k++) {
      acc = in.call(fn, CallArgs.of(a.frame(), a.line(), acc, list.get(k)));
    }
    return acc;
  }

  /** {@code functools.reduce} for the modules. */
  static Object reduceBuiltin(Interpreter in, CallArgs a) {
    Builtins b = new Builtins(in);
    return b.reduce(a);
  }
}
