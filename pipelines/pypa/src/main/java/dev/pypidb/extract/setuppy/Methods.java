package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attributes and methods of built-in values: str, bytes, list, tuple, dict, set, open files,
 * pathlib paths, exceptions, {@code sys.version_info}. Methods of a tainted container answer
 * unknown (mutations of it are dropped: it stays unknown).
 */
final class Methods {
  private static final Set<String> STR = Set.of("strip", "lstrip", "rstrip", "split", "rsplit", "splitlines",
      "startswith", "endswith", "replace", "join", "lower", "upper", "title", "capitalize", "casefold", "swapcase",
      "find", "rfind", "index", "rindex", "count", "isdigit", "isalpha", "isalnum", "isspace", "isupper",
      "islower", "isnumeric", "isdecimal", "isidentifier", "istitle", "isascii", "partition", "rpartition",
      "zfill", "ljust", "rjust", "center", "format", "format_map", "encode", "decode", "expandtabs",
      "removeprefix", "removesuffix", "__len__", "__contains__");
  private static final Set<String> LIST = Set.of("append", "extend", "insert", "remove", "pop", "index", "count",
      "sort", "reverse", "copy", "clear", "__len__", "__contains__", "__getitem__");
  private static final Set<String> DICT = Set.of("get", "keys", "values", "items", "update", "setdefault", "pop",
      "popitem", "copy", "clear", "has_key", "iteritems", "iterkeys", "itervalues", "__contains__", "__getitem__");
  private static final Set<String> SET = Set.of("add", "update", "union", "intersection", "difference",
      "symmetric_difference", "discard", "remove", "pop", "clear", "copy", "issubset", "issuperset", "isdisjoint");
  private static final Set<String> FILE = Set.of("read", "readline", "readlines", "close", "write", "writelines",
      "__enter__", "__exit__", "seek", "tell", "flush");
  private static final Set<String> PATH = Set.of("exists", "is_file", "is_dir", "read_text", "read_bytes", "open",
      "joinpath", "resolve", "absolute", "with_name", "with_suffix", "iterdir", "relative_to", "as_posix", "glob",
      "rglob", "is_absolute", "expanduser");

  private final Interpreter in;

  Methods(Interpreter in) {
    this.in = in;
  }

  // ---------------------------------------------------------------- attributes

  Object attribute(Object obj, String name) {
    if (obj instanceof PyPrefixStr p) {
      return STR.contains(name) ? new PyBound(obj, name) : new Unknown(p.reason());
    }
    if (obj instanceof String) {
      if (STR.contains(name) && available(name)) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyBytes) {
      if (STR.contains(name) && !name.equals("encode") && !name.equals("format")) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyList) {
      if (LIST.contains(name)) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyTuple t) {
      if (t.names != null && t.names.contains(name)) {
        return t.items.get(t.names.indexOf(name));
      }
      if (name.equals("index") || name.equals("count") || name.equals("__len__")) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyDict) {
      if (DICT.contains(name) && (in.target.py2() || !name.startsWith("has_") && !name.startsWith("iter"))) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PySet) {
      if (SET.contains(name)) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyFile f) {
      if (FILE.contains(name) || name.equals("__iter__")) {
        return new PyBound(obj, name);
      }
      if (name.equals("name")) {
        return f.name;
      }
      if (name.equals("closed")) {
        return f.closed;
      }
    } else if (obj instanceof PyPath p) {
      return pathAttribute(p, name);
    } else if (obj instanceof PyException e) {
      return exceptionAttribute(e, name);
    } else if (obj instanceof PyRange r) {
      switch (name) {
        case "start":
          return r.start();
        case "stop":
          return r.stop();
        case "step":
          return r.step();
        default:
          break;
      }
    } else if (obj instanceof PyRegex.Compiled c) {
      if (name.equals("pattern")) {
        return c.source();
      }
      if (Set.of("match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split").contains(name)) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyRegex.Match m) {
      if (name.equals("string")) {
        return m.string();
      }
      if (Set.of("group", "groups", "groupdict", "start", "end", "span").contains(name)) {
        return new PyBound(obj, name);
      }
    } else if (obj instanceof PyBuiltin b) {
      return typeAttribute(b, name);
    } else if (obj instanceof PyExceptionType t && name.equals("__name__")) {
      return t.name;
    }
    if (obj instanceof PyBound || obj instanceof PyBuiltin || obj instanceof PyMethod) {
      return new Unknown("attribute " + name + " of a function is not modelled");
    }
    throw in.error("AttributeError", "'" + in.ops.typeName(obj) + "' object has no attribute '" + name + "'");
  }

