package dev.pypidb.extract.archive;

import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.SourceTree;
import java.util.List;

/**
 * An sdist (or egg) as read by {@link SdistArchive} (or {@link EggArchive}): its member files,
 * relative to the project directory, the contents of those that can carry dependency
 * information ({@code KeepRule}), and for every other member the reason it cannot be read.
 *
 * <p>What is a member note ({@link #unavailable}) rather than an {@link ArchiveException}:
 * symbolic and hard links that do not lead to a kept file inside the project directory ("is a
 * symbolic link to '../x', outside the project directory"; a link to a kept file reads as that
 * file), device files and FIFOs, nested archives (never opened), members over the per-member
 * size limit, members past the kept-bytes limits, and members the rule does not keep. What is
 * an archive-level note ({@link #problems}): duplicate names (the last occurrence wins, as when
 * tarfile or zipfile extract), names that are not valid UTF-8, members outside the project
 * directory, an ambiguous project directory, a core metadata file cut to its header block.
 * Directories are not listed.
 */
public final class SdistContents implements SourceTree {
  private final ArchiveKind kind;
  private final String projectDirectory;
  private final MemorySourceTree tree;
  private final List<String> problems;
  private final int memberCount;
  private final long archiveBytes;
  private final long uncompressedBytes;
  private final long keptBytes;

  SdistContents(ArchiveKind kind, String projectDirectory, MemorySourceTree tree,
      List<String> problems, int memberCount, long archiveBytes, long uncompressedBytes,
      long keptBytes) {
    this.kind = kind;
    this.projectDirectory = projectDirectory;
    this.tree = tree;
    this.problems = List.copyOf(problems);
    this.memberCount = memberCount;
    this.archiveBytes = archiveBytes;
    this.uncompressedBytes = uncompressedBytes;
    this.keptBytes = keptBytes;
  }

  public ArchiveKind kind() {
    return kind;
  }

  /** The directory the paths are relative to ({@code requests-2.31.0}), or {@code ""}: the root. */
  public String projectDirectory() {
    return projectDirectory;
  }

  @Override
  public List<String> paths() {
    return tree.paths();
  }

  @Override
  public boolean exists(String path) {
    return tree.exists(path);
  }

  @Override
  public byte[] bytes(String path) {
    return tree.bytes(path);
  }

  @Override
  public String unavailable(String path) {
    return tree.unavailable(path);
  }

  /** Archive-level notes (see the class comment); empty for a clean archive. */
  public List<String> problems() {
    return problems;
  }

  /** Entries in the archive, directories and duplicates included. */
  public int memberCount() {
    return memberCount;
  }

  /** Bytes read from the archive file (the first 512 twice: once for the format check). */
  public long archiveBytes() {
    return archiveBytes;
  }

  /** Bytes produced by decompression (for a tar, the whole tar stream up to its end marker). */
  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** The kept members' contents added up. */
  public long keptBytes() {
    return keptBytes;
  }

  @Override
  public String toString() {
    return "SdistContents[" + kind + " " + projectDirectory + "/, " + paths().size() + " files, "
        + problems.size() + " problems]";
  }
}
