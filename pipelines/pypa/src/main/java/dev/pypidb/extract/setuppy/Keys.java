package dev.pypidb.extract.setuppy;

import java.math.BigInteger;

/** Python hashing for dict keys and set members: {@code 1 == 1.0 == True} are one key. */
final class Keys {
  private Keys() {}

  /** The Java object that is equal exactly when the Python values are. */
  static Object normalize(Object v) {
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (v instanceof Double d && !d.isInfinite() && !d.isNaN() && d == Math.rint(d)) {
      return new java.math.BigDecimal(d).toBigInteger();
    }
    return v;
  }

  /** Whether {@code v} can be a dict key; lists, dicts and sets cannot. */
  static boolean hashable(Object v) {
    if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet s && !s.frozen)) {
      return false;
    }
    if (v instanceof PyTuple t) {
      for (Object o : t.items) {
        if (!hashable(o)) {
          return false;
        }
      }
    }
    return !(v instanceof Unknown);
  }
}
