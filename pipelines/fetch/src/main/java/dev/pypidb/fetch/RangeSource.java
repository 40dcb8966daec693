package dev.pypidb.fetch;

import java.io.IOException;

/** Random access to the bytes of a remote or local file, a range at a time. */
public interface RangeSource {
  /** The last bytes of a file and the file's length. */
  record Tail(byte[] bytes, long length) {}

  /** The last {@code n} bytes (all of them when the file is shorter) and the file's length. */
  Tail tail(int n) throws IOException;

  /** {@code length} bytes from {@code offset}; fewer only never: a short read is an error. */
  byte[] read(long offset, int length) throws IOException;
}
