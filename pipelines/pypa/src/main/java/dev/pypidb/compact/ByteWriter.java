package dev.pypidb.compact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the format's primitive encodings (LEB128 varints, strings). */
final class ByteWriter {
  private byte[] buf;
  private int size;

  ByteWriter() {
    this(256);
  }

  ByteWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("buffer over 2 GB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  void u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** Unsigned LEB128: 7 bits per byte, least significant group first, high bit = more follow. */
  void varint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("varints are unsigned: " + v);
    }
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void u32le(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  void u64le(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** A string: varint byte length, then its UTF-8 bytes. */
  void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length);
    bytes(b);
  }

  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