  private boolean available(String name) {
    return switch (name) {
      case "removeprefix", "removesuffix" -> in.target.minor3() >= 9;
      case "isascii" -> in.target.minor3() >= 7;
      case "casefold", "format_map", "isidentifier" -> !in.target.py2();
      default -> true;
    };
  }

  private Object pathAttribute(PyPath p, String name) {
    switch (name) {
      case "name":
        return p.name();
      case "stem":
        return p.stem();
      case "suffix":
        return p.suffix();
      case "parent":
        return p.parent();
      case "parts": {
        List<Object> parts = new ArrayList<>();
        if (p.path().startsWith("/")) {
          parts.add("/");
        }
        for (String s : p.path().split("/")) {
          if (!s.isEmpty() && !s.equals(".")) {
            parts.add(s);
          }
        }
        return new PyTuple(parts);
      }
      case "parents": {
        List<Object> parents = new ArrayList<>();
        PyPath x = p;
        while (!x.parent().equals(x)) {
          x = x.parent();
          parents.add(x);
        }
        return new PyTuple(parents);
      }
      default:
        if (PATH.contains(name)) {
          return new PyBound(p, name);
        }
        throw in.error("AttributeError", "'PosixPath' object has no attribute '" + name + "'");
    }
  }

  private Object exceptionAttribute(PyException e, String name) {
    boolean os = e.type.isSubclassOf(in.target.exceptions.get(in.target.py2() ? "EnvironmentError" : "OSError"));
    switch (name) {
      case "args":
        return new PyTuple(e.args);
      case "errno":
        return os && e.args.size() >= 2 ? e.args.get(0) : PyNone.NONE;
      case "strerror":
        return os && e.args.size() >= 2 ? e.args.get(1) : PyNone.NONE;
      case "filename":
        return os && e.args.size() >= 3 ? e.args.get(2) : PyNone.NONE;
      case "message":
        if (in.target.py2()) {
          return e.args.size() == 1 ? e.args.get(0) : "";
        }
        break;
      case "code":
        if (e.type.name.equals("SystemExit")) {
          return e.args.isEmpty() ? PyNone.NONE : e.args.get(0);
        }
        break;
      default:
        break;
    }
    throw in.error("AttributeError", "'" + e.typeName() + "' object has no attribute '" + name + "'");
  }

  /** {@code str.join}, {@code dict.fromkeys}...: the method taking its receiver as first argument. */
  private Object typeAttribute(PyBuiltin type, String name) {
    if (name.equals("__name__")) {
      return type.name;
    }
    if (type.name.equals("chain") && name.equals("from_iterable")) {
      return new PyBuiltin("chain.from_iterable", (in2, a) -> {
        Object items = in2.ops.iterate(a.get(0, null));
        return items instanceof Unknown u ? u : TextModules.chain(in2, Ops.asList(items));
      });
    }
    if (type.name.endsWith("Path") && (name.equals("cwd") || name.equals("home"))) {
      return new PyBuiltin("Path." + name, (in2, a) -> name.equals("cwd") ? PyPath.of(in2.files.cwd)
          : new Unknown("the crawler's home directory"));
    }
    if (type.name.equals("dict") && name.equals("fromkeys")) {
      return new PyBuiltin("dict.fromkeys", (in2, a) -> {
        Object keys = in2.ops.iterate(a.get(0, null));
        if (keys instanceof Unknown u) {
          return u;
        }
        PyDict d = new PyDict();
        Object v = a.count() > 1 ? a.get(1, null) : PyNone.NONE;
        for (Object k : Ops.asList(keys)) {
          in2.ops.requireHashable(k);
          d.put(k, v);
        }
        return d;
      });
    }
    Set<String> methods = switch (type.name) {
      case "str", "unicode" -> STR;
      case "list" -> LIST;
      case "dict" -> DICT;
      case "set" -> SET;
      default -> Set.of();
    };
    if (!methods.contains(name)) {
      return new Unknown(type.name + "." + name + " is not modelled");
    }
    return new PyBuiltin(type.name + "." + name, (in2, a) -> {
      if (a.count() == 0) {
        throw in2.error("TypeError", "descriptor '" + name + "' of '" + type.name + "' object needs an argument");
      }
      return call(a.positional().get(0), name, new CallArgs(a.positional().subList(1, a.count()), a.keywords(),
          a.unknownStar(), a.unknownDoubleStar(), a.frame(), a.line()));
    });
  }

