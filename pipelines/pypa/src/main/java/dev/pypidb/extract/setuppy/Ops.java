package dev.pypidb.extract.setuppy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's operators and conversions over the evaluator's values: truth, equality, ordering,
 * arithmetic, containment, iteration, {@code str()} and {@code repr()}. An {@link Unknown}
 * operand (or a tainted container) makes the result unknown; size limits are checked before a
 * string, list or integer is built.
 */
final class Ops {
  private final Interpreter in;

  Ops(Interpreter in) {
    this.in = in;
  }

  /** The unknown an operand stands for: itself, or a tainted container's taint; else null. */
  static Unknown unknownOf(Object v) {
    if (v instanceof Unknown u) {
      return u;
    }
    if (v instanceof PyList l && l.taint != null) {
      return new Unknown(l.taint);
    }
    if (v instanceof PyDict d && d.taint != null) {
      return new Unknown(d.taint);
    }
    if (v instanceof PySet s && s.taint != null) {
      return new Unknown(s.taint);
    }
    if (v instanceof PyPrefixStr p) {
      return new Unknown(p.reason());
    }
    return null;
  }

  static Unknown firstUnknown(Object a, Object b) {
    Unknown u = unknownOf(a);
    return u != null ? u : unknownOf(b);
  }

  // ---------------------------------------------------------------- types

  String typeName(Object v) {
    return typeName(v, in.target::py2); // asked only for the types whose name depends on it
  }

