package dev.pypidb.extract.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The decompression floor for benchmarks: one thread that only decompresses an archive,
 * discarding the bytes, with no parsing and nothing kept. A tar's compressed stream is decoded to
 * its end (the tar itself is not parsed); every zip member with data is inflated through the
 * central directory. The same {@link ArchiveLimits} bounds apply, so hostile files stop the
 * floor as they stop the readers.
 */
public final class DecompressionFloor {
  private DecompressionFloor() {}

  /**
   * Decompresses the archive in {@code channel} (from position 0; left open).
   *
   * @return the bytes produced by decompression
   * @throws IllegalArgumentException when {@code filename} names no archive
   */
  public static long decompress(String filename, SeekableByteChannel channel, ArchiveLimits limits)
      throws ArchiveException, IOException {
    ArchiveKind kind = ArchiveKind.of(filename).orElseThrow(
        () -> new IllegalArgumentException(filename + " does not name an archive"));
    String what = "the " + kind.extension();
    Meter meter = new Meter(limits);
    SeekableByteChannel metered = Streams.source(channel, meter);
    byte[] buf = new byte[Decoders.BUFFER];
    return Failures.guard(what, () -> {
      Decoders.expect(kind, Decoders.detect(metered));
      if (kind.isZip()) {
        try (ZipReader zip = ZipReader.open(metered, meter, what)) {
          for (ZipArchiveEntry e : zip.entries()) {
            if (!e.isDirectory() && zip.unreadable(e) == null) {
              zip.drain(e, buf);
            }
          }
        }
      } else {
        metered.position(0);
        InputStream source = Streams.source(Channels.newInputStream(channel), meter);
        Streams.drain(Decoders.tarStream(kind.format(), source, meter, what), buf);
      }
      return meter.uncompressedBytes();
    });
  }
}