  // ---------------------------------------------------------------- calls

  Object call(Object self, String name, CallArgs a) {
    if (a.unknown() != null && !(self instanceof PyList) && !(self instanceof PyDict)) {
      return a.unknown();
    }
    if (self instanceof PyPrefixStr p) {
      return prefixCall(p, name, a);
    }
    if (self instanceof String s) {
      return StrMethods.call(in, s, name, a);
    }
    if (self instanceof PyBytes b) {
      return bytesCall(b, name, a);
    }
    if (self instanceof PyList l) {
      return listCall(l, name, a);
    }
    if (self instanceof PyTuple t) {
      return sequenceQuery(t.items, name, a, "tuple");
    }
    if (self instanceof PyDict d) {
      return dictCall(d, name, a);
    }
    if (self instanceof PySet s) {
      return setCall(s, name, a);
    }
    if (self instanceof PyFile f) {
      return fileCall(f, name, a);
    }
    if (self instanceof PyPath p) {
      return in.modules.pathCall(p, name, a);
    }
    if (self instanceof PyRegex.Compiled c) {
      return PyRegex.call(in, c, name, a);
    }
    if (self instanceof PyRegex.Match m) {
      return PyRegex.matchCall(in, m, name, a);
    }
    throw in.error("AttributeError", "'" + in.ops.typeName(self) + "' object has no attribute '" + name + "'");
  }

  private Object bytesCall(PyBytes b, String name, CallArgs a) {
    if (name.equals("decode")) {
      Object enc = a.get(0, "encoding");
      Object errors = a.get(1, "errors");
      if (Ops.unknownOf(enc) != null) {
        return Ops.unknownOf(enc);
      }
      TextCodec.Result r = TextCodec.decode(b.bytes(), enc == null ? "utf-8" : in.text(enc, "decode() argument 'encoding'"),
          errors instanceof String e ? e : null);
      if (r.text() == null) {
        throw in.error(r.errorType(), r.error());
      }
      return r.text();
    }
    List<Object> args = new ArrayList<>();
    for (Object o : a.positional()) {
      args.add(o instanceof PyBytes x ? x.latin1() : o);
    }
    Object r = StrMethods.call(in, b.latin1(), name, new CallArgs(args, a.keywords(), null, null, a.frame(), a.line()));
    return rewrapBytes(r);
  }

  private static Object rewrapBytes(Object r) {
    if (r instanceof String s) {
      return PyBytes.ofLatin1(s);
    }
    if (r instanceof PyList l) {
      l.items.replaceAll(Methods::rewrapBytes);
      return l;
    }
    if (r instanceof PyTuple t) {
      List<Object> items = new ArrayList<>(t.items);
      items.replaceAll(Methods::rewrapBytes);
      return new PyTuple(items);
    }
    return r;
  }

  private Object prefixCall(PyPrefixStr p, String name, CallArgs a) {
    Object arg = a.get(0, null);
    if (name.equals("startswith") && arg instanceof String s) {
      if (p.known().startsWith(s)) {
        return true;
      }
      return s.startsWith(p.known()) ? new Unknown(p.reason()) : (Object) false;
    }
    if (name.equals("split") && a.count() <= 1 && (arg == null || arg instanceof PyNone || " ".equals(arg))) {
      // sys.version.split()[0] is the version; the words after it are not knowable.
      List<Object> words = new ArrayList<>();
      words.add(p.known().split(" ")[0]);
      words.add(new Unknown(p.reason()));
      return new PyList(words);
    }
    return new Unknown(p.reason());
  }

