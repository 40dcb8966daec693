package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.ArchiveLimits.size;

import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.extract.archive.KeepRule.Keep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects an archive's members as a reader meets them and builds the {@link SdistContents}:
 * counts members and name bytes against the limits, decides which contents to keep
 * ({@link KeepRule}, per-member and total caps), records duplicates (the last one wins), finds the
 * project directory and resolves links inside it.
 *
 * <p>A tar is read once, before its project directory is known: a member is read when the rule
 * keeps it relative to the archive root or to its own top-level directory, and the rule is
 * applied again relative to the project directory once that is known. A zip's project directory
 * is chosen from its central directory before any content is read.
 */
final class TreeBuilder {
  static final String NOT_READ = "not read: not a file that can carry dependency metadata";
  static final String NESTED = "is an archive inside the archive (never opened)";
  private static final List<String> MARKERS = List.of("PKG-INFO", "setup.py", "pyproject.toml");
  private static final int MAX_LINK_HOPS = 8;

  enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

  /** One member: its last occurrence in the archive. */
  static final class Member {
    final Type type;
    final String path;
    /** The link's target as written in the archive. */
    final String target;
    byte[] content;
    boolean module;
    /** Why the content is not kept, or what a non-file member is. */
    String note;

    Member(Type type, String path, String target, String note) {
      this.type = type;
      this.path = path;
      this.target = target;
      this.note = note;
    }
  }

  /** Reads a member's content: at most {@code max + 1} bytes, so that a longer one shows. */
  @FunctionalInterface
  interface Content {
    byte[] read(int max) throws IOException, ArchiveException;
  }

  private final ArchiveLimits limits;
  private final KeepRule rule;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Set<String> directories = new HashSet<>();
  private final Map<String, Integer> duplicates = new TreeMap<>();
  private final Set<String> notUtf8 = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();
  private int entries;
  private long listingBytes;
  private long keptBytes;
  private long keptModuleBytes;
  private String projectDir;

  TreeBuilder(ArchiveLimits limits, KeepRule rule) {
    this.limits = limits;
    this.rule = rule;
  }

  /** Counts one archive entry against {@link ArchiveLimits#maxMembers} and the listing bound. */
  void count(int nameBytes) throws ArchiveException {
    entries++;
    if (entries > limits.maxMembers()) {
      throw new ArchiveException(Kind.LIMIT, "the archive has more than " + limits.maxMembers()
          + " members (the limit on members per archive)");
    }
    listingBytes += nameBytes;
    if (listingBytes > limits.maxListingBytes()) {
      throw new ArchiveException(Kind.LIMIT, "the member names take more than "
          + size(limits.maxListingBytes()) + " (the limit on the listing per archive)");
    }
  }

  int entries() {
    return entries;
  }

  /** Notes that {@code path}'s name was not valid UTF-8 (it was read as ISO-8859-1). */
  void notUtf8(String path) {
    notUtf8.add(path);
  }

  /** Adds a member; a member already at {@code path} is replaced (the last one wins). */
  Member add(Type type, String path, String target, String note) {
    if (path.isEmpty()) {
      return null;
    }
    if (type == Type.DIRECTORY) {
      directories.add(path);
      return null;
    }
    Member old = members.remove(path);
    if (old != null) {
      duplicates.merge(path, 2, (a, b) -> a + 1);
      if (old.content != null) {
        keptBytes -= old.content.length;
        if (old.module) {
          keptModuleBytes -= old.content.length;
        }
      }
    }
    Member m = new Member(type, path, target, note);
    members.put(path, m);
    return m;
  }

  /** The file members in archive order (for a zip, whose contents are read after the listing). */
  List<Member> files() {
    List<Member> files = new ArrayList<>();
    for (Member m : members.values()) {
      if (m.type == Type.FILE) {
        files.add(m);
      }
    }
    return files;
  }

