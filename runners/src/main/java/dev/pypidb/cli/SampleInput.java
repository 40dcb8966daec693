package dev.pypidb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The sample bundled in the jar ({@code runners/src/main/resources/sample}), written out to a
 * directory so the pipelines read it like any input. Two files are stored plain in git and
 * written gzip-compressed here, so the demo also reads gzip input; the distribution archives
 * under {@code archives/} are stored as directories (one per archive, named as the archive)
 * and packed here, with the hostile ones {@link SampleArchives} makes.
 */
final class SampleInput {
  private static final List<String> GZIPPED = List.of(
      "bigquery/distribution_metadata-more.jsonl", "deps-db/wheel/ec.json");

  private SampleInput() {}

  /** Writes the sample under {@code dir} (replacing an older copy) and returns it. */
  static Path extract(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path source = codeSource();
    SampleArchives archives = new SampleArchives();
    if (Files.isDirectory(source)) {
      Path sample = source.resolve("sample");
      try (Stream<Path> s = Files.walk(sample)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          String rel = sample.relativize(p).toString();
          try (InputStream in = Files.newInputStream(p)) {
            write(dir, rel, in, archives);
          }
        }
      }
    } else {
      try (ZipFile jar = new ZipFile(source.toFile())) {
        for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (entry.getName().startsWith("sample/") && !entry.isDirectory()) {
            try (InputStream in = jar.getInputStream(entry)) {
              write(dir, entry.getName().substring("sample/".length()), in, archives);
            }
          }
        }
      }
    }
    archives.write(dir.resolve("archives"));
    return dir;
  }

  private static void write(Path dir, String relative, InputStream in, SampleArchives archives) throws IOException {
    if (relative.startsWith(SampleArchives.PREFIX)) {
      archives.add(relative.substring(SampleArchives.PREFIX.length()), in.readAllBytes());
      return;
    }
    boolean gzip = GZIPPED.contains(relative);
    Path target = dir.resolve(gzip ? relative + ".gz" : relative);
    Files.createDirectories(target.getParent());
    if (gzip) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
        in.transferTo(out);
      }
    } else {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path codeSource() throws IOException {
    try {
      return Path.of(SampleInput.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