  /** The name Python gives {@code v}'s type ({@code type(v).__name__}) under Python 2 or 3. */
  static String typeName(Object v, java.util.function.BooleanSupplier py2) {
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof BigInteger i) {
      return i.bitLength() >= 64 && py2.getAsBoolean() ? "long" : "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof PyNone) {
      return "NoneType";
    }
    if (v instanceof PyList) {
      return "list";
    }
    if (v instanceof PyTuple) {
      return "tuple";
    }
    if (v instanceof PyDict) {
      return "dict";
    }
    if (v instanceof PySet s) {
      return s.frozen ? "frozenset" : "set";
    }
    if (v instanceof PyBytes) {
      return py2.getAsBoolean() ? "str" : "bytes";
    }
    if (v instanceof PyFunction) {
      return "function";
    }
    if (v instanceof PyBuiltin || v instanceof PyBound) {
      return "builtin_function_or_method";
    }
    if (v instanceof PyModule m) {
      return m.name.equals("sys.stdout") || m.name.equals("sys.stderr") ? (py2.getAsBoolean() ? "file" : "_io.TextIOWrapper")
          : "module";
    }
    if (v instanceof PyClass || v instanceof PyExceptionType) {
      return py2.getAsBoolean() ? "classobj" : "type";
    }
    if (v instanceof PyInstance i) {
      return i.cls.name;
    }
    if (v instanceof PyException e) {
      return e.typeName();
    }
    if (v instanceof PyFile) {
      return py2.getAsBoolean() ? "file" : "_io.TextIOWrapper";
    }
    if (v instanceof PyPath) {
      return "PosixPath";
    }
    if (v instanceof PyRange) {
      return py2.getAsBoolean() ? "list" : "range";
    }
    if (v instanceof PyIter it) {
      return it.typeName;
    }
    if (v instanceof PyEllipsis) {
      return "ellipsis";
    }
    return "object";
  }

  static BigInteger asInt(Object v) {
    if (v instanceof BigInteger i) {
      return i;
    }
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    return null;
  }

  static boolean isNumber(Object v) {
    return v instanceof BigInteger || v instanceof Boolean || v instanceof Double;
  }

  static double asDouble(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    return asInt(v).doubleValue();
  }

  /** A Java int from a Python int, or an OverflowError when it does not fit. */
  int smallInt(Object v, String what) {
    BigInteger i = asInt(v);
    if (i == null) {
      throw in.error("TypeError", what + " must be an integer, not " + typeName(v));
    }
    if (i.bitLength() > 31) {
      throw in.bound(what + " " + i + " is too large");
    }
    return i.intValue();
  }

  // ---------------------------------------------------------------- truth and equality

  /** Python truth of {@code v}, or null when unknown. */
  Boolean truth(Object v) {
    if (unknownOf(v) != null) {
      return v instanceof PyPrefixStr ? Boolean.TRUE : null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof PyNone) {
      return false;
    }
    if (v instanceof BigInteger i) {
      return i.signum() != 0;
    }
    if (v instanceof Double d) {
      return d != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof PyBytes b) {
      return b.length() > 0;
    }
    if (v instanceof PyList l) {
      return !l.items.isEmpty();
    }
    if (v instanceof PyTuple t) {
      return !t.items.isEmpty();
    }
    if (v instanceof PyDict d) {
      return d.size() > 0;
    }
    if (v instanceof PySet s) {
      return s.size() > 0;
    }
    if (v instanceof PyRange r) {
      return r.length().signum() > 0;
    }
    if (v instanceof PyIter it && it.view) {
      return it.size() > 0;
    }
    return true;
  }

  /** {@code a == b}, or null when unknown. */
  Boolean eq(Object a, Object b) {
    if (a == b && !(a instanceof Double)) {
      return true;
    }
    if (a instanceof PyPrefixStr p && b instanceof String s) {
      return prefixEq(p, s);
    }
    if (b instanceof PyPrefixStr p && a instanceof String s) {
      return prefixEq(p, s);
    }
    if (firstUnknown(a, b) != null) {
      return null;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        return asDouble(a) == asDouble(b);
      }
      return asInt(a).equals(asInt(b));
    }
    if (a instanceof String x && b instanceof String y) {
      return x.equals(y);
    }
    if (a instanceof PyBytes x && b instanceof PyBytes y) {
      return x.equals(y);
    }
    if ((a instanceof PyBytes || b instanceof PyBytes) && (a instanceof String || b instanceof String)
        && in.target.py2()) {
      return text(a).equals(text(b));
    }
    if (a instanceof PyTuple x && b instanceof PyTuple y) {
      return sequenceEq(x.items, y.items);
    }
    if (a instanceof PyList x && b instanceof PyList y) {
      return sequenceEq(x.items, y.items);
    }
    if (a instanceof PyDict x && b instanceof PyDict y) {
      if (x.size() != y.size()) {
        return false;
      }
      Boolean all = true;
      for (Map.Entry<Object, Object> e : x.entries()) {
        Object other = y.get(e.getKey());
        if (other == null) {
          return false;
        }
        Boolean same = eq(e.getValue(), other);
        if (Boolean.FALSE.equals(same)) {
          return false;
        }
        if (same == null) {
          all = null;
        }
      }
      return all;
    }
    if (a instanceof PySet x && b instanceof PySet y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Object o : x.items()) {
        if (!y.contains(o)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof PyPath x && b instanceof PyPath y) {
      return x.equals(y);
    }
    if (a instanceof PyRange x && b instanceof PyRange y) {
      return x.equals(y);
    }
    return false;
  }

  private static Boolean prefixEq(PyPrefixStr p, String s) {
    return s.startsWith(p.known()) ? null : Boolean.FALSE;
  }

  private Boolean sequenceEq(List<Object> x, List<Object> y) {
    if (x.size() != y.size()) {
      return false;
    }
    Boolean all = true;
    for (int k = 0; k < x.size(); k++) {
      Boolean same = eq(x.get(k), y.get(k));
      if (Boolean.FALSE.equals(same)) {
        return false;
      }
      if (same == null) {
        all = null;
      }
    }
    return all;
  }

  /** The text of a str, or of a Python 2 byte string; for equality only. */
  private static String text(Object v) {
    return v instanceof PyBytes b ? b.latin1() : (String) v;
  }

  // ---------------------------------------------------------------- comparison

  /** {@code a op b} for op in {@code == != < > <= >= in not in is is not}; null when unknown. */
  Boolean compare(String op, Object a, Object b) {
    Boolean version = compareVersion(op, a, b);
    if (version != null) {
      return version;
    }
    switch (op) {
      case "==":
        return eq(a, b);
      case "!=": {
        Boolean e = eq(a, b);
        return e == null ? null : !e;
      }
      case "is":
      case "is not": {
        if (firstUnknown(a, b) != null) {
          return null;
        }
        boolean same = a == b || (a instanceof Boolean && a.equals(b));
        return op.equals("is") ? same : !same;
      }
      case "in":
      case "not in": {
        Boolean c = contains(b, a);
        return c == null ? null : op.equals("in") == c;
      }
      default:
        return order(op, a, b);
    }
  }

  /**
   * A comparison of (a prefix of) {@code sys.version_info} with a tuple of ints, asked of the
   * target as one question ({@link PythonTarget#compareVersion}); null for any other comparison.
   */
  private Boolean compareVersion(String op, Object a, Object b) {
    if (a instanceof PyTuple x && x.items instanceof PythonTarget.VersionItems v && b instanceof PyTuple y
        && !(y.items instanceof PythonTarget.VersionItems)) {
      return in.target.compareVersion(op, v, y.items, true);
    }
    if (b instanceof PyTuple y && y.items instanceof PythonTarget.VersionItems v && a instanceof PyTuple x
        && !(x.items instanceof PythonTarget.VersionItems)) {
      return in.target.compareVersion(op, v, x.items, false);
    }
    return null;
  }

  private Boolean order(String op, Object a, Object b) {
    if (a instanceof PyPrefixStr p && b instanceof String s) {
      return prefixOrder(op, p.known(), s, false);
    }
    if (b instanceof PyPrefixStr p && a instanceof String s) {
      return prefixOrder(op, p.known(), s, true);
    }
    if (firstUnknown(a, b) != null) {
      return null;
    }
    Integer c = cmp(a, b, op);
    if (c == null) {
      return null;
    }
    return switch (op) {
      case "<" -> c < 0;
      case ">" -> c > 0;
      case "<=" -> c <= 0;
      default -> c >= 0;
    };
  }

  /** Orders a str with a known prefix against {@code s}: decided if they differ inside the prefix. */
  private static Boolean prefixOrder(String op, String known, String s, boolean swapped) {
    int n = Math.min(known.length(), s.length());
    for (int k = 0; k < n; k++) {
      if (known.charAt(k) != s.charAt(k)) {
        int c = Character.compare(known.charAt(k), s.charAt(k));
        if (swapped) {
          c = -c;
        }
        return switch (op) {
          case "<", "<=" -> c < 0;
          default -> c > 0;
        };
      }
    }
    if (s.length() <= known.length()) {
      // The full string is longer than the known prefix, which already covers s.
      int c = swapped ? -1 : 1;
      return switch (op) {
        case "<", "<=" -> c < 0;
        default -> c > 0;
      };
    }
    return null;
  }

  /** Three-way comparison for ordering; null when unknown. */
  Integer cmp(Object a, Object b, String op) {
    if (firstUnknown(a, b) != null) {
      return null;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        return Double.compare(asDouble(a), asDouble(b));
      }
      return asInt(a).compareTo(asInt(b));
    }
    if (a instanceof String x && b instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    if (a instanceof PyBytes x && b instanceof PyBytes y) {
      return Integer.signum(x.latin1().compareTo(y.latin1()));
    }
    if ((a instanceof PyTuple && b instanceof PyTuple) || (a instanceof PyList && b instanceof PyList)) {
      List<Object> x = a instanceof PyTuple t ? t.items : ((PyList) a).items;
      List<Object> y = b instanceof PyTuple t ? t.items : ((PyList) b).items;
      for (int k = 0; k < Math.min(x.size(), y.size()); k++) {
        Boolean same = eq(x.get(k), y.get(k));
        if (same == null) {
          return null;
        }
        if (!same) {
          return cmp(x.get(k), y.get(k), op);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof PySet x && b instanceof PySet y) {
      boolean sub = x.items().stream().allMatch(y::contains);
      boolean sup = y.items().stream().allMatch(x::contains);
      if (sub && sup) {
        return 0;
      }
      if (op.startsWith("<")) {
        return sub ? -1 : 1;
      }
      return sup ? 1 : -1;
    }
    if (in.target.py2()) {
      // Python 2 orders unlike types: None first, numbers next, then by type name.
      return Integer.compare(py2Rank(a), py2Rank(b)) != 0 ? Integer.compare(py2Rank(a), py2Rank(b))
          : Integer.signum(typeName(a).compareTo(typeName(b)));
    }
    throw in.error("TypeError", "'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
        + typeName(b) + "'");
  }

  private static int py2Rank(Object v) {
    return v instanceof PyNone ? 0 : isNumber(v) ? 1 : 2;
  }

  /** {@code item in container}; null when unknown. */
  Boolean contains(Object container, Object item) {
    if (container instanceof PyPrefixStr) {
      return null;
    }
    if (unknownOf(container) != null) {
      return null;
    }
    if (container instanceof String s) {
      if (unknownOf(item) != null) {
        return null;
      }
      if (!(item instanceof String sub)) {
        throw in.error("TypeError", in.target.py2() ? "'in <string>' requires string as left operand"
            : "'in <string>' requires string as left operand, not " + typeName(item));
      }
      return s.contains(sub);
    }
    if (container instanceof PyBytes b && item instanceof PyBytes sub) {
      return b.latin1().contains(sub.latin1());
    }
    if (container instanceof PyDict d) {
      if (unknownOf(item) != null) {
        return null;
      }
      requireHashable(item);
      return d.containsKey(item);
    }
    if (container instanceof PySet s) {
      if (unknownOf(item) != null) {
        return null;
      }
      requireHashable(item);
      return s.contains(item);
    }
    Object items = iterate(container);
    if (items instanceof Unknown) {
      return null;
    }
    Boolean found = false;
    for (Object o : asList(items)) {
      Boolean same = eq(o, item);
      if (Boolean.TRUE.equals(same)) {
        return true;
      }
      if (same == null) {
        found = null;
      }
    }
    return found;
  }

  void requireHashable(Object v) {
    if (!Keys.hashable(v) && unknownOf(v) == null) {
      throw in.error("TypeError", "unhashable type: '" + typeName(v) + "'");
    }
  }

  // ---------------------------------------------------------------- iteration

  /** The items {@code v} iterates over (a fresh list), or an {@link Unknown}. */
  Object iterate(Object v) {
    Unknown u = unknownOf(v);
    if (u != null) {
      return u;
    }
    if (v instanceof PyList l) {
      return new ArrayList<>(l.items);
    }
    if (v instanceof PyTuple t) {
      return new ArrayList<>(t.items);
    }
    if (v instanceof PyDict d) {
      return d.keyList();
    }
    if (v instanceof PySet s) {
      return s.items();
    }
    if (v instanceof String s) {
      List<Object> out = new ArrayList<>(s.length());
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    if (v instanceof PyBytes b) {
      List<Object> out = new ArrayList<>(b.length());
      for (byte x : b.bytes()) {
        out.add(in.target.py2() ? String.valueOf((char) (x & 0xff)) : BigInteger.valueOf(x & 0xff));
      }
      return out;
    }
    if (v instanceof PyRange r) {
      BigInteger n = r.length();
      long cap = Math.max(in.limits.maxLoopIterations(), in.limits.maxCollectionSize());
      if (n.compareTo(BigInteger.valueOf(cap)) > 0) {
        throw in.bound("range of " + n + " items, over the " + cap + " item limit");
      }
      List<Object> out = new ArrayList<>(n.intValue());
      BigInteger x = r.start();
      for (int k = 0; k < n.intValue(); k++) {
        out.add(x);
        x = x.add(r.step());
      }
      return out;
    }
    if (v instanceof PyFile f) {
      return in.fileLines(f);
    }
    if (v instanceof PyIter it) {
      return it.drain();
    }
    if (v instanceof PyInstance || v instanceof PyModule || v instanceof PyFunction) {
      return new Unknown("iterating over " + typeName(v) + " is not modelled");
    }
    throw in.error("TypeError", "'" + typeName(v) + "' object is not iterable");
  }

  /**
   * What {@code map}, {@code filter}, {@code zip}... return: a list on Python 2, an iterator of
   * that type on Python 3.
   */
  Object lazy(String typeName, List<Object> items) {
    return in.target.py2() ? new PyList(items) : new PyIter(typeName, false, items);
  }

  /** A dict's keys(), values() or items(): a list on Python 2, a view on Python 3. */
  Object dictView(String typeName, List<Object> items) {
    return in.target.py2() ? new PyList(items) : new PyIter(typeName, true, items);
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object iterated) {
    return (List<Object>) iterated;
  }

  // ---------------------------------------------------------------- arithmetic

  Object unary(String op, Object v) {
    if (op.equals("not")) {
      Boolean t = truth(v);
      return t == null ? unknownOf(v) : !t;
    }
    Unknown u = unknownOf(v);
    if (u != null) {
      return u;
    }
    if (v instanceof Double d) {
      return switch (op) {
        case "-" -> -d;
        case "+" -> d;
        default -> throw in.error("TypeError", "bad operand type for unary ~: 'float'");
      };
    }
    BigInteger i = asInt(v);
    if (i == null) {
      throw in.error("TypeError", "bad operand type for unary " + op + ": '" + typeName(v) + "'");
    }
    return switch (op) {
      case "-" -> i.negate();
      case "+" -> i;
      default -> i.not();
    };
  }

  /** {@code a op b} for the binary operators. */
  Object binary(String op, Object a, Object b) {
    if (op.equals("/") && a instanceof PyPath p && !(b instanceof Unknown)) {
      if (b instanceof String s) {
        return p.join(s);
      }
      if (b instanceof PyPath q) {
        return p.join(q.path());
      }
    }
    if (op.equals("/") && a instanceof String s && b instanceof PyPath q) {
      return PyPath.of(s).join(q.path());
    }
    if (op.equals("%") && (a instanceof String || a instanceof PyBytes) && unknownOf(a) == null) {
      return in.formats.percent(a, b);
    }
    Unknown u = firstUnknown(a, b);
    if (u != null) {
      return u;
    }
    if (isNumber(a) && isNumber(b)) {
      return arithmetic(op, a, b);
    }
    switch (op) {
      case "+":
        if (a instanceof String x && b instanceof String y) {
          in.checkString((long) x.length() + y.length());
          return x + y;
        }
        if (a instanceof PyBytes x && b instanceof PyBytes y) {
          in.checkString((long) x.length() + y.length());
          return PyBytes.ofLatin1(x.latin1() + y.latin1());
        }
        if (a instanceof PyList x && b instanceof PyList y) {
          in.checkCollection((long) x.items.size() + y.items.size());
          PyList out = new PyList(x.items);
          out.items.addAll(y.items);
          return out;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
          in.checkCollection((long) x.items.size() + y.items.size());
          List<Object> out = new ArrayList<>(x.items);
          out.addAll(y.items);
          return new PyTuple(out);
        }
        if (a instanceof String && !(b instanceof String)) {
          throw in.error("TypeError", concatMessage(b));
        }
        break;
      case "*":
        if (asInt(b) != null && (a instanceof String || a instanceof PyList || a instanceof PyTuple || a instanceof PyBytes)) {
          return repeat(a, asInt(b));
        }
        if (asInt(a) != null && (b instanceof String || b instanceof PyList || b instanceof PyTuple || b instanceof PyBytes)) {
          return repeat(b, asInt(a));
        }
        break;
      case "|":
        if (a instanceof PyDict x && b instanceof PyDict y && in.target.minor3AtLeast(9)) {
          PyDict out = x.copy();
          for (Map.Entry<Object, Object> e : y.entries()) {
            out.put(e.getKey(), e.getValue());
          }
          return out;
        }
        if (a instanceof PySet x && b instanceof PySet y) {
          PySet out = new PySet(x.frozen);
          x.items().forEach(out::add);
          y.items().forEach(out::add);
          return out;
        }
        break;
      case "&":
      case "-":
      case "^":
        if (a instanceof PySet x && b instanceof PySet y) {
          PySet out = new PySet(x.frozen);
          for (Object o : x.items()) {
            boolean inY = y.contains(o);
            if (op.equals("&") ? inY : !inY) {
              out.add(o);
            }
          }
          if (op.equals("^")) {
            for (Object o : y.items()) {
              if (!x.contains(o)) {
                out.add(o);
              }
            }
          }
          return out;
        }
        break;
      default:
        break;
    }
    throw in.error("TypeError", "unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
        + typeName(b) + "'");
  }

  private String concatMessage(Object b) {
    if (in.target.py2()) {
      return "cannot concatenate 'str' and '" + typeName(b) + "' objects";
    }
    if (in.target.minor3AtLeast(7)) {
      return "can only concatenate str (not \"" + typeName(b) + "\") to str";
    }
    if (in.target.minor3AtLeast(6)) {
      return "must be str, not " + typeName(b);
    }
    return "Can't convert '" + typeName(b) + "' object to str implicitly";
  }

  private Object repeat(Object seq, BigInteger times) {
    long n = Math.max(0, times.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
    if (seq instanceof String s) {
      in.checkString(s.length() * n);
      return s.repeat((int) n);
    }
    if (seq instanceof PyBytes b) {
      in.checkString(b.length() * n);
      return PyBytes.ofLatin1(b.latin1().repeat((int) n));
    }
    List<Object> items = seq instanceof PyList l ? l.items : ((PyTuple) seq).items;
    in.checkCollection(items.size() * n);
    List<Object> out = new ArrayList<>();
    for (long k = 0; k < n; k++) {
      out.addAll(items);
    }
    return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
  }

  private Object arithmetic(String op, Object a, Object b) {
    boolean floats = a instanceof Double || b instanceof Double;
    if (floats || (op.equals("/") && !in.target.py2())) {
      double x = asDouble(a);
      double y = asDouble(b);
      switch (op) {
        case "+":
          return x + y;
        case "-":
          return x - y;
        case "*":
          return x * y;
        case "/":
          if (y == 0) {
            throw in.error("ZeroDivisionError", floats ? "float division by zero" : "division by zero");
          }
          return x / y;
        case "//":
          if (y == 0) {
            throw in.error("ZeroDivisionError", "float divmod()");
          }
          return Math.floor(x / y);
        case "%":
          if (y == 0) {
            throw in.error("ZeroDivisionError", "float modulo");
          }
          return x - Math.floor(x / y) * y;
        case "**":
          return Math.pow(x, y);
        default:
          throw in.error("TypeError", "unsupported operand type(s) for " + op + ": 'float' and 'float'");
      }
    }
    BigInteger x = asInt(a);
    BigInteger y = asInt(b);
    int maxBits = in.limits.maxIntBits();
    switch (op) {
      case "+":
        return x.add(y);
      case "-":
        return x.subtract(y);
      case "*":
        if ((long) x.bitLength() + y.bitLength() > maxBits) {
          throw in.bound("an integer of more than " + maxBits + " bits");
        }
        return x.multiply(y);
      case "/":
      case "//":
        if (y.signum() == 0) {
          throw in.error("ZeroDivisionError", "integer division or modulo by zero");
        }
        return floorDiv(x, y);
      case "%":
        if (y.signum() == 0) {
          throw in.error("ZeroDivisionError", "integer division or modulo by zero");
        }
        return x.subtract(floorDiv(x, y).multiply(y));
      case "**":
        if (y.signum() < 0) {
          return Math.pow(x.doubleValue(), y.doubleValue());
        }
        if (x.bitLength() > 1 && (y.bitLength() > 31 || (long) x.bitLength() * y.longValue() > maxBits)) {
          throw in.bound("an integer of more than " + maxBits + " bits");
        }
        if (x.bitLength() <= 1) {
          return x.signum() == 0 ? (y.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO)
              : x.equals(BigInteger.ONE) ? BigInteger.ONE : (y.testBit(0) ? x : BigInteger.ONE);
        }
        return x.pow(y.intValue());
      case "<<":
        if (y.signum() < 0) {
          throw in.error("ValueError", "negative shift count");
        }
        if (y.bitLength() > 31 || x.bitLength() + y.longValue() > maxBits) {
          throw in.bound("an integer of more than " + maxBits + " bits");
        }
        return x.shiftLeft(y.intValue());
      case ">>":
        if (y.signum() < 0) {
          throw in.error("ValueError", "negative shift count");
        }
        return y.bitLength() > 31 ? (x.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO) : x.shiftRight(y.intValue());
      case "&":
        return a instanceof Boolean p && b instanceof Boolean q ? (Object) (p & q) : x.and(y);
      case "|":
        return a instanceof Boolean p && b instanceof Boolean q ? (Object) (p | q) : x.or(y);
      case "^":
        return a instanceof Boolean p && b instanceof Boolean q ? (Object) (p ^ q) : x.xor(y);
      default:
        throw in.error("TypeError", "unsupported operand type(s) for " + op + ": 'int' and 'int'");
    }
  }

  private static BigInteger floorDiv(BigInteger x, BigInteger y) {
    BigInteger[] qr = x.divideAndRemainder(y);
    if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
      return qr[0].subtract(BigInteger.ONE);
    }
    return qr[0];
  }

  // ---------------------------------------------------------------- str and repr

  /** {@code str(v)}: a String, or an {@link Unknown}. */
  Object str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof PyBytes b && in.target.py2()) {
      return b.latin1();
    }
    if (v instanceof PyPath p) {
      return p.path();
    }
    if (v instanceof PyException e) {
      return exceptionText(e);
    }
    if (v instanceof Double d && in.target.py2() && !d.isNaN() && !d.isInfinite()) {
      return py2FloatStr(d);
    }
    return repr(v);
  }

  /** Python 2's str() of a float: 12 significant digits, exponent form from 1e11 on, ".0" if integral. */
  private static String py2FloatStr(double d) {
    String s = new java.math.BigDecimal(d).round(new java.math.MathContext(12)).stripTrailingZeros().toString();
    java.math.BigDecimal bd = new java.math.BigDecimal(s);
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 11) {
      String digits = bd.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    String plain = bd.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** {@code repr(v)}: a String, or an {@link Unknown}. */
  Object repr(Object v) {
    Unknown u = unknownOf(v);
    if (u != null) {
      return u;
    }
    if (v instanceof String s) {
      if (in.target.py2()) {
        // A Python 2 text read from a file is bytes (one char per byte here); other text is unicode.
        return s.chars().allMatch(c -> c < 0x100) ? PyRepr.quoteBytes(s) : "u" + PyRepr.quote(s);
      }
      return PyRepr.quote(s);
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof BigInteger i) {
      return i.toString();
    }
    if (v instanceof Double d) {
      return floatRepr(d);
    }
    if (v instanceof PyNone) {
      return "None";
    }
    if (v instanceof PyBytes b) {
      return in.target.py2() ? PyRepr.quote(b.latin1()) : b.toString();
    }
    if (v instanceof PyList l) {
      return join("[", l.items, "]");
    }
    if (v instanceof PyTuple t) {
      if (t.names != null && !in.target.py2()) {
        return namedTupleRepr(t);
      }
      return t.items.size() == 1 ? join("(", t.items, ",)") : join("(", t.items, ")");
    }
    if (v instanceof PySet s) {
      if (s.size() == 0) {
        return s.frozen ? "frozenset()" : "set()";
      }
      Object inner = join("{", s.items(), "}");
      return s.frozen && inner instanceof String x ? "frozenset(" + x + ")" : inner;
    }
    if (v instanceof PyDict d) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<Object, Object> e : d.entries()) {
        Object k = repr(e.getKey());
        Object val = repr(e.getValue());
        if (k instanceof Unknown x) {
          return x;
        }
        if (val instanceof Unknown x) {
          return x;
        }
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(k).append(": ").append(val);
        in.checkString(out.length());
      }
      return out.append('}').toString();
    }
    if (v instanceof PyPath p) {
      return "PosixPath(" + PyRepr.quote(p.path()) + ")";
    }
    if (v instanceof PyException e) {
      Object args = join("(", e.args, e.args.size() == 1 ? ",)" : ")");
      return args instanceof String s ? e.typeName() + s : args;
    }
    if (v instanceof PyRange r) {
      return "range(" + r.start() + ", " + r.stop() + (r.step().equals(BigInteger.ONE) ? "" : ", " + r.step()) + ")";
    }
    if (v instanceof PyFunction f) {
      return "<function " + f.name + ">";
    }
    if (v instanceof PyIter it && it.view) {
      Object inner = join("[", it.drain(), "]");
      return inner instanceof String s ? it.typeName + "(" + s + ")" : inner;
    }
    if (v instanceof PyEllipsis) {
      return "Ellipsis";
    }
    if (v instanceof PyModule || v instanceof PyBuiltin || v instanceof PyExceptionType) {
      return v.toString();
    }
    if (v instanceof PyClass c) {
      return "<class '" + c.name + "'>";
    }
    return new Unknown("the repr of a " + typeName(v) + " object (it includes a memory address)");
  }

  private Object namedTupleRepr(PyTuple t) {
    StringBuilder out = new StringBuilder("sys.version_info(");
    for (int k = 0; k < t.items.size(); k++) {
      if (k > 0) {
        out.append(", ");
      }
      out.append(t.names.get(k)).append('=').append(repr(t.items.get(k)));
    }
    return out.append(')').toString();
  }

  private Object join(String open, List<Object> items, String close) {
    StringBuilder out = new StringBuilder(open);
    for (int k = 0; k < items.size(); k++) {
      Object r = repr(items.get(k));
      if (r instanceof Unknown u) {
        return u;
      }
      if (k > 0) {
        out.append(", ");
      }
      out.append((String) r);
      in.checkString(out.length());
    }
    return out.append(close).toString();
  }

  /** {@code str()} of an exception: its one argument, or the tuple of them. */
  Object exceptionText(PyException e) {
    if (e.args.isEmpty()) {
      return "";
    }
    if (in.target.isOSError(e.type) && e.args.size() >= 2 && e.args.size() <= 3 && asInt(e.args.get(0)) != null) {
      Object message = str(e.args.get(1));
      Object filename = e.args.size() == 3 ? repr(e.args.get(2)) : "";
      if (message instanceof String m && filename instanceof String f) {
        return "[Errno " + e.args.get(0) + "] " + m + (f.isEmpty() ? "" : ": " + f);
      }
    }
    if (e.args.size() == 1) {
      return e.type.name.equals("KeyError") && e.userClass == null ? repr(e.args.get(0)) : str(e.args.get(0));
    }
    return repr(new PyTuple(e.args));
  }

  /** Python's repr of a float: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double abs = Math.abs(d);
    if (abs >= 1e-4 && abs < 1e16) {
      String s = bd.toPlainString();
      return s.contains(".") ? s : s + ".0";
    }
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
        + Math.abs(exp);
  }
}
