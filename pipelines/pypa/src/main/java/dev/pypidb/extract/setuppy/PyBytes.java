package dev.pypidb.extract.setuppy;

import java.util.Arrays;

/** A Python 3 {@code bytes} value (a Python 2 {@code str} is evaluated as text). Immutable. */
final class PyBytes {
  private final byte[] bytes;

  PyBytes(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  byte[] bytes() {
    return bytes.clone();
  }

  int length() {
    return bytes.length;
  }

  /** The bytes as Latin-1 text: one char per byte, for bytes-level string operations. */
  String latin1() {
    StringBuilder s = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      s.append((char) (b & 0xff));
    }
    return s.toString();
  }

  static PyBytes ofLatin1(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return new PyBytes(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "b" + PyRepr.quote(latin1());
  }
}
