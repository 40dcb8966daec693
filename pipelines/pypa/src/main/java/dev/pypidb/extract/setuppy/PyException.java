package dev.pypidb.extract.setuppy;

import java.util.List;

/**
 * A raised or caught exception: its built-in class (the nearest one, for an exception class
 * defined in setup.py, which is then {@code userClass}) and its arguments.
 */
final class PyException {
  final PyExceptionType type;
  final PyClass userClass;
  final List<Object> args;

  PyException(PyExceptionType type, PyClass userClass, List<Object> args) {
    this.type = type;
    this.userClass = userClass;
    this.args = List.copyOf(args);
  }

  String typeName() {
    return userClass != null ? userClass.name : type.name;
  }

  /** Whether an {@code except} clause naming {@code cls} (a built-in or user class) catches it. */
  boolean isInstance(Object cls) {
    if (cls instanceof PyExceptionType t) {
      return type.isSubclassOf(t);
    }
    return cls instanceof PyClass c && userClass != null && userClass.isSubclassOf(c);
  }
}
