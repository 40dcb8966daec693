package dev.pypidb.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The raw tree fetch writes: one directory per project, named by its canonical name, holding
 * the PEP 691 page ({@code <name>.json}), the {@code <file>.metadata} files beside it and, when
 * asked, the archives; {@code .project.json} says what the directory holds. A project
 * directory is built under {@code .staging/}, every file fsynced, and renamed into place whole,
 * so a reader (or a fetch killed and run again) sees a project's old files or its new ones,
 * never a mix or a partial file.
 */
public final class RawTree {
  /** The state file of a project directory. */
  public static final String STATE = ".project.json";
  static final String STAGING = ".staging";
  static final String TRASH = ".trash";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final boolean fsync;

  public RawTree(Path root, boolean fsync) {
    this.root = root;
    this.fsync = fsync;
  }

  public Path root() {
    return root;
  }

  /** Creates the tree and removes what a killed run left in {@code .staging/} and {@code .trash/}. */
  public void open() throws IOException {
    Files.createDirectories(root);
    deleteRecursively(root.resolve(STAGING));
    deleteRecursively(root.resolve(TRASH));
  }

  public Path dir(String project) {
    return root.resolve(project);
  }

  /** The page file of a project inside its directory. */
  public static String pageName(String project) {
    return project + ".json";
  }

  /** The committed state of a project, or null when the tree has no (complete) directory for it. */
  public ProjectState state(String project) throws IOException {
    Path f = dir(project).resolve(STATE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    return JSON.readValue(f.toFile(), ProjectState.class);
  }

  /** Project directories present (names that do not start with a dot). */
  public TreeSet<String> projects() throws IOException {
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".") && Files.isDirectory(p)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** A fresh, empty staging directory for a project. */
  public Path staging(String project) throws IOException {
    Path dir = root.resolve(STAGING).resolve(project + "-" + UUID.randomUUID());
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * Writes the state into {@code staging}, syncs every file, and puts the directory in place of
   * the project's (the old one, if any, goes to {@code .trash/} and is deleted).
   */
  public void commit(String project, Path staging, ProjectState state) throws IOException {
    Files.write(staging.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    if (fsync) {
      try (Stream<Path> s = Files.list(staging)) {
        for (Path p : s.toList()) {
          force(p);
        }
      }
      force(staging);
    }
    Path target = dir(project);
    if (Files.exists(target)) {
      Path trash = root.resolve(TRASH).resolve(project + "-" + UUID.randomUUID());
      Files.createDirectories(trash.getParent());
      Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(trash);
    } else {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
    if (fsync) {
      force(root);
    }
  }

  /**
   * Puts a copy of another tree's project directory in place (hard links, state included): an
   * unchanged project of {@code --previous}.
   */
  public void adopt(String project, Path from) throws IOException {
    Path staging = staging(project);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
      for (Path p : s) {
        if (Files.isRegularFile(p)) {
          linkOrCopy(p, staging.resolve(p.getFileName().toString()));
        }
      }
    }
    Path target = dir(project);
    if (Files.exists(target)) {
      remove(project);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    if (fsync) {
      force(root);
    }
  }

  /** Removes a project's directory (a project the index no longer lists). */
  public void remove(String project) throws IOException {
    Path target = dir(project);
    if (Files.exists(target)) {
      Path trash = root.resolve(TRASH).resolve(project + "-" + UUID.randomUUID());
      Files.createDirectories(trash.getParent());
      Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(trash);
    }
  }

  /** A hard link to {@code from} at {@code to}, or a copy where links cannot be made. */
  public static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes bytes to a file of a staging directory. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  private static void force(Path p) throws IOException {
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
