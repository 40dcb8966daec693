package dev.pypidb.extract.setuppy;

/** A function implemented by the evaluator (a built-in, or a modelled library function). */
final class PyBuiltin {
  /** The implementation; returns the result or raises {@link PyRaise}. */
  @FunctionalInterface
  interface Impl {
    Object call(Interpreter in, CallArgs args);
  }

  final String name;
  final Impl impl;

  PyBuiltin(String name, Impl impl) {
    this.name = name;
    this.impl = impl;
  }

  @Override
  public String toString() {
    return "<built-in function " + name + ">";
  }
}
