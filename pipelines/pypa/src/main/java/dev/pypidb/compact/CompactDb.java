package dev.pypidb.compact;

import static dev.pypidb.compact.CompactFormat.*;

import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a compact database (docs/compact-format.md) in place: {@link #open} reads the header,
 * the trailer and the small meta section (dictionaries and the block index); each lookup then
 * reads and inflates the one block that holds the project. Thread-safe; a few recently used
 * blocks and projects are cached.
 *
 * <p>Lookups throw {@link CompactDbFormatException.Unchecked} when a block turns out corrupt,
 * and {@link UncheckedIOException} when reading fails.
 */
public final class CompactDb implements AutoCloseable {
  private static final int BLOCK_CACHE = 16;
  private static final int PROJECT_CACHE = 64;

  private final Path path;
  private final FileChannel channel;
  private final int major;
  private final int minor;
  private final long projectCount;
  private final long releaseCount;
  private final long fileCount;
  private final long buildCount;
  private final String[][] dicts;
  private final byte[] dictionary;
  private final long[] blockOffset;
  private final int[] blockCompressed;
  private final int[] blockRaw;
  private final int[] blockCount;
  private final byte[][] blockFirst;
  private final long hashOffset;
  private final int hashLength;
  private volatile Map<String, String> hashExceptions;
  private volatile List<String> projectNames;

  private final Map<Integer, Block> blocks = new LinkedHashMap<>(32, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Block> e) {
      return size() > BLOCK_CACHE;
    }
  };
  private final Map<String, Project> projects = new LinkedHashMap<>(128, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Project> e) {
      return size() > PROJECT_CACHE;
    }
  };

  /** One inflated block: its project names (UTF-8, sorted) and where each payload lies. */
  private record Block(byte[] data, byte[][] names, int[] offsets, int[] lengths) {}

  private CompactDb(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    long size = channel.size();
    if (size < MAGIC.length || !Arrays.equals(read(0, MAGIC.length), MAGIC)) {
      throw new CompactDbFormatException(path + " is not a pypidb compact database (bad magic)");
    }
    if (size < HEADER_SIZE) {
      throw new CompactDbFormatException(path + " is truncated: " + size + " bytes, shorter than the header");
    }
    ByteReader h = new ByteReader(read(0, HEADER_SIZE), MAGIC.length, HEADER_SIZE, "header of " + path);
    major = h.u8() | h.u8() << 8;
    minor = h.u8() | h.u8() << 8;
    long flags = h.u32le();
    if (major != MAJOR) {
      throw new CompactDbFormatException(path + " has format version " + major + "." + minor
          + "; this reader reads version " + MAJOR + ".x");
    }
    if (flags != 0) {
      throw new CompactDbFormatException(path + " uses header flags " + flags + " this reader does not know");
    }
    if (size < HEADER_SIZE + TRAILER_SIZE) {
      throw new CompactDbFormatException(path + " is truncated: " + size + " bytes, no room for the trailer");
    }
    byte[] t = read(size - TRAILER_SIZE, TRAILER_SIZE);
    if (!Arrays.equals(t, TRAILER_SIZE - END_MAGIC.length, TRAILER_SIZE, END_MAGIC, 0, END_MAGIC.length)) {
      throw new CompactDbFormatException(path + " is truncated or corrupt: no trailer at the end of the file");
    }
    ByteReader tr = new ByteReader(t, 0, TRAILER_SIZE, "trailer of " + path);
    long[] sections = new long[2 * SECTIONS];
    for (int i = 0; i < sections.length; i++) {
      sections[i] = tr.u64le();
    }
    CRC32 crc = new CRC32();
    crc.update(t, 0, 8 * sections.length);
    if (tr.u32le() != crc.getValue()) {
      throw new CompactDbFormatException(path + " is corrupt: trailer checksum mismatch");
    }
    long bodyEnd = size - TRAILER_SIZE;
    for (int s = 0; s < SECTIONS; s++) {
      long off = sections[2 * s];
      long len = sections[2 * s + 1];
      if (off < HEADER_SIZE || len < 0 || off > bodyEnd || len > bodyEnd - off
          || (s != SECTION_BLOCKS && len > Integer.MAX_VALUE)) {
        throw new CompactDbFormatException(path + " is corrupt: section " + s + " (" + off + ", " + len
            + ") lies outside the file");
      }
    }

    byte[] meta = inflate(read(sections[2 * SECTION_META], (int) sections[2 * SECTION_META + 1]), null, -1,
        "meta section");
    ByteReader m = new ByteReader(meta, 0, meta.length, "meta section of " + path);
    try {
      projectCount = m.varlong();
      releaseCount = m.varlong();
      fileCount = m.varlong();
      buildCount = m.varlong();
      dicts = new String[DICTS][];
      for (int d = 0; d < DICTS; d++) {
        int n = m.varint(meta.length);
        dicts[d] = new String[n];
        for (int i = 0; i < n; i++) {
          dicts[d][i] = m.string();
        }
      }
      int n = m.varint(meta.length);
      blockOffset = new long[n];
      blockCompressed = new int[n];
      blockRaw = new int[n];
      blockCount = new int[n];
      blockFirst = new byte[n][];
      long offset = sections[2 * SECTION_BLOCKS];
      long total = 0;
      byte[] prev = new byte[0];
      for (int i = 0; i < n; i++) {
        blockOffset[i] = offset;
        blockCompressed[i] = m.varint();
        blockRaw[i] = m.varint();
        blockCount[i] = m.varint();
        int shared = m.varint(prev.length);
        byte[] suffix = m.bytes(m.varint(meta.length));
        byte[] first = Arrays.copyOf(prev, shared + suffix.length);
        System.arraycopy(suffix, 0, first, shared, suffix.length);
        if (i > 0 && compareNames(prev, first) >= 0) {
          throw m.corrupt("block index not in name order");
        }
        blockFirst[i] = first;
        prev = first;
        offset += blockCompressed[i];
        total += blockCount[i];
      }
      if (offset - sections[2 * SECTION_BLOCKS] != sections[2 * SECTION_BLOCKS + 1]) {
        throw m.corrupt("block lengths do not add up to the blocks section");
      }
      if (total != projectCount) {
        throw m.corrupt("blocks hold " + total + " projects, the header says " + projectCount);
      }
      if (!m.atEnd()) {
        throw m.corrupt("unexpected bytes at the end");
      }
    } catch (CompactDbFormatException.Unchecked e) {
      throw e.getCause();
    }
    int dictLength = (int) sections[2 * SECTION_DICTIONARY + 1];
    dictionary = dictLength == 0 ? null
        : inflate(read(sections[2 * SECTION_DICTIONARY], dictLength), null, -1, "preset dictionary");
    hashOffset = sections[2 * SECTION_HASH_EXCEPTIONS];
    hashLength = (int) sections[2 * SECTION_HASH_EXCEPTIONS + 1];
  }

  /** Opens a database; reads only its header, trailer and meta section. */
  public static CompactDb open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new CompactDb(path, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The format version as {@code major.minor}. */
  public String formatVersion() {
    return major + "." + minor;
  }

  public long projectCount() {
    return projectCount;
  }

  public long releaseCount() {
    return releaseCount;
  }

  public long fileCount() {
    return fileCount;
  }

  public long sdistBuildCount() {
    return buildCount;
  }

  /** Number of compressed blocks. */
  public int blockCount() {
    return blockOffset.length;
  }

  /** Every project's canonical name, in name order (reads every block once, then cached). */
  public List<String> projects() {
    List<String> names = projectNames;
    if (names == null) {
      List<String> out = new ArrayList<>((int) projectCount);
      for (int i = 0; i < blockOffset.length; i++) {
        Block cached;
        synchronized (blocks) {
          cached = blocks.get(i);
        }
        for (byte[] n : cached != null ? cached.names() : blockNames(i)) {
          out.add(new String(n, StandardCharsets.UTF_8));
        }
      }
      names = Collections.unmodifiableList(out);
      projectNames = names;
    }
    return names;
  }

  /** A project by canonical or raw name. */
  public Optional<Project> project(String name) {
    Project p = lookup(name);
    if (p == null && !name.equals(ProjectNames.canonicalize(name))) {
      p = lookup(ProjectNames.canonicalize(name));
    }
    return Optional.ofNullable(p);
  }

  /** The project's versions, valid ones in PEP 440 order, invalid ones last; empty for an unknown project. */
  public List<String> versions(String project) {
    List<String> v = versionsOf(project);
    if (v == null && !project.equals(ProjectNames.canonicalize(project))) {
      v = versionsOf(ProjectNames.canonicalize(project));
    }
    return v == null ? List.of() : v;
  }

  /** Only the start of the payload is decoded: the versions come before everything else. */
  private List<String> versionsOf(String name) {
    synchronized (projects) {
      Project p = projects.get(name);
      if (p != null) {
        return p.versions();
      }
    }
    ByteReader in = payload(name);
    return in == null ? null : List.of(ProjectCodec.head(name, in).versions());
  }

  /**
   * One release: the exact version string, else the first version equal to it under PEP 440
   * ({@code 1.0} finds {@code 1.0.0}); null when the project or version is unknown.
   */
  public Release release(String project, String version) {
    Project p = project(project).orElse(null);
    if (p == null) {
      return null;
    }
    for (Release r : p.releases()) {
      if (r.version().equals(version)) {
        return r;
      }
    }
    Version v = Version.tryParse(version);
    if (v != null) {
      for (Release r : p.releases()) {
        Version o = Version.tryParse(r.version());
        if (o != null && o.compareTo(v) == 0) {
          return r;
        }
      }
    }
    return null;
  }

  /**
   * The SHA-256 (lower-case hex) of a file by its filename; empty when the file is unknown or
   * its hash is. The project is found from the filename (docs/compact-format.md, "Hash lookup").
   */
  public Optional<String> sha256(String filename) {
    String owner = hashExceptions().get(filename);
    List<String> candidates = owner != null ? List.of(owner) : candidateProjects(filename);
    for (String c : candidates) {
      Project p = lookup(c);
      if (p == null) {
        continue;
      }
      for (Release r : p.releases()) {
        for (DistFile f : r.files()) {
          if (f.filename().equals(filename)) {
            return Optional.ofNullable(f.sha256());
          }
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // ---------------------------------------------------------------------------------------

  /** The project with exactly this stored name, or null. */
  private Project lookup(String name) {
    synchronized (projects) {
      Project p = projects.get(name);
      if (p != null) {
        return p;
      }
    }
    ByteReader in = payload(name);
    if (in == null) {
      return null;
    }
    Project p = ProjectCodec.decode(name, in, dicts);
    synchronized (projects) {
      projects.put(name, p);
    }
    return p;
  }

  /** A reader over the payload of the project with exactly this stored name, or null. */
  private ByteReader payload(String name) {
    byte[] key = utf8(name);
    int b = blockFor(key);
    if (b < 0) {
      return null;
    }
    Block block = loadBlock(b);
    int slot = Arrays.binarySearch(block.names(), key, CompactFormat::compareNames);
    if (slot < 0) {
      return null;
    }
    return new ByteReader(block.data(), block.offsets()[slot], block.offsets()[slot] + block.lengths()[slot],
        "project " + name + " in block " + b + " of " + path);
  }

  /** The block whose name range holds {@code key}, or -1. */
  private int blockFor(byte[] key) {
    int lo = 0;
    int hi = blockFirst.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compareNames(blockFirst[mid], key) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private Block loadBlock(int i) {
    synchronized (blocks) {
      Block b = blocks.get(i);
      if (b != null) {
        return b;
      }
    }
    Block b;
    try {
      byte[] data = inflate(read(blockOffset[i], blockCompressed[i]), dictionary, blockRaw[i], "block " + i);
      ByteReader in = new ByteReader(data, 0, data.length, "block " + i + " of " + path);
      int[] lengths = new int[blockCount[i]];
      byte[][] names = directory(i, in, lengths);
      int n = names.length;
      int[] offsets = new int[n];
      int pos = in.pos();
      for (int j = 0; j < n; j++) {
        offsets[j] = pos;
        pos += lengths[j];
        if (pos > data.length || pos < 0) {
          throw in.corrupt("payloads run past the end of the block");
        }
      }
      if (pos != data.length) {
        throw in.corrupt("payload lengths do not add up to the block");
      }
      b = new Block(data, names, offsets, lengths);
    } catch (CompactDbFormatException e) {
      throw new CompactDbFormatException.Unchecked(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (blocks) {
      blocks.put(i, b);
    }
    return b;
  }

  /** Parses a block's directory (project count, names, payload lengths); checks the names' order. */
  private byte[][] directory(int i, ByteReader in, int[] lengths) {
    int n = in.varint();
    if (n != blockCount[i]) {
      throw in.corrupt("holds " + n + " projects, the index says " + blockCount[i]);
    }
    byte[][] names = new byte[n][];
    byte[] prev = new byte[0];
    for (int j = 0; j < n; j++) {
      int shared = in.varint(prev.length);
      byte[] suffix = in.bytes(in.varint(in.end()));
      byte[] name = Arrays.copyOf(prev, shared + suffix.length);
      System.arraycopy(suffix, 0, name, shared, suffix.length);
      if (j == 0 ? !Arrays.equals(name, blockFirst[i]) : compareNames(prev, name) >= 0) {
        throw in.corrupt("project names out of order");
      }
      names[j] = name;
      int length = in.varint();
      if (lengths != null) {
        lengths[j] = length;
      }
      prev = name;
    }
    return names;
  }

  /**
   * A block's project names, inflating only as much of the block as its directory takes (for
   * {@link #projects()}, which would otherwise inflate the whole file).
   */
  private byte[][] blockNames(int i) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(read(blockOffset[i], blockCompressed[i]));
      byte[] out = new byte[Math.min(blockRaw[i], 4096)];
      int n = 0;
      while (true) {
        while (n < out.length && !inf.finished()) {
          int k = inf.inflate(out, n, out.length - n);
          n += k;
          if (k == 0 && inf.needsDictionary()) {
            if (dictionary == null) {
              throw new CompactDbFormatException(path + ": corrupt block " + i + ": needs a preset dictionary");
            }
            inf.setDictionary(dictionary);
          } else if (k == 0 && inf.needsInput()) {
            throw new CompactDbFormatException(path + ": corrupt or truncated block " + i);
          }
        }
        try {
          return directory(i, new ByteReader(out, 0, n, "block " + i + " of " + path), null);
        } catch (CompactDbFormatException.Unchecked e) {
          if (n < out.length || out.length >= blockRaw[i]) {
            throw e;
          }
          // The directory goes on past what was inflated so far.
          out = Arrays.copyOf(out, (int) Math.min(blockRaw[i], 2L * out.length));
        }
      }
    } catch (CompactDbFormatException e) {
      throw new CompactDbFormatException.Unchecked(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.util.zip.DataFormatException | IllegalArgumentException e) {
      throw new CompactDbFormatException.Unchecked(
          new CompactDbFormatException(path + ": corrupt block " + i + ": " + e.getMessage(), e));
    } finally {
      inf.end();
    }
  }

  private Map<String, String> hashExceptions() {
    Map<String, String> m = hashExceptions;
    if (m == null) {
      try {
        byte[] data = inflate(read(hashOffset, hashLength), null, -1, "hash exceptions");
        ByteReader in = new ByteReader(data, 0, data.length, "hash exceptions of " + path);
        int n = in.varint(data.length);
        m = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
          m.put(in.string(), in.string());
        }
        if (!in.atEnd()) {
          throw in.corrupt("unexpected bytes at the end");
        }
      } catch (CompactDbFormatException e) {
        throw new CompactDbFormatException.Unchecked(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      hashExceptions = m;
    }
    return m;
  }

  private byte[] read(long offset, int length) throws IOException {
    byte[] out = new byte[length];
    ByteBuffer bb = ByteBuffer.wrap(out);
    while (bb.hasRemaining()) {
      int n = channel.read(bb, offset + bb.position());
      if (n < 0) {
        throw new CompactDbFormatException(path + " is truncated: end of file at " + (offset + bb.position()));
      }
    }
    return out;
  }

  /** Inflates one zlib stream that must fill exactly {@code expected} bytes (any size when -1). */
  private byte[] inflate(byte[] src, byte[] dict, int expected, String what) throws CompactDbFormatException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(src);
      // One spare byte when the size is known: a stream that inflates to more is caught.
      byte[] out = new byte[expected >= 0 ? expected + 1 : Math.max(64, src.length * 4)];
      int n = 0;
      while (!inf.finished()) {
        if (n == out.length) {
          if (expected >= 0) {
            throw new CompactDbFormatException(path + ": corrupt " + what + ": inflates to more than " + expected
                + " bytes");
          }
          out = Arrays.copyOf(out, out.length * 2);
        }
        int k = inf.inflate(out, n, out.length - n);
        n += k;
        if (k == 0) {
          if (inf.needsDictionary()) {
            if (dict == null) {
              throw new CompactDbFormatException(path + ": corrupt " + what + ": needs a preset dictionary");
            }
            inf.setDictionary(dict);
          } else if (inf.needsInput()) {
            throw new CompactDbFormatException(path + ": corrupt or truncated " + what + ": compressed data ends early");
          }
        }
      }
      if (inf.getRemaining() != 0) {
        throw new CompactDbFormatException(path + ": corrupt " + what + ": data after the compressed stream");
      }
      if (expected >= 0 && n != expected) {
        throw new CompactDbFormatException(path + ": corrupt " + what + ": inflates to " + n + " bytes, expected "
            + expected);
      }
      return Arrays.copyOf(out, n);
    } catch (DataFormatException | IllegalArgumentException e) {
      // IllegalArgumentException: a preset dictionary whose checksum does not match the stream's.
      throw new CompactDbFormatException(path + ": corrupt " + what + ": " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }
}
