package dev.pypidb.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The sample's distribution archives: each directory {@code archives/<archive name>/} of the
 * bundled sample is packed into that archive (tar.gz, zip or wheel by its name), members in
 * name order with a fixed time, so the bytes (and sha256) are the same on every run. Also
 * writes the hostile archives the sample README lists, which are easier made than stored.
 */
final class SampleArchives {
  static final String PREFIX = "archives/";
  private static final long MTIME = 1_600_000_000_000L;

  /** Archive name to member path to content. */
  private final Map<String, Map<String, byte[]>> archives = new TreeMap<>();

  /** Adds one member: {@code relative} is {@code <archive name>/<member path>}. */
  void add(String relative, byte[] content) {
    int slash = relative.indexOf('/');
    if (slash <= 0) {
      throw new IllegalStateException("sample archive member outside an archive directory: " + relative);
    }
    archives.computeIfAbsent(relative.substring(0, slash), k -> new TreeMap<>())
        .put(relative.substring(slash + 1), content);
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, Map<String, byte[]>> a : archives.entrySet()) {
      Files.write(dir.resolve(a.getKey()), pack(a.getKey(), a.getValue()));
    }
    writeHostile(dir);
  }

  private static byte[] pack(String name, Map<String, byte[]> members) throws IOException {
    if (name.endsWith(".tar.gz")) {
      return tarGz(members, Map.of());
    }
    if (name.endsWith(".zip") || name.endsWith(".whl")) {
      return zip(members);
    }
    throw new IllegalStateException("sample archive of unknown kind: " + name);
  }

  /** tar.gz of regular files; {@code links} adds symbolic links (path to target). */
  static byte[] tarGz(Map<String, byte[]> members, Map<String, String> links) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true);
        e.setSize(m.getValue().length);
        e.setModTime(MTIME);
        tar.putArchiveEntry(e);
        tar.write(m.getValue());
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, String> l : links.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(l.getKey(), TarArchiveEntry.LF_SYMLINK, true);
        e.setLinkName(l.getValue());
        e.setModTime(MTIME);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        ZipEntry e = new ZipEntry(m.getKey());
        e.setTime(MTIME);
        zip.putNextEntry(e);
        zip.write(m.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Hostile archives: a member path that climbs out of the archive, a decompression bomb, a
   * truncated sdist, and an HTML page saved under a wheel's name.
   */
  private static void writeHostile(Path dir) throws IOException {
    String t = "pypidb-sample-traversal-1.0/";
    Map<String, byte[]> traversal = new TreeMap<>();
    traversal.put(t + "PKG-INFO", utf8("Metadata-Version: 2.1\nName: pypidb-sample-traversal\nVersion: 1.0\n"));
    traversal.put(t + "setup.py", utf8("from setuptools import setup\nsetup(name='pypidb-sample-traversal', "
        + "version='1.0', install_requires=['requests'])\n"));
    traversal.put(t + "../../../../tmp/pypidb-sample-escaped.txt", utf8("written outside the archive\n"));
    Files.write(dir.resolve("pypidb-sample-traversal-1.0.tar.gz"), tarGz(traversal, Map.of()));

    String b = "pypidb-sample-bomb-1.0/";
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bomb))) {
      byte[] pkgInfo = utf8("Metadata-Version: 2.1\nName: pypidb-sample-bomb\nVersion: 1.0\n");
      TarArchiveEntry info = new TarArchiveEntry(b + "PKG-INFO", true);
      info.setSize(pkgInfo.length);
      info.setModTime(MTIME);
      tar.putArchiveEntry(info);
      tar.write(pkgInfo);
      tar.closeArchiveEntry();
      long size = 200L << 20;
      TarArchiveEntry zeros = new TarArchiveEntry(b + "data.bin", true);
      zeros.setSize(size);
      zeros.setModTime(MTIME);
      tar.putArchiveEntry(zeros);
      byte[] chunk = new byte[1 << 20];
      for (long done = 0; done < size; done += chunk.length) {
        tar.write(chunk);
      }
      tar.closeArchiveEntry();
    }
    Files.write(dir.resolve("pypidb-sample-bomb-1.0.tar.gz"), bomb.toByteArray());

    byte[] whole = Files.readAllBytes(dir.resolve("requests-2.25.1.tar.gz"));
    Files.write(dir.resolve("pypidb-sample-truncated-1.0.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

    Files.write(dir.resolve("pypidb_sample_notawheel-1.0-py3-none-any.whl"),
        utf8("<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
