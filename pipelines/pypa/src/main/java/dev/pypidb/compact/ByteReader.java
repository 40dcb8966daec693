package dev.pypidb.compact;

import java.nio.charset.StandardCharsets;

/**
 * Reads the format's primitive encodings from a byte array. Every read is bounds-checked and
 * throws {@link CompactDbFormatException.Unchecked} on malformed input, so a corrupt file never
 * yields an index error or a silently wrong value.
 */
final class ByteReader {
  private final byte[] buf;
  private final int end;
  private final String what;
  private int pos;

  ByteReader(byte[] buf, int off, int end, String what) {
    this.buf = buf;
    this.pos = off;
    this.end = end;
    this.what = what;
  }

  int pos() {
    return pos;
  }

  int end() {
    return end;
  }

  boolean atEnd() {
    return pos >= end;
  }

  void seek(int p) {
    if (p < 0 || p > end) {
      throw corrupt("offset " + p + " out of range");
    }
    pos = p;
  }

  CompactDbFormatException.Unchecked corrupt(String message) {
    return new CompactDbFormatException.Unchecked(
        new CompactDbFormatException("corrupt " + what + ": " + message));
  }

  int u8() {
    if (pos >= end) {
      throw corrupt("unexpected end of data");
    }
    return buf[pos++] & 0xFF;
  }

  long varlong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  /** A varint that must fit a non-negative int. */
  int varint() {
    long v = varlong();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt("varint " + Long.toUnsignedString(v) + " out of range");
    }
    return (int) v;
  }

  /** A count or index that must be at most {@code max} (guards allocations against corrupt sizes). */
  int varint(int max) {
    int v = varint();
    if (v > max) {
      throw corrupt("value " + v + " exceeds " + max);
    }
    return v;
  }

  byte[] bytes(int n) {
    if (n < 0 || n > end - pos) {
      throw corrupt("unexpected end of data");
    }
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  void skip(int n) {
    if (n < 0 || n > end - pos) {
      throw corrupt("unexpected end of data");
    }
    pos += n;
  }

  String string() {
    int n = varint(end - pos);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  long u32le() {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) u8() << (8 * i);
    }
    return v;
  }

  long u64le() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) u8() << (8 * i);
    }
    return v;
  }

  byte[] array() {
    return buf;
  }
}
