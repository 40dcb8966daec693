package dev.pypidb.bench;

import dev.pypidb.extract.archive.ArchiveKind;
import dev.pypidb.extract.archive.ArchiveLimits;
import dev.pypidb.extract.archive.DecompressionFloor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor for the archives input: one thread that does nothing but decompress every member
 * of the same archives ({@link DecompressionFloor}), with no hashing, parsing or extraction.
 * {@code java -cp pypidb.jar dev.pypidb.bench.ExtractFloor DIR...} prints archives, bytes and
 * seconds.
 */
public final class ExtractFloor {
  private ExtractFloor() {}

  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    long archives = 0;
    long compressed = 0;
    long bytes = 0;
    long failed = 0;
    for (String a : args) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(Path.of(a))) {
        files = s.filter(Files::isRegularFile).filter(p -> ArchiveKind.of(p.getFileName().toString()).isPresent())
            .sorted().toList();
      }
      for (Path p : files) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
          compressed += ch.size();
          bytes += DecompressionFloor.decompress(p.getFileName().toString(), ch, ArchiveLimits.DEFAULT);
          archives++;
        } catch (Exception e) {
          failed++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("floor: %,d archives (%,d bytes, %,d decompressed; %,d refused) in %.2f s on one thread:"
        + " %.1f archives/s%n", archives, compressed, bytes, failed, seconds, archives / seconds);
  }
}
