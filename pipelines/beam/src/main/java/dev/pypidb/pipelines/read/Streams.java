package dev.pypidb.pipelines.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, decompressing gzip transparently (detected by magic bytes). */
public final class Streams {
  private Streams() {}

  public static InputStream open(String path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(Path.of(path)), 1 << 16);
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
