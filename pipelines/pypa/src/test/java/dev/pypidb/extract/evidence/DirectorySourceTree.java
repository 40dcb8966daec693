package dev.pypidb.extract.evidence;

import dev.pypidb.extract.MemorySourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An unpacked sdist directory as a {@link MemorySourceTree}, for the evidence checks only. */
final class DirectorySourceTree {
  private static final long MAX_FILE = 1 << 20;

  private DirectorySourceTree() {}

  static MemorySourceTree read(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, String> unavailable = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (Files.size(p) > MAX_FILE) {
          unavailable.put(rel, "is over 1 MiB");
        } else {
          files.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return new MemorySourceTree(files, unavailable);
  }

  /** {@code tree} without its PKG-INFO and egg-info: what pyproject.toml and setup.cfg say alone. */
  static MemorySourceTree withoutMetadata(MemorySourceTree tree) {
    Map<String, byte[]> files = new TreeMap<>();
    for (String p : tree.paths()) {
      if (p.equals("PKG-INFO") || p.contains(".egg-info/")) {
        continue;
      }
      byte[] b = tree.bytes(p);
      if (b != null) {
        files.put(p, b);
      }
    }
    return new MemorySourceTree(files, Map.of());
  }
}
