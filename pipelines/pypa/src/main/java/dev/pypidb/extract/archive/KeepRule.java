package dev.pypidb.extract.archive;

import java.util.Locale;
import java.util.Set;

/**
 * Which members' contents are kept in memory: the files that can carry dependency information
 * (paths relative to the project directory).
 *
 * <p>{@link #SDIST}: a member is kept when it is
 * <ul>
 *   <li>directly in the project directory and named {@code PKG-INFO}, {@code Pipfile},
 *       {@code Pipfile.lock} or {@code VERSION}, or ending in {@code .py}, {@code .txt},
 *       {@code .in}, {@code .cfg}, {@code .toml}, {@code .pip} or {@code .ini} (setup.py,
 *       setup.cfg, pyproject.toml, requirements.txt, MANIFEST.in, tox.ini...);
 *   <li>in a {@code *.egg-info/} directory at most two levels down ({@code x.egg-info/requires.txt},
 *       {@code src/x.egg-info/PKG-INFO});
 *   <li>one or two directories down and ending in {@code .txt}, {@code .in}, {@code .cfg},
 *       {@code .toml}, {@code .pip} or {@code .ini} ({@code requirements/base.txt},
 *       {@code requirements/ci/test.txt});
 *   <li>one or two directories down and ending in {@code .py} ({@code pkg/__init__.py},
 *       {@code src/pkg/version.py}: setup.py files read versions and requirement lists from
 *       them); these are {@link Keep#MODULE}s, kept only within
 *       {@link ArchiveLimits#maxKeptModuleBytes}.
 * </ul>
 * A member with an archive's extension is never kept (nested archives are never opened).
 *
 * <p>{@link #EGG}: the files directly in {@code EGG-INFO/} (PKG-INFO, requires.txt...).
 */
enum KeepRule {
  SDIST,
  EGG;

  /** What the rule says of one member. */
  enum Keep {
    /** A file that declares dependencies or that declaring files read. */
    DEPENDENCY_FILE,
    /** A Python module a setup.py may read. */
    MODULE,
    NO
  }

  private static final Set<String> ROOT_NAMES = Set.of("PKG-INFO", "Pipfile", "Pipfile.lock", "VERSION");
  private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "in", "cfg", "toml", "pip", "ini");
  private static final String[] ARCHIVE_SUFFIXES = {
    ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar", ".zip", ".whl", ".egg",
    ".gz", ".bz2", ".xz", ".lzma", ".zst", ".7z", ".rar", ".jar"
  };

  Keep classify(String path) {
    if (isNestedArchive(path)) {
      return Keep.NO;
    }
    String[] parts = path.split("/", -1);
    int depth = parts.length - 1;
    String name = parts[depth];
    if (this == EGG) {
      return depth == 1 && parts[0].equals("EGG-INFO") ? Keep.DEPENDENCY_FILE : Keep.NO;
    }
    String ext = extension(name);
    if (depth == 0) {
      return ROOT_NAMES.contains(name) || ext.equals("py") || TEXT_EXTENSIONS.contains(ext)
          ? Keep.DEPENDENCY_FILE : Keep.NO;
    }
    if (depth > 2) {
      return Keep.NO;
    }
    for (int i = 0; i < depth; i++) {
      if (parts[i].endsWith(".egg-info")) {
        return i == depth - 1 ? Keep.DEPENDENCY_FILE : Keep.NO;
      }
    }
    if (TEXT_EXTENSIONS.contains(ext)) {
      return Keep.DEPENDENCY_FILE;
    }
    return ext.equals("py") ? Keep.MODULE : Keep.NO;
  }

  /** Whether the name is that of an archive or compressed file (never opened). */
  static boolean isNestedArchive(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String suffix : ARCHIVE_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the name is a core metadata file, whose header block alone is worth keeping. */
  static boolean isCoreMetadata(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.equals("PKG-INFO") || name.equals("METADATA");
  }

  /** The end of the header block (just past the first empty line) within {@code b[0..cap)}. */
  static int headerBlockEnd(byte[] b, int cap) {
    for (int i = 0; i + 1 < cap; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') {
        return i + 2;
      }
      if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < cap && b[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
