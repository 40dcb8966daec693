package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribute and item access on the evaluator's values: {@code obj.name}, {@code obj[index]},
 * slices, and assignment to them, with Python's errors. Methods of built-in values are left to
 * {@link Methods}.
 */
final class Access {
  private final Interpreter in;

  Access(Interpreter in) {
    this.in = in;
  }

  void setAttr(Object obj, String name, Object value) {
    if (obj instanceof PyModule m) {
      m.ns.put(name, value);
    } else if (obj instanceof PyInstance i) {
      i.attrs.put(name, value);
    } else if (obj instanceof PyClass c) {
      c.ns.put(name, value);
    } else if (obj instanceof PyFunction || Ops.unknownOf(obj) != null) {
      return;
    } else {
      throw in.error("AttributeError", "'" + in.ops.typeName(obj) + "' object has no attribute '" + name + "'");
    }
  }

  void setItem(Object container, Object index, Object value) {
    if (Ops.unknownOf(container) != null) {
      return;
    }
    if (container instanceof PyDict d) {
      Unknown u = Ops.unknownOf(index);
      if (u != null) {
        d.taint = "a key set from an unknown value (" + u.reason() + ")";
        return;
      }
      in.ops.requireHashable(index);
      d.put(index, value);
    } else if (container instanceof PyList l) {
      if (index instanceof PySlice s) {
        Object items = in.ops.iterate(value);
        if (items instanceof Unknown u) {
          l.taint = u.reason();
          return;
        }
        int[] r = s.indices(in, l.items.size());
        if (r[2] != 1) {
          throw in.error("ValueError", "extended slice assignment is not modelled");
        }
        List<Object> tail = new ArrayList<>(l.items.subList(Math.max(r[0], r[1]), l.items.size()));
        while (l.items.size() > r[0]) {
          l.items.remove(l.items.size() - 1);
        }
        l.items.addAll(Ops.asList(items));
        l.items.addAll(tail);
        return;
      }
      Unknown u = Ops.unknownOf(index);
      if (u != null) {
        l.taint = u.reason();
        return;
      }
      int k = normalizeIndex(index, l.items.size(), "list assignment index out of range");
      l.items.set(k, value);
    } else {
      throw in.error("TypeError", "'" + in.ops.typeName(container) + "' object does not support item assignment");
    }
  }

  int normalizeIndex(Object index, int size, String message) {
    BigInteger i = Ops.asInt(index);
    if (i == null) {
      throw in.error("TypeError", "indices must be integers, not " + in.ops.typeName(index));
    }
    long k = i.bitLength() > 62 ? Long.MAX_VALUE : i.longValue();
    if (k < 0) {
      k += size;
    }
    if (k < 0 || k >= size) {
      throw in.error("IndexError", message);
    }
    return (int) k;
  }

  Object getAttr(Object obj, String name) {
    Unknown u = Ops.unknownOf(obj);
    if (u != null && !(obj instanceof PyPrefixStr)) {
      return u;
    }
    if (obj instanceof PyModule m) {
      Object v = m.ns.get(name);
      if (v != null) {
        return v;
      }
      Object sub = in.modules.submodule(m, name);
      if (sub != null) {
        return sub;
      }
      if (m.partial != null) {
        return new Unknown(m.name + "." + name + " " + m.partial);
      }
      throw in.error("AttributeError", in.target.py2() ? "'module' object has no attribute '" + name + "'"
          : "module '" + m.name + "' has no attribute '" + name + "'");
    }
    if (obj instanceof PyInstance i) {
      Object v = i.attrs.get(name);
      if (v != null) {
        return v;
      }
      v = i.cls.lookup(name);
      if (v != null) {
        return bindDescriptor(v, obj, i.cls);
      }
      if (name.equals("__class__")) {
        return i.cls;
      }
      throw in.error("AttributeError", "'" + i.cls.name + "' object has no attribute '" + name + "'");
    }
    if (obj instanceof PyClass c) {
      Object v = c.lookup(name);
      if (v != null) {
        return v instanceof Descriptor d ? (d.kind().equals("classmethod") ? new PyMethod(c, d.function())
            : d.function()) : v;
      }
      if (name.equals("__name__")) {
        return c.name;
      }
      if (!c.fullyKnown()) {
        return new Unknown(c.name + "." + name + " is inherited from a class that is not modelled");
      }
      throw in.error("AttributeError", "type object '" + c.name + "' has no attribute '" + name + "'");
    }
    if (obj instanceof PyFunction fn) {
      return switch (name) {
        case "__name__" -> fn.name;
        case "__doc__" -> fn.body != null && !fn.body.isEmpty() ? Interpreter.docstring(fn.body) : PyNone.NONE;
        default -> new Unknown("attribute " + name + " of function " + fn.name + " is not modelled");
      };
    }
    return in.methods.attribute(obj, name);
  }

