package dev.pypidb.extract.setuppy;

/** A built-in exception class of one Python, with its base (null for BaseException). */
final class PyExceptionType {
  final String name;
  final PyExceptionType base;

  PyExceptionType(String name, PyExceptionType base) {
    this.name = name;
    this.base = base;
  }

  boolean isSubclassOf(PyExceptionType other) {
    for (PyExceptionType t = this; t != null; t = t.base) {
      if (t == other) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "<class '" + name + "'>";
  }
}
