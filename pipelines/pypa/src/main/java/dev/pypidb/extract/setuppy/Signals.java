package dev.pypidb.extract.setuppy;

/** Control transfers of the evaluator, as unchecked exceptions without stack traces. */
final class Signals {
  private Signals() {}

  /** A Python exception propagating. */
  static final class PyRaise extends RuntimeException {
    final PyException exc;

    PyRaise(PyException exc) {
      super(null, null, false, false);
      this.exc = exc;
    }
  }

  /** {@code return}, {@code break} or {@code continue}. */
  static final class Flow extends RuntimeException {
    enum Kind { RETURN, BREAK, CONTINUE }

    final Kind kind;
    final Object value;

    Flow(Kind kind, Object value) {
      super(null, null, false, false);
      this.kind = kind;
      this.value = value;
    }
  }

  /**
   * Where execution goes next depends on an unknown value: a loop may break, a function may
   * return, the script may exit or call setup(). Caught where the uncertainty ends (the loop,
   * the call), else it makes the whole answer unresolved.
   */
  static final class Indeterminate extends RuntimeException {
    enum Kind { LOOP, RETURN, EXIT, SETUP }

    final Kind kind;

    Indeterminate(Kind kind, String reason) {
      super(reason, null, false, false);
      this.kind = kind;
    }
  }

  /** A {@link Limits} bound was hit; the message names it. */
  static final class BoundExceeded extends RuntimeException {
    BoundExceeded(String reason) {
      super(reason, null, false, false);
    }
  }
}
