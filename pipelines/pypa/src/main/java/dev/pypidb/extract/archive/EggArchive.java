package dev.pypidb.extract.archive;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads a legacy {@code .egg} (a zip) for its {@code EGG-INFO/}: the result is an
 * {@link SdistContents} whose project directory is the egg's root, whose kept members are the
 * files directly in {@code EGG-INFO/} ({@code EGG-INFO/PKG-INFO}, {@code EGG-INFO/requires.txt},
 * ...) and whose other members are listed as not read. An egg-info reader takes
 * {@code EGG-INFO/} where an sdist has {@code <name>.egg-info/}.
 */
public final class EggArchive {
  private EggArchive() {}

  /**
   * Reads the egg in {@code channel} (through its central directory; the channel is left open).
   *
   * @throws IllegalArgumentException when {@code filename} does not end in {@code .egg}
   */
  public static SdistContents read(String filename, SeekableByteChannel channel, ArchiveLimits limits)
      throws ArchiveException, IOException {
    if (ArchiveKind.of(filename).orElse(null) != ArchiveKind.EGG) {
      throw new IllegalArgumentException(filename + " is not an .egg");
    }
    Meter meter = new Meter(limits);
    SeekableByteChannel metered = Streams.source(channel, meter);
    return Failures.guard("the .egg", () -> {
      Decoders.expect(ArchiveKind.EGG, Decoders.detect(metered));
      return SdistArchive.readZip(ArchiveKind.EGG, filename, metered, meter);
    });
  }
}
