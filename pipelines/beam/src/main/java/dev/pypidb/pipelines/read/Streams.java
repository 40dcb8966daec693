package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.storage.Storage;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/** Opens input files of any store, decompressing gzip transparently (detected by magic bytes). */
public final class Streams {
  private Streams() {}

  public static InputStream open(String path) throws IOException {
    return open(path, n -> { });
  }

  /**
   * Opens a file, telling {@code bytesRead} how many bytes of the file itself (before any
   * decompression) have been consumed, as they are.
   */
  public static InputStream open(String path, LongConsumer bytesRead) throws IOException {
    InputStream file = new FilterInputStream(Storage.open(path)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.accept(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          bytesRead.accept(n);
        }
        return n;
      }
    };
    InputStream raw = new BufferedInputStream(file, 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return raw;
  }

  /** Reads a whole (possibly gzip) file. */
  public static byte[] readAll(String path) throws IOException {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }
}
