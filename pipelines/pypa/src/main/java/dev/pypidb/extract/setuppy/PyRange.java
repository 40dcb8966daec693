package dev.pypidb.extract.setuppy;

import java.math.BigInteger;

/** {@code range(start, stop, step)}: iterated lazily, so a huge range costs nothing until used. */
record PyRange(BigInteger start, BigInteger stop, BigInteger step) {

  BigInteger length() {
    BigInteger span = step.signum() > 0 ? stop.subtract(start) : start.subtract(stop);
    if (span.signum() <= 0) {
      return BigInteger.ZERO;
    }
    BigInteger s = step.abs();
    return span.add(s).subtract(BigInteger.ONE).divide(s);
  }
}
