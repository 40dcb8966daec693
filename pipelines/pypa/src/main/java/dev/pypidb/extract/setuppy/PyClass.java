package dev.pypidb.extract.setuppy;

import java.util.List;

/**
 * A class defined in the evaluated code. {@code bases} are its evaluated bases ({@link PyClass},
 * {@link PyExceptionType}, or anything else: then instances are not modelled).
 */
final class PyClass {
  final String name;
  final List<Object> bases;
  final PyDict ns;
  final int line;

  PyClass(String name, List<Object> bases, PyDict ns, int line) {
    this.name = name;
    this.bases = List.copyOf(bases);
    this.ns = ns;
    this.line = line;
  }

  boolean isSubclassOf(PyClass other) {
    if (this == other) {
      return true;
    }
    for (Object b : bases) {
      if (b instanceof PyClass c && c.isSubclassOf(other)) {
        return true;
      }
    }
    return false;
  }

  /** The built-in exception class it derives from, or null. */
  PyExceptionType exceptionBase() {
    for (Object b : bases) {
      if (b instanceof PyExceptionType t) {
        return t;
      }
      if (b instanceof PyClass c && c.exceptionBase() != null) {
        return c.exceptionBase();
      }
    }
    return null;
  }

  /** An attribute found on the class or its bases, or null. */
  Object lookup(String attr) {
    Object v = ns.get(attr);
    if (v != null) {
      return v;
    }
    for (Object b : bases) {
      if (b instanceof PyClass c) {
        v = c.lookup(attr);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /** Whether every base is a class defined in the evaluated code, or {@code object}. */
  boolean fullyKnown() {
    for (Object b : bases) {
      boolean object = b instanceof PyBuiltin builtin && builtin.name.equals("object");
      if (!object && !(b instanceof PyClass c && c.fullyKnown())) {
        return false;
      }
    }
    return true;
  }
}
