package dev.pypidb.pipelines.normalize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing scratch directories. */
final class FinalizeOutputs {
  private FinalizeOutputs() {}

  static void deleteQuietly(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      // Scratch space only; the finalize step removes leftovers.
    }
  }
}
