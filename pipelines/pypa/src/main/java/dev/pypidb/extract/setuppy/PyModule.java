package dev.pypidb.extract.setuppy;

/**
 * A module: its namespace, and for a module only partly modelled (a standard library module,
 * setuptools) the reason an attribute that is not modelled is unknown; null when the namespace
 * is complete (a module evaluated from the sdist, or fully modelled).
 */
final class PyModule {
  final String name;
  final PyDict ns;
  final String partial;

  PyModule(String name, PyDict ns, String partial) {
    this.name = name;
    this.ns = ns;
    this.partial = partial;
  }

  @Override
  public String toString() {
    return "<module '" + name + "'>";
  }
}
