package dev.pypidb.extract.setuppy;

/**
 * A namespace entry that depends on the Python (a name only Python 2 binds, {@code sys.version},
 * an exception class bound differently, a module imported in advance): {@link PyDict} keeps it
 * unresolved until the entry is read, or the whole namespace is, and then asks the run's
 * {@link PythonTarget}, so that an evaluation that never reads it does not depend on its Python
 * for it, nor pays for making it.
 */
@FunctionalInterface
interface KeyDependent {
  /** The value for {@code target}'s Python, or null when the name is not bound there. */
  Object resolve(PythonTarget target);
}