  Object prefixSubscript(PyPrefixStr p, Object index) {
    if (index instanceof BigInteger i && i.signum() >= 0 && i.intValue() < p.known().length()) {
      return String.valueOf(p.known().charAt(i.intValue()));
    }
    if (index instanceof PySlice s && s.known() && s.step() instanceof PyNone
        && (s.lower() instanceof PyNone || Ops.asInt(s.lower()) != null && Ops.asInt(s.lower()).signum() >= 0)
        && Ops.asInt(s.upper()) != null && Ops.asInt(s.upper()).signum() >= 0
        && Ops.asInt(s.upper()).intValue() <= p.known().length()) {
      return in.access.subscript(p.known(), index);
    }
    return new Unknown(p.reason());
  }

  private Object sequenceQuery(List<Object> items, String name, CallArgs a, String kind) {
    switch (name) {
      case "index": {
        for (int k = 0; k < items.size(); k++) {
          Boolean eq = in.ops.eq(items.get(k), a.get(0, null));
          if (eq == null) {
            return new Unknown("index() over unknown items");
          }
          if (eq) {
            return BigInteger.valueOf(k);
          }
        }
        throw in.error("ValueError", in.target.py2() || kind.equals("tuple") ? kind + ".index(x): x not in " + kind
            : in.ops.repr(a.get(0, null)) + " is not in list");
      }
      case "count": {
        int n = 0;
        for (Object o : items) {
          Boolean eq = in.ops.eq(o, a.get(0, null));
          if (eq == null) {
            return new Unknown("count() over unknown items");
          }
          n += eq ? 1 : 0;
        }
        return BigInteger.valueOf(n);
      }
      case "__len__":
        return BigInteger.valueOf(items.size());
      default:
        throw in.error("AttributeError", "'" + kind + "' object has no attribute '" + name + "'");
    }
  }

  private Object listCall(PyList l, String name, CallArgs a) {
    if (l.taint != null) {
      return new Unknown(l.taint);
    }
    if (a.unknown() != null) {
      l.taint = "a list changed with arguments that are unknown (" + a.unknown().reason() + ")";
      return a.unknown();
    }
    switch (name) {
      case "append":
        in.checkCollection(l.items.size() + 1L);
        l.items.add(a.get(0, null));
        return PyNone.NONE;
      case "extend": {
        Object items = in.ops.iterate(a.get(0, null));
        if (items instanceof Unknown u) {
          l.taint = u.reason();
          return PyNone.NONE;
        }
        in.checkCollection((long) l.items.size() + Ops.asList(items).size());
        l.items.addAll(Ops.asList(items));
        return PyNone.NONE;
      }
      case "insert": {
        Object index = a.get(0, null);
        if (Ops.unknownOf(index) != null) {
          l.taint = Ops.unknownOf(index).reason();
          return PyNone.NONE;
        }
        long k = in.ops.smallInt(index, "index");
        if (k < 0) {
          k = Math.max(0, k + l.items.size());
        }
        in.checkCollection(l.items.size() + 1L);
        l.items.add((int) Math.min(k, l.items.size()), a.get(1, null));
        return PyNone.NONE;
      }
      case "remove": {
        for (int k = 0; k < l.items.size(); k++) {
          Boolean eq = in.ops.eq(l.items.get(k), a.get(0, null));
          if (eq == null) {
            l.taint = "remove() compared unknown values";
            return PyNone.NONE;
          }
          if (eq) {
            l.items.remove(k);
            return PyNone.NONE;
          }
        }
        throw in.error("ValueError", "list.remove(x): x not in list");
      }
      case "pop": {
        if (l.items.isEmpty()) {
          throw in.error("IndexError", "pop from empty list");
        }
        Object index = a.get(0, null);
        int k = index == null ? l.items.size() - 1 : in.access.normalizeIndex(index, l.items.size(), "pop index out of range");
        return l.items.remove(k);
      }
      case "sort":
        try {
          sort(l.items, a);
        } catch (UnknownSort e) {
          l.taint = e.unknown.reason();
        }
        return PyNone.NONE;
      case "reverse":
        Collections.reverse(l.items);
        return PyNone.NONE;
      case "copy":
        return new PyList(l.items);
      case "clear":
        l.items.clear();
        return PyNone.NONE;
      case "__contains__":
        return in.ops.contains(l, a.get(0, null));
      case "__getitem__":
        return in.access.subscript(l, a.get(0, null));
      default:
        return sequenceQuery(l.items, name, a, "list");
    }
  }