  /**
   * Decides whether to keep file member {@code m} of {@code size} bytes (as declared) and reads
   * it through {@code content} if so; otherwise records why not.
   */
  void read(Member m, long size, Content content) throws IOException, ArchiveException {
    Keep keep = keepNow(m.path);
    if (keep == Keep.NO) {
      m.note = KeepRule.isNestedArchive(m.path) ? NESTED : NOT_READ;
      return;
    }
    int cap = limits.maxMemberBytes();
    boolean core = KeepRule.isCoreMetadata(m.path);
    if (size > cap && !core) {
      m.note = overCap(size);
      return;
    }
    long want = Math.min(size, cap);
    if (keptBytes + want > limits.maxKeptBytes()) {
      m.note = "not read: the kept members of this archive already take " + size(keptBytes)
          + " (the limit is " + size(limits.maxKeptBytes()) + ")";
      return;
    }
    if (keep == Keep.MODULE && keptModuleBytes + want > limits.maxKeptModuleBytes()) {
      m.note = "not read: the kept modules of this archive already take " + size(keptModuleBytes)
          + " (the limit is " + size(limits.maxKeptModuleBytes()) + ")";
      return;
    }
    byte[] bytes = content.read(cap);
    if (bytes.length > cap) {
      int end = core ? KeepRule.headerBlockEnd(bytes, cap) : -1;
      if (end < 0) {
        m.note = core
            ? "is over " + size(cap) + " and its header block alone is longer (the limit for kept members)"
            : overCap(Math.max(size, bytes.length));
        return;
      }
      bytes = Arrays.copyOf(bytes, end);
      problems.add(MemberNames.quote(m.path) + " is over " + size(cap)
          + ": only its header block was kept (the description is cut)");
    }
    m.content = bytes;
    m.module = keep == Keep.MODULE;
    keptBytes += bytes.length;
    if (m.module) {
      keptModuleBytes += bytes.length;
    }
  }

  /** Records that file member {@code m} cannot be read ({@code why}), if the rule would keep it. */
  void unreadable(Member m, String why) {
    if (keepNow(m.path) != Keep.NO) {
      m.note = why;
    } else {
      m.note = KeepRule.isNestedArchive(m.path) ? NESTED : NOT_READ;
    }
  }

  private String overCap(long size) {
    return "is " + size(size) + ", over the " + size(limits.maxMemberBytes())
        + " limit for kept members";
  }

  /** The rule, relative to the project directory when known, else to either candidate. */
  private Keep keepNow(String path) {
    if (projectDir != null) {
      String rel = relative(projectDir, path);
      return rel == null ? Keep.NO : rule.classify(rel);
    }
    Keep atRoot = rule.classify(path);
    int slash = path.indexOf('/');
    Keep belowTop = slash < 0 ? Keep.NO : rule.classify(path.substring(slash + 1));
    return atRoot.ordinal() <= belowTop.ordinal() ? atRoot : belowTop;
  }

