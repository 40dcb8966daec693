package dev.pypidb.extract.setuppy;

import java.math.BigInteger;

/** A slice value {@code lower:upper:step}, parts {@link PyNone} when absent. */
record PySlice(Object lower, Object upper, Object step) {
  /** start, stop, step clamped to a sequence of {@code size} items, as slice.indices does. */
  int[] indices(Interpreter in, int size) {
    int st = step instanceof PyNone ? 1 : in.ops.smallInt(step, "slice step");
    if (st == 0) {
      throw in.error("ValueError", "slice step cannot be zero");
    }
    int lo = bound(in, lower, size, st > 0 ? 0 : size - 1, st);
    int hi = bound(in, upper, size, st > 0 ? size : -1, st);
    return new int[] {lo, hi, st};
  }

  private static int bound(Interpreter in, Object v, int size, int dflt, int step) {
    if (v instanceof PyNone) {
      return dflt;
    }
    BigInteger i = Ops.asInt(v);
    if (i == null) {
      throw in.error("TypeError", "slice indices must be integers or None or have an __index__ method");
    }
    long k = i.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
    if (k < 0) {
      k += size;
      if (k < 0) {
        k = step > 0 ? 0 : -1;
      }
    } else if (k >= size) {
      k = step > 0 ? size : size - 1;
    }
    return (int) k;
  }

  boolean known() {
    return Ops.unknownOf(lower) == null && Ops.unknownOf(upper) == null && Ops.unknownOf(step) == null;
  }
}