  /** Sorts in place by Python ordering, with {@code key=} and {@code reverse=}. */
  void sort(List<Object> items, CallArgs a) {
    Object keyFn = a.keywords().get("key");
    Object reverse = a.keywords().get("reverse");
    List<Object> keys = new ArrayList<>(items.size());
    for (Object o : items) {
      Object k = keyFn == null || keyFn instanceof PyNone ? o : in.call(keyFn, CallArgs.of(a.frame(), a.line(), o));
      if (Ops.unknownOf(k) != null) {
        throw new UnknownSort(Ops.unknownOf(k));
      }
      keys.add(k);
    }
    Integer[] order = new Integer[items.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (x, y) -> {
      Integer c = in.ops.cmp(keys.get(x), keys.get(y), "<");
      if (c == null) {
        throw new UnknownSort(new Unknown("sorting values whose order is unknown"));
      }
      return c;
    });
    List<Object> sorted = new ArrayList<>();
    for (Integer k : order) {
      sorted.add(items.get(k));
    }
    if (Boolean.TRUE.equals(in.ops.truth(reverse == null ? false : reverse))) {
      // Python's reverse sort is stable: equal items keep their order.
      List<Object> reversed = new ArrayList<>();
      int k = sorted.size();
      while (k > 0) {
        int j = k - 1;
        while (j > 0 && in.ops.cmp(keys.get(order[j - 1]), keys.get(order[k - 1]), "<") == 0) {
          j--;
        }
        reversed.addAll(sorted.subList(j, k));
        k = j;
      }
      sorted = reversed;
    }
    items.clear();
    items.addAll(sorted);
  }

  /** Sorting met an unknown key: the caller's list becomes unknown. */
  static final class UnknownSort extends RuntimeException {
    final Unknown unknown;

    UnknownSort(Unknown unknown) {
      super(null, null, false, false);
      this.unknown = unknown;
    }
  }