  /**
   * Chooses the project directory from the members seen: the one top-level directory when
   * nothing else is at the root; else the root when it holds PKG-INFO, setup.py or
   * pyproject.toml; else the one top-level directory that holds one of them (the one named like
   * the file, {@code stem}, when several do); else the root.
   */
  void chooseProjectDirectory(String stem) {
    Set<String> top = new TreeSet<>();
    boolean rootFiles = false;
    for (String d : directories) {
      top.add(firstComponent(d));
    }
    for (Member m : members.values()) {
      if (m.path.indexOf('/') >= 0) {
        top.add(firstComponent(m.path));
      } else {
        rootFiles = true;
      }
    }
    if (top.isEmpty() && !rootFiles) {
      problems.add("the archive has no members");
      projectDir = "";
      return;
    }
    if (!rootFiles && top.size() == 1) {
      projectDir = top.iterator().next();
      return;
    }
    if (hasMarker("")) {
      projectDir = "";
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (String dir : top) {
      if (hasMarker(dir)) {
        candidates.add(dir);
      }
    }
    if (candidates.size() == 1) {
      projectDir = candidates.get(0);
    } else if (candidates.contains(stem)) {
      projectDir = stem;
    } else {
      projectDir = "";
      problems.add(candidates.isEmpty()
          ? "no top-level directory holds PKG-INFO, setup.py or pyproject.toml: paths are relative to the archive root"
          : "several top-level directories hold PKG-INFO, setup.py or pyproject.toml (" + String.join("/, ", candidates)
              + "/): paths are relative to the archive root");
    }
  }

  /** Sets the project directory ({@code ""}: the root). */
  void projectDirectory(String dir) {
    projectDir = dir;
  }

  private boolean hasMarker(String dir) {
    for (String marker : MARKERS) {
      if (members.containsKey(dir.isEmpty() ? marker : dir + "/" + marker)) {
        return true;
      }
    }
    return false;
  }

  private static String firstComponent(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  /** {@code path} relative to {@code dir}, or null when it is not inside it. */
  private static String relative(String dir, String path) {
    if (dir.isEmpty()) {
      return path;
    }
    return path.length() > dir.length() + 1 && path.startsWith(dir) && path.charAt(dir.length()) == '/'
        ? path.substring(dir.length() + 1) : null;
  }

  SdistContents build(ArchiveKind kind, String stem, Meter meter) {
    if (projectDir == null) {
      chooseProjectDirectory(stem);
    }
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, String> unavailable = new TreeMap<>();
    int outside = 0;
    for (Member m : members.values()) {
      String rel = relative(projectDir, m.path);
      if (rel == null) {
        outside++;
        continue;
      }
      boolean keepable = rule.classify(rel) != Keep.NO;
      switch (m.type) {
        case FILE -> {
          if (m.content != null && keepable) {
            files.put(rel, m.content);
          } else {
            unavailable.put(rel, m.content != null || m.note == null ? NOT_READ : m.note);
          }
        }
        case SYMLINK, HARDLINK -> {
          Object resolved = resolve(m, 0);
          if (resolved instanceof byte[] b && keepable) {
            files.put(rel, b);
          } else {
            unavailable.put(rel, resolved instanceof String why ? why : NOT_READ);
          }
        }
        default -> unavailable.put(rel, m.note);
      }
    }
    List<String> notes = new ArrayList<>(problems);
    if (outside > 0) {
      notes.add(outside + (outside == 1 ? " member" : " members") + " outside the project directory "
          + MemberNames.quote(projectDir + "/") + " not listed");
    }
    duplicates.forEach((path, n) -> notes.add(
        "member " + MemberNames.quote(path) + " appears " + n + " times: the last one is used"));
    for (String path : notUtf8) {
      notes.add("member name " + MemberNames.quote(path) + " is not valid UTF-8 (read as ISO-8859-1)");
    }
    return new SdistContents(kind, projectDir, new MemorySourceTree(files, unavailable), notes,
        entries, meter.archiveBytes(), meter.uncompressedBytes(), keptBytes);
  }

  /** A link's content (byte[]) when it leads to a kept file in the project directory, else why not. */
  private Object resolve(Member link, int hops) {
    String what = (link.type == Type.SYMLINK ? "is a symbolic link to " : "is a hard link to ")
        + MemberNames.quote(link.target);
    String target = link.type == Type.SYMLINK
        ? MemberNames.linkTarget(link.path, link.target)
        : hardLinkTarget(link.target);
    if (target == null) {
      return what + ", outside the archive";
    }
    if (relative(projectDir, target) == null) {
      return what + ", outside the project directory";
    }
    Member t = members.get(target);
    if (t == null) {
      return directories.contains(target) ? what + ", a directory" : what + ", which is not in the archive";
    }
    if (t == link || hops >= MAX_LINK_HOPS) {
      return what + ": too many links in a row (a loop?)";
    }
    return switch (t.type) {
      case FILE -> t.content != null && rule.classify(relative(projectDir, target)) != Keep.NO
          ? t.content : what + ", which was not read";
      case SYMLINK, HARDLINK -> {
        Object next = resolve(t, hops + 1);
        yield next instanceof byte[] ? next : what + ", which " + next;
      }
      default -> what + ", which " + t.note;
    };
  }

  private static String hardLinkTarget(String target) {
    try {
      String path = MemberNames.normalize(target, false);
      return path.isEmpty() ? null : path;
    } catch (ArchiveException e) {
      return null;
    }
  }

  /** The UTF-8 length of a name, for the listing bound. */
  static int nameBytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }
}
