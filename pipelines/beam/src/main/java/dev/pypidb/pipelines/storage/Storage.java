package dev.pypidb.pipelines.storage;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Files named by location strings — a local path, {@code hdfs://host:port/path} or
 * {@code s3://bucket/key} — read and written through Beam's {@link FileSystems}, so every
 * input and output of pypidb may live on any of them.
 *
 * <p>Three kinds of store, which differ where pypidb cares:
 * <ul>
 *   <li><b>local</b> paths (no scheme, or {@code file:}): directories are real; a rename is
 *       atomic. Directory listing and removal use {@code java.nio.file}.
 *   <li><b>file systems</b> such as HDFS: directories are real; a rename of a file is atomic.
 *       Listing goes through {@code match(dir/*)}, one level at a time (Beam's Hadoop file
 *       system cannot tell a directory from a file in a match result, and its {@code **}
 *       leaves out the files directly in the directory).
 *   <li><b>object stores</b> ({@code s3://}, {@code gs://}): a "directory" is a key prefix, a
 *       rename is a copy and a delete. A commit there lists its files in the manifest instead of
 *       renaming them into place ({@link #hasAtomicRename}).
 * </ul>
 */
public final class Storage {
  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://.*", Pattern.DOTALL);

  private Storage() {}

  /** One file found by a listing: where it is, its name, its size in bytes. */
  public record Entry(String location, String name, long size) {}

  /** The location's scheme: {@code file} for local paths. */
  public static String scheme(String location) {
    var m = SCHEME.matcher(location);
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "file";
  }

  /** Whether the location is a local path. */
  public static boolean isLocal(String location) {
    return scheme(location).equals("file");
  }

  /** Whether the location is in an object store (no directories, no atomic rename). */
  public static boolean isObjectStore(String location) {
    String s = scheme(location);
    return s.equals("s3") || s.equals("gs");
  }

  /** Whether a file can be moved into place atomically (replacing what was there). */
  public static boolean hasAtomicRename(String location) {
    return !isObjectStore(location);
  }

  /** A local location as a path ({@code file:} URLs included). */
  public static Path localPath(String location) {
    if (location.startsWith("file://")) {
      return Path.of(java.net.URI.create(location));
    }
    return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
  }

  /** A location for people and manifests: an absolute path, or the URL without credentials. */
  public static String display(String location) {
    if (isLocal(location)) {
      return localPath(location).toAbsolutePath().normalize().toString();
    }
    return location.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  /** The location made absolute (local paths) and without a trailing slash. */
  public static String absolute(String location) {
    if (isLocal(location)) {
      return localPath(location).toAbsolutePath().normalize().toString();
    }
    return stripSlash(location);
  }

  /** A URL without trailing slashes, except the root's ({@code hdfs://host:port/}). */
  private static String stripSlash(String location) {
    int root = location.indexOf('/', location.indexOf("://") + 3);
    String s = location;
    while (root >= 0 && s.length() - 1 > root && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** {@code child} (one or more {@code /}-separated names) inside directory {@code dir}. */
  public static String resolve(String dir, String child) {
    if (isLocal(dir)) {
      return localPath(dir).resolve(child).toString();
    }
    String d = stripSlash(dir);
    return d.endsWith("/") ? d + child : d + "/" + child;
  }

  /** The directory holding a location (null at the top). */
  public static String parent(String location) {
    if (isLocal(location)) {
      Path p = localPath(location).getParent();
      return p == null ? null : p.toString();
    }
    String s = stripSlash(location);
    int root = s.indexOf('/', s.indexOf("://") + 3);
    int cut = s.lastIndexOf('/');
    return root < 0 || cut <= root ? (root < 0 ? null : s.substring(0, root + 1)) : s.substring(0, cut);
  }

  /** The last name of a location. */
  public static String name(String location) {
    if (isLocal(location)) {
      Path p = localPath(location).getFileName();
      return p == null ? "" : p.toString();
    }
    String s = stripSlash(location);
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static ResourceId file(String location) {
    return FileSystems.matchNewResource(isLocal(location)
        ? localPath(location).toAbsolutePath().toString() : location, false);
  }

  // ---------------------------------------------------------------- reading

  /** Opens a file for reading. */
  public static InputStream open(String location) throws IOException {
    return Channels.newInputStream(FileSystems.open(file(location)));
  }

  /**
   * Opens a file for reading at any position: the store's own channel when it seeks (local, HDFS
   * and S3 channels do), else a copy in local scratch space, deleted when the channel is closed.
   */
  public static SeekableByteChannel openSeekable(String location) throws IOException {
    ReadableByteChannel c = FileSystems.open(file(location));
    if (c instanceof SeekableByteChannel s) {
      return s;
    }
    return LocalCopyChannel.of(c);
  }

  /** A whole file. */
  public static byte[] readAll(String location) throws IOException {
    try (InputStream in = open(location)) {
      return in.readAllBytes();
    }
  }

  /** A whole file as UTF-8 text. */
  public static String readString(String location) throws IOException {
    return new String(readAll(location), StandardCharsets.UTF_8);
  }

  /** A file's size in bytes, or -1 when there is no such file. */
  public static long sizeIfExists(String location) throws IOException {
    if (isLocal(location)) {
      Path p = localPath(location);
      return Files.isRegularFile(p) ? Files.size(p) : -1;
    }
    MatchResult r = FileSystems.match(List.of(location), EmptyMatchTreatment.ALLOW).get(0);
    if (r.status() == MatchResult.Status.NOT_FOUND) {
      return -1;
    }
    List<MatchResult.Metadata> m = r.metadata();
    return m.isEmpty() || m.get(0).resourceId().isDirectory() ? -1 : m.get(0).sizeBytes();
  }

  /** Whether a file (not a directory) is at the location. */
  public static boolean isFile(String location) throws IOException {
    if (isLocal(location)) {
      return Files.isRegularFile(localPath(location));
    }
    return sizeIfExists(location) >= 0 && (isObjectStore(location) || !hasChildren(location));
  }

  /** Whether a directory (or, in an object store, a key prefix) with something in it is there. */
  public static boolean isDirectory(String location) throws IOException {
    if (isLocal(location)) {
      return Files.isDirectory(localPath(location));
    }
    return hasChildren(location);
  }

  private static boolean hasChildren(String dir) throws IOException {
    String pattern = resolve(dir, isObjectStore(dir) ? "**" : "*");
    return !globbed(pattern).isEmpty();
  }

  /** What a glob matches: files (and, on Hadoop file systems, directories too). */
  private static List<MatchResult.Metadata> globbed(String pattern) throws IOException {
    MatchResult r = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (r.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> out = new ArrayList<>();
    for (MatchResult.Metadata m : r.metadata()) {
      if (!m.resourceId().isDirectory()) { // an object store's "dir/" marker keys
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The files below {@code dir}, at any depth, sorted by location; none when it does not exist.
   * Hidden names are kept: callers decide.
   */
  public static List<Entry> walkFiles(String dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (isLocal(dir)) {
      Path root = localPath(dir);
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          for (Path p : s.filter(Files::isRegularFile).toList()) {
            out.add(new Entry(p.toString(), p.getFileName().toString(), Files.size(p)));
          }
        }
      }
    } else if (isObjectStore(dir)) {
      for (MatchResult.Metadata m : globbed(resolve(dir, "**"))) {
        String location = m.resourceId().toString();
        out.add(new Entry(location, name(location), m.sizeBytes()));
      }
    } else {
      // One level at a time: an entry with children is a directory, one without is a file
      // (or an empty directory, which holds nothing to read).
      Deque<String> dirs = new ArrayDeque<>(List.of(dir));
      while (!dirs.isEmpty()) {
        for (MatchResult.Metadata m : globbed(resolve(dirs.pop(), "*"))) {
          String location = stripSlash(m.resourceId().toString());
          if (hasChildren(location)) {
            dirs.push(location);
          } else {
            out.add(new Entry(location, name(location), m.sizeBytes()));
          }
        }
      }
    }
    out.sort(Comparator.comparing(Entry::location));
    return out;
  }

  /**
   * The names directly in {@code dir}: files and directories (on an object store, the first
   * name of every key below the prefix). Sorted; empty when there is nothing.
   */
  public static List<String> childNames(String dir) throws IOException {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    if (isLocal(dir)) {
      Path root = localPath(dir);
      if (Files.isDirectory(root)) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
          s.forEach(p -> names.add(p.getFileName().toString()));
        }
      }
    } else if (isObjectStore(dir)) {
      String prefix = stripSlash(dir) + "/";
      for (MatchResult.Metadata m : globbed(resolve(dir, "**"))) {
        String rest = m.resourceId().toString().substring(prefix.length());
        names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      }
    } else {
      for (MatchResult.Metadata m : globbed(resolve(dir, "*"))) {
        names.add(name(stripSlash(m.resourceId().toString())));
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * The files directly in {@code dir} (not in its subdirectories), sorted by location; none when
   * it does not exist. Hidden names are kept: callers decide.
   */
  public static List<Entry> files(String dir) throws IOException {
    if (!isLocal(dir)) {
      return glob(resolve(dir, "*")); // one name deep, files only
    }
    List<Entry> out = new ArrayList<>();
    Path root = localPath(dir);
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
        for (Path p : s) {
          if (Files.isRegularFile(p)) {
            out.add(new Entry(p.toString(), p.getFileName().toString(), Files.size(p)));
          }
        }
      }
    }
    out.sort(Comparator.comparing(Entry::location));
    return out;
  }

  /** The files a glob matches (a {@code *} stays within one name, {@code **} crosses them). */
  public static List<Entry> glob(String pattern) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (isLocal(pattern)) {
      // Beam's local matcher walks from the glob's literal prefix, files only.
      String absolute = localPath(pattern).toAbsolutePath().normalize().toString();
      for (MatchResult.Metadata m : globbed(absolute)) {
        String location = m.resourceId().toString();
        out.add(new Entry(location, name(location), m.sizeBytes()));
      }
    } else {
      for (MatchResult.Metadata m : globbed(pattern)) {
        String location = stripSlash(m.resourceId().toString());
        if (isObjectStore(pattern) || !hasChildren(location)) {
          out.add(new Entry(location, name(location), m.sizeBytes()));
        }
      }
    }
    out.sort(Comparator.comparing(Entry::location));
    return out;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Creates (or replaces) a file and opens it for writing; missing directories are made. On an
   * object store the object appears whole when the stream is closed.
   */
  public static OutputStream create(String location) throws IOException {
    if (isLocal(location)) {
      Path parent = localPath(location).toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
    return new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(file(location), MimeTypes.BINARY)),
        1 << 16);
  }

  /** Writes a whole file (replacing it). */
  public static void write(String location, byte[] bytes) throws IOException {
    try (OutputStream out = create(location)) {
      out.write(bytes);
    }
  }

  /** Writes a whole file as UTF-8 text (replacing it). */
  public static void writeString(String location, String text) throws IOException {
    write(location, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces a file so that a reader sees the old bytes or the new, never part of them: written
   * beside it and renamed over it where renames are atomic; one upload on an object store (an
   * object becomes visible whole).
   */
  public static void writeAtomically(String location, byte[] bytes) throws IOException {
    if (!hasAtomicRename(location)) {
      write(location, bytes);
      return;
    }
    String tmp = resolve(parent(location), "." + name(location) + ".tmp-" + UUID.randomUUID());
    try {
      write(tmp, bytes);
      rename(tmp, location);
    } finally {
      delete(tmp);
    }
  }

  /**
   * Moves a file, replacing what is at {@code to}: atomic on local and Hadoop file systems; a
   * copy and a delete on an object store.
   */
  public static void rename(String from, String to) throws IOException {
    if (isLocal(from)) {
      Path target = localPath(to);
      if (target.toAbsolutePath().getParent() != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
      }
      Files.move(localPath(from), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    FileSystems.rename(List.of(file(from)), List.of(file(to)));
  }

  /** Copies a file, replacing what is at {@code to} (server-side on an object store). */
  public static void copy(String from, String to) throws IOException {
    if (isLocal(to)) {
      Path parent = localPath(to).toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
    FileSystems.copy(List.of(file(from)), List.of(file(to)));
  }

  /** Uploads a local file to any location (a plain copy when both are local). */
  public static void upload(Path local, String location) throws IOException {
    try (OutputStream out = create(location)) {
      Files.copy(local, out);
    }
  }

  /** Deletes one file; nothing when it is not there. */
  public static void delete(String location) throws IOException {
    if (isLocal(location)) {
      Files.deleteIfExists(localPath(location));
      return;
    }
    FileSystems.delete(List.of(file(location)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** Deletes a file, or a directory with everything below it; nothing when it is not there. */
  public static void deleteTree(String location) throws IOException {
    if (isLocal(location)) {
      Path root = localPath(location);
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      return;
    }
    List<ResourceId> files = new ArrayList<>();
    for (Entry e : walkFiles(location)) {
      files.add(file(e.location()));
    }
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    if (!isObjectStore(location)) {
      removeEmptyDirectories(location);
    } else if (files.isEmpty()) {
      delete(location); // a single object
    }
  }

  /** On a Hadoop file system, the (now empty) directories below and at {@code dir}. */
  private static void removeEmptyDirectories(String dir) throws IOException {
    List<String> order = new ArrayList<>();
    Deque<String> todo = new ArrayDeque<>(List.of(dir));
    while (!todo.isEmpty()) {
      String d = todo.pop();
      order.add(d);
      for (MatchResult.Metadata m : globbed(resolve(d, "*"))) {
        todo.push(stripSlash(m.resourceId().toString()));
      }
    }
    java.util.Collections.reverse(order);
    List<ResourceId> ids = new ArrayList<>();
    for (String d : order) {
      ids.add(file(d));
    }
    FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /**
   * Checks that files can be written under {@code dir} (made when missing): writes and deletes
   * a small probe. Throws with the store's reason when they cannot.
   */
  public static void checkWritable(String dir) throws IOException {
    if (isLocal(dir)) {
      Files.createDirectories(localPath(dir));
    }
    String probe = resolve(dir, ".write-check-" + UUID.randomUUID());
    try {
      write(probe, new byte[0]);
    } finally {
      try {
        delete(probe);
      } catch (IOException | RuntimeException e) {
        // the write's own error, if any, is the one to report
      }
    }
  }

  /** Reads a file that must exist, with a message that names it when it does not. */
  public static String readRequired(String location, String what) throws IOException {
    try {
      return readString(location);
    } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new FileNotFoundException(display(location) + " does not exist (" + what + ")");
    }
  }
}
