package dev.pypidb.pipelines.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Splits a (possibly gzip) line-format file into {@link LineBatch}es. Line numbers are 1-based.
 * Blank lines carry nothing and are counted, not emitted; a line longer than the record limit
 * is cut and left for the parser to dead-letter.
 */
final class NdjsonReader {
  private NdjsonReader() {}

  /**
   * Counts of what was read; {@code error} is why reading stopped early (a truncated gzip, an
   * I/O error), null when the whole file was read. Complete lines before the error are kept.
   */
  record Counts(long lines, long blank, String error) {}

  static Counts read(String path, int batchSize, Consumer<LineBatch> out) {
    return read(path, batchSize, out, n -> { });
  }

  /** As {@link #read(String, int, Consumer)}, telling {@code bytesRead} the file's bytes consumed. */
  static Counts read(String path, int batchSize, Consumer<LineBatch> out, LongConsumer bytesRead) {
    long lineNo = 0;
    long blank = 0;
    List<byte[]> batch = new ArrayList<>(batchSize);
    long batchStart = 1;
    String error = null;
    try (InputStream in = Streams.open(path, bytesRead)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      byte[] buf = new byte[1 << 16];
      boolean pending = false;
      int n;
      while ((n = in.read(buf)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            appendCapped(line, buf, start, i - start);
            lineNo++;
            byte[] bytes = line.toByteArray();
            line.reset();
            pending = false;
            if (isBlank(bytes)) {
              blank++;
            }
            batch.add(bytes);
            if (batch.size() == batchSize) {
              out.accept(new LineBatch(path, batchStart, batch));
              batch = new ArrayList<>(batchSize);
              batchStart = lineNo + 1;
            }
            start = i + 1;
          }
        }
        if (start < n) {
          appendCapped(line, buf, start, n - start);
          pending = true;
        }
      }
      if (pending) {
        lineNo++;
        byte[] bytes = line.toByteArray();
        if (isBlank(bytes)) {
          blank++;
        }
        batch.add(bytes);
      }
    } catch (IOException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (!batch.isEmpty()) {
      out.accept(new LineBatch(path, batchStart, batch));
    }
    return new Counts(lineNo, blank, error);
  }

  /** Keeps one byte past the limit so the parser can tell the line was too long. */
  private static void appendCapped(ByteArrayOutputStream line, byte[] buf, int off, int len) {
    int room = FieldLimits.MAX_LINE_BYTES + 1 - line.size();
    if (room > 0) {
      line.write(buf, off, Math.min(room, len));
    }
  }

  static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
