package dev.pypidb.extract.setuppy;

/** An instance of a {@link PyClass} defined in the evaluated code. */
final class PyInstance {
  final PyClass cls;
  final PyDict attrs = new PyDict();

  PyInstance(PyClass cls) {
    this.cls = cls;
  }
}
