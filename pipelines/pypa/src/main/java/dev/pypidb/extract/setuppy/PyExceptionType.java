package dev.pypidb.extract.setuppy;

/**
 * A built-in exception class, by name: one immutable instance per name, shared by every run and
 * every Python. Which names a Python binds, and to which class (Python 3's {@code IOError} is
 * {@code OSError}), and each class's base there, are asked of the run's {@link PythonTarget}
 * ({@link BuiltinExceptions} holds them).
 */
final class PyExceptionType {
  final String name;

  PyExceptionType(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return "<class '" + name + "'>";
  }
}