  private Object dictCall(PyDict d, String name, CallArgs a) {
    if (d.taint != null) {
      return new Unknown(d.taint);
    }
    Object key = a.get(0, null);
    switch (name) {
      case "get": {
        if (Ops.unknownOf(key) != null) {
          return Ops.unknownOf(key);
        }
        in.ops.requireHashable(key);
        Object v = d.get(key);
        return v != null ? v : a.count() > 1 ? a.get(1, null) : PyNone.NONE;
      }
      case "keys":
        return in.ops.dictView("dict_keys", d.keyList());
      case "iterkeys":
        return new PyIter("dictionary-keyiterator", false, d.keyList());
      case "values":
        return in.ops.dictView("dict_values", d.valueList());
      case "itervalues":
        return new PyIter("dictionary-valueiterator", false, d.valueList());
      case "items":
      case "iteritems": {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<Object, Object> e : d.entries()) {
          out.add(new PyTuple(List.of(e.getKey(), e.getValue())));
        }
        return name.equals("items") ? in.ops.dictView("dict_items", out) : new PyIter("dictionary-itemiterator", false, out);
      }
      case "update": {
        if (a.unknown() != null) {
          d.taint = "updated with arguments that are unknown (" + a.unknown().reason() + ")";
          return PyNone.NONE;
        }
        if (key != null) {
          Object other = key;
          if (Ops.unknownOf(other) != null) {
            d.taint = "updated from a value that is unknown (" + Ops.unknownOf(other).reason() + ")";
            return PyNone.NONE;
          }
          if (other instanceof PyDict od) {
            for (Map.Entry<Object, Object> e : od.entries()) {
              d.put(e.getKey(), e.getValue());
            }
          } else {
            Object pairs = in.ops.iterate(other);
            if (pairs instanceof Unknown u) {
              d.taint = u.reason();
              return PyNone.NONE;
            }
            for (Object p : Ops.asList(pairs)) {
              Object kv = in.ops.iterate(p);
              if (kv instanceof Unknown u) {
                d.taint = u.reason();
                return PyNone.NONE;
              }
              List<Object> pair = Ops.asList(kv);
              if (pair.size() != 2) {
                throw in.error("ValueError", "dictionary update sequence element has length " + pair.size() + "; 2 is required");
              }
              in.ops.requireHashable(pair.get(0));
              d.put(pair.get(0), pair.get(1));
            }
          }
        }
        for (Map.Entry<String, Object> e : a.keywords().entrySet()) {
          d.put(e.getKey(), e.getValue());
        }
        in.checkCollection(d.size());
        return PyNone.NONE;
      }
      case "setdefault": {
        if (Ops.unknownOf(key) != null) {
          d.taint = Ops.unknownOf(key).reason();
          return Ops.unknownOf(key);
        }
        in.ops.requireHashable(key);
        Object v = d.get(key);
        if (v == null) {
          v = a.count() > 1 ? a.get(1, null) : PyNone.NONE;
          d.put(key, v);
        }
        return v;
      }
      case "pop": {
        if (Ops.unknownOf(key) != null) {
          d.taint = Ops.unknownOf(key).reason();
          return Ops.unknownOf(key);
        }
        in.ops.requireHashable(key);
        Object v = d.remove(key);
        if (v == null) {
          if (a.count() > 1) {
            return a.get(1, null);
          }
          throw in.error("KeyError", key);
        }
        return v;
      }
      case "popitem": {
        if (d.size() == 0) {
          throw in.error("KeyError", "popitem(): dictionary is empty");
        }
        List<Map.Entry<Object, Object>> entries = d.entries();
        Map.Entry<Object, Object> last = entries.get(entries.size() - 1);
        d.remove(last.getKey());
        return new PyTuple(List.of(last.getKey(), last.getValue()));
      }
      case "copy":
        return d.copy();
      case "clear":
        d.clear();
        return PyNone.NONE;
      case "has_key":
      case "__contains__":
        return in.ops.contains(d, key);
      case "__getitem__":
        return in.access.subscript(d, key);
      default:
        throw in.error("AttributeError", "'dict' object has no attribute '" + name + "'");
    }
  }

  private Object setCall(PySet s, String name, CallArgs a) {
    if (s.taint != null) {
      return new Unknown(s.taint);
    }
    switch (name) {
      case "add":
      case "discard":
      case "remove": {
        Object v = a.get(0, null);
        if (Ops.unknownOf(v) != null) {
          s.taint = Ops.unknownOf(v).reason();
          return PyNone.NONE;
        }
        in.ops.requireHashable(v);
        if (name.equals("add")) {
          s.add(v);
          in.checkCollection(s.size());
        } else if (!s.remove(v) && name.equals("remove")) {
          throw in.error("KeyError", v);
        }
        return PyNone.NONE;
      }
      case "update":
      case "union":
      case "intersection":
      case "difference":
      case "symmetric_difference": {
        PySet result = name.equals("update") ? s : new PySet(s.frozen);
        if (!name.equals("update")) {
          s.items().forEach(result::add);
        }
        for (Object arg : a.positional()) {
          Object items = in.ops.iterate(arg);
          if (items instanceof Unknown u) {
            result.taint = u.reason();
            return name.equals("update") ? PyNone.NONE : result;
          }
          PySet other = new PySet(true);
          Ops.asList(items).forEach(other::add);
          Object combined = in.ops.binary(switch (name) {
            case "intersection" -> "&";
            case "difference" -> "-";
            case "symmetric_difference" -> "^";
            default -> "|";
          }, result, other);
          PySet c = (PySet) combined;
          result.clear();
          c.items().forEach(result::add);
        }
        return name.equals("update") ? PyNone.NONE : result;
      }
      case "pop": {
        List<Object> items = s.items();
        if (items.isEmpty()) {
          throw in.error("KeyError", "pop from an empty set");
        }
        s.remove(items.get(0));
        return items.get(0);
      }
      case "clear":
        s.clear();
        return PyNone.NONE;
      case "copy": {
        PySet c = new PySet(s.frozen);
        s.items().forEach(c::add);
        return c;
      }
      default: {
        Object other = a.get(0, null);
        Object items = in.ops.iterate(other);
        if (items instanceof Unknown u) {
          return u;
        }
        List<Object> list = Ops.asList(items);
        return switch (name) {
          case "issubset" -> s.items().stream().allMatch(x -> list.stream().anyMatch(y -> Boolean.TRUE.equals(in.ops.eq(x, y))));
          case "issuperset" -> list.stream().allMatch(s::contains);
          default -> list.stream().noneMatch(s::contains);
        };
      }
    }
  }

  // ---------------------------------------------------------------- files

  private Object fileCall(PyFile f, String name, CallArgs a) {
    switch (name) {
      case "__enter__":
        return f;
      case "__exit__":
      case "close":
        f.closed = true;
        return PyNone.NONE;
      case "write":
      case "writelines":
        if (!f.writing) {
          throw in.error(in.target.py2() ? "IOError" : "OSError", "not writable");
        }
        return PyNone.NONE;
      case "flush":
        return PyNone.NONE;
      case "seek":
        f.pos = 0;
        return BigInteger.ZERO;
      case "tell":
        return BigInteger.valueOf(f.pos);
      case "read": {
        Object size = a.get(0, "size");
        if (size == null || size instanceof PyNone || Ops.asInt(size) == null || Ops.asInt(size).signum() < 0) {
          return readRest(f);
        }
        return readSome(f, in.ops.smallInt(size, "size"), false);
      }
      case "readline":
        return readSome(f, Integer.MAX_VALUE, true);
      case "readlines":
      case "__iter__": {
        Object lines = in.fileLines(f);
        return lines instanceof Unknown u ? u : new PyList(Ops.asList(lines));
      }
      default:
        throw in.error("AttributeError", "file object has no attribute '" + name + "'");
    }
  }

  private static String contentText(PyFile f) {
    return f.content instanceof PyBytes b ? b.latin1() : (String) f.content;
  }

  /** Reads up to {@code size} characters, or one line. */
  private Object readSome(PyFile f, int size, boolean line) {
    Object check = readable(f);
    if (check != null) {
      return check;
    }
    String text = contentText(f);
    int start = Math.min(f.pos, text.length());
    int end = (int) Math.min(text.length(), (long) start + size);
    if (line) {
      int nl = text.indexOf('\n', start);
      end = nl < 0 ? text.length() : nl + 1;
    }
    f.pos = end;
    String part = text.substring(start, end);
    return f.content instanceof PyBytes ? PyBytes.ofLatin1(part) : part;
  }

  /** Null when the file can be read; else raises, or answers the unknown content. */
  private Object readable(PyFile f) {
    if (f.closed) {
      throw in.error("ValueError", "I/O operation on closed file" + (in.target.py2() ? "" : "."));
    }
    if (f.writing) {
      throw in.error(in.target.py2() ? "IOError" : "OSError", in.target.py2() ? "File not open for reading" : "not readable");
    }
    if (f.readError != null) {
      throw in.raise(f.readError);
    }
    if (f.content instanceof Unknown u) {
      in.unknownEvents++;
      return u;
    }
    return null;
  }

  /** Reads what is left of a file (moving to its end); its decoding error is raised now. */
  Object readRest(PyFile f) {
    return readSome(f, Integer.MAX_VALUE, false);
  }

  /** Encodes for {@code str.encode}: {@link PyBytes} (Python 3) or the text itself (Python 2). */
  Object encode(String s, Object encoding) {
    if (in.target.py2()) {
      return s;
    }
    if (Ops.unknownOf(encoding) != null) {
      return Ops.unknownOf(encoding);
    }
    String enc = encoding == null ? "utf-8" : in.text(encoding, "encode() argument 'encoding'");
    try {
      byte[] b = TextCodec.encode(s, enc);
      if (b == null) {
        throw in.error("LookupError", "unknown encoding: " + enc);
      }
      return new PyBytes(b);
    } catch (CharacterCodingException e) {
      throw in.error("UnicodeEncodeError", "'" + enc + "' codec can't encode the text");
    }
  }
}