  private Object bindDescriptor(Object v, Object self, PyClass cls) {
    if (v instanceof PyFunction fn) {
      return new PyMethod(self, fn);
    }
    if (v instanceof Descriptor d) {
      return switch (d.kind()) {
        case "staticmethod" -> d.function();
        case "classmethod" -> new PyMethod(cls, d.function());
        default -> in.call(d.function(), CallArgs.of(null, in.line(), self));
      };
    }
    return v;
  }



  Object subscript(Object obj, Object index) {
    if (obj instanceof PyPrefixStr p) {
      return in.methods.prefixSubscript(p, index);
    }
    Unknown u = Ops.firstUnknown(obj, index instanceof PySlice s && !s.known() ? new Unknown("an unknown slice") : index);
    if (u != null) {
      return u;
    }
    if (obj instanceof PyDict d) {
      in.ops.requireHashable(index);
      Object v = d.get(index);
      if (v == null && d.defaultFactory != null && !(d.defaultFactory instanceof PyNone)) {
        v = in.call(d.defaultFactory, CallArgs.of(null, in.line()));
        d.put(index, v);
      }
      if (v == null) {
        throw in.error("KeyError", index);
      }
      return v;
    }
    List<Object> items = null;
    String kind = null;
    if (obj instanceof PyList l) {
      items = l.items;
      kind = "list";
    } else if (obj instanceof PyTuple t) {
      items = t.items;
      kind = "tuple";
    }
    if (items != null) {
      if (index instanceof PySlice s) {
        List<Object> out = slice(items, s);
        return obj instanceof PyList ? new PyList(out) : new PyTuple(out);
      }
      return items.get(normalizeIndex(index, items.size(), kind + " index out of range"));
    }
    if (obj instanceof String s) {
      if (index instanceof PySlice sl) {
        List<Object> chars = new ArrayList<>(s.length());
        for (char ch : s.toCharArray()) {
          chars.add(ch);
        }
        StringBuilder out = new StringBuilder();
        for (Object ch : slice(chars, sl)) {
          out.append((char) (Character) ch);
        }
        return out.toString();
      }
      return String.valueOf(s.charAt(normalizeIndex(index, s.length(), "string index out of range")));
    }
    if (obj instanceof PyBytes b) {
      String s = b.latin1();
      if (index instanceof PySlice) {
        Object r = subscript(s, index);
        return PyBytes.ofLatin1((String) r);
      }
      char ch = s.charAt(normalizeIndex(index, s.length(), "index out of range"));
      return in.target.py2() ? String.valueOf(ch) : BigInteger.valueOf(ch);
    }
    if (obj instanceof PyRange r) {
      Object items2 = in.ops.iterate(r);
      return subscript(new PyTuple(Ops.asList(items2)), index);
    }
    if (obj instanceof PyInstance || obj instanceof PyModule) {
      return new Unknown("indexing a " + in.ops.typeName(obj) + " is not modelled");
    }
    throw in.error("TypeError", "'" + in.ops.typeName(obj) + "' object " + (in.target.py2() ? "has no attribute '__getitem__'"
        : in.target.minor3() < 7 && hasSequenceProtocol(obj) ? "does not support indexing" : "is not subscriptable"));
  }

  /** Types CPython gives a sequence protocol without indexing: 3.6 words their error differently. */
  private static boolean hasSequenceProtocol(Object obj) {
    return obj instanceof PySet || obj instanceof PyIter it && it.view;
  }

  List<Object> slice(List<Object> items, PySlice s) {
    int[] r = s.indices(in, items.size());
    List<Object> out = new ArrayList<>();
    if (r[2] > 0) {
      for (int k = r[0]; k < r[1]; k += r[2]) {
        out.add(items.get(k));
      }
    } else {
      for (int k = r[0]; k > r[1]; k += r[2]) {
        out.add(items.get(k));
      }
    }
    return out;
  }
}
