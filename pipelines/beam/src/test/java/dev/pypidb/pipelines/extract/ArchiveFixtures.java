package dev.pypidb.pipelines.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Distribution archives made in tests: sdists as tar.gz or zip, wheels and eggs as zips. */
final class ArchiveFixtures {
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, TarArchiveEntry> specials = new LinkedHashMap<>();

  static ArchiveFixtures of(String... pathsAndTexts) {
    ArchiveFixtures a = new ArchiveFixtures();
    for (int i = 0; i + 1 < pathsAndTexts.length; i += 2) {
      a.file(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    return a;
  }

  ArchiveFixtures file(String path, String text) {
    return bytes(path, text.getBytes(StandardCharsets.UTF_8));
  }

  ArchiveFixtures bytes(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  /** A symbolic link member (tar only). */
  ArchiveFixtures symlink(String path, String target) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK, true);
    e.setLinkName(target);
    specials.put(path, e);
    return this;
  }

  /** A character device member (tar only). */
  ArchiveFixtures device(String path) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarArchiveEntry.LF_CHR, true);
    e.setDevMajor(1);
    e.setDevMinor(3);
    specials.put(path, e);
    return this;
  }

  byte[] tarGz() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey(), true);
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      for (TarArchiveEntry e : specials.values()) {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  byte[] zip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Writes {@code bytes} as {@code dir/name}. */
  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), bytes);
  }

  /** A tar.gz of one member of {@code size} zero bytes: a decompression bomb. */
  static byte[] zeros(String path, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      TarArchiveEntry e = new TarArchiveEntry(path, true);
      e.setSize(size);
      tar.putArchiveEntry(e);
      byte[] chunk = new byte[1 << 20];
      for (long done = 0; done < size; done += chunk.length) {
        tar.write(chunk, 0, (int) Math.min(chunk.length, size - done));
      }
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  /** A tar.gz with {@code n} empty members under {@code root}. */
  static byte[] manyMembers(String root, int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out, 1 << 16))) {
      for (int i = 0; i < n; i++) {
        TarArchiveEntry e = new TarArchiveEntry(root + "f" + i, true);
        e.setSize(0);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
