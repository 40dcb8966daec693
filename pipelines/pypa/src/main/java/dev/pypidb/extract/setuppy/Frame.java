package dev.pypidb.extract.setuppy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scope being executed: a module (locals are its globals), a function call, a class body or
 * a comprehension. Names resolve locally, then in enclosing function scopes, then in the
 * module's globals, then in the built-ins.
 */
final class Frame {
  final PyDict globals;
  final Map<String, Object> locals;
  final Frame enclosing;
  final boolean classBody;
  final Set<String> globalNames = new HashSet<>();
  final Set<String> nonlocalNames = new HashSet<>();
  /** Values yielded so far when the frame runs a generator function, else null. */
  List<Object> yields;

  private Frame(PyDict globals, Map<String, Object> locals, Frame enclosing, boolean classBody) {
    this.globals = globals;
    this.locals = locals;
    this.enclosing = enclosing;
    this.classBody = classBody;
  }

  static Frame module(PyDict globals) {
    return new Frame(globals, null, null, false);
  }

  static Frame function(PyDict globals, Frame enclosing) {
    return new Frame(globals, new HashMap<>(), enclosing, false);
  }

  static Frame classBody(PyDict globals, Frame enclosing) {
    return new Frame(globals, new java.util.LinkedHashMap<>(), enclosing, true);
  }

  boolean isModule() {
    return locals == null;
  }

  /** The value bound to {@code name} in this scope chain (not the built-ins), or null. */
  Object lookup(String name) {
    if (locals != null && !globalNames.contains(name)) {
      Object v = locals.get(name);
      if (v != null) {
        return v;
      }
      for (Frame e = enclosing; e != null; e = e.enclosing) {
        if (e.locals != null && !e.classBody) {
          v = e.locals.get(name);
          if (v != null) {
            return v;
          }
        }
      }
    }
    return globals.get(name);
  }

  void assign(String name, Object value) {
    if (locals == null || globalNames.contains(name)) {
      globals.put(name, value);
      return;
    }
    if (nonlocalNames.contains(name)) {
      for (Frame e = enclosing; e != null; e = e.enclosing) {
        if (e.locals != null && e.locals.containsKey(name)) {
          e.locals.put(name, value);
          return;
        }
      }
    }
    locals.put(name, value);
  }

  /** Removes a binding; false when there was none. */
  boolean delete(String name) {
    if (locals == null || globalNames.contains(name)) {
      return globals.remove(name) != null;
    }
    return locals.remove(name) != null;
  }
}
