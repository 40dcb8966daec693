package dev.pypidb.compact;

import static dev.pypidb.compact.CompactFormat.*;

import dev.pypidb.pypa.version.Version;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a compact database (docs/compact-format.md). Projects may be added in any order and
 * are streamed to a scratch file beside the output, so memory holds only their names and a few
 * counters; {@link #finish()} then writes them in name order, in deflate-compressed blocks, with
 * the global dictionaries sorted by frequency. The output depends only on the set of projects
 * added, not on the order they came in.
 *
 * <p>Releases are stored in PEP 440 order ({@link Version}; equal versions by string, invalid
 * versions last by string), whatever order they are given in; files and sdist builds keep the
 * order given.
 */
public final class CompactDbBuilder implements Closeable {
  /** Uncompressed payload bytes after which a block is closed. */
  public static final int DEFAULT_BLOCK_SIZE = 48 * 1024;
  /** Size of the preset deflate dictionary (the deflate window). */
  public static final int DICTIONARY_SIZE = 32 * 1024;
  private static final int DEFAULT_SAMPLING = 4;

  /** Sizes and counts of a written database. */
  public record Stats(long projects, long releases, long files, long sdistBuilds, long blocks,
      long payloadBytes, long fileBytes, int dictionaryBytes, int hashExceptions) {}

  private record Entry(byte[] name, long offset, int length) {}

  private final Path out;
  private final Path scratchPath;
  private final OutputStream scratch;
  private long scratchSize;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final List<Map<String, long[]>> dictCounts = new ArrayList<>();
  private final Map<String, int[]> stringCounts = new HashMap<>();
  private int blockSize = DEFAULT_BLOCK_SIZE;
  private boolean presetDictionary = true;
  private int sampling = DEFAULT_SAMPLING;
  private int level = Deflater.BEST_COMPRESSION;
  private long releases;
  private long files;
  private long builds;
  private boolean finished;

  public CompactDbBuilder(Path out) throws IOException {
    this.out = out.toAbsolutePath();
    Path dir = this.out.getParent();
    Files.createDirectories(dir);
    this.scratchPath = Files.createTempFile(dir, "." + this.out.getFileName(), ".projects");
    this.scratch = new BufferedOutputStream(Files.newOutputStream(scratchPath), 1 << 16);
    for (int i = 0; i < DICTS; i++) {
      dictCounts.add(new HashMap<>());
    }
  }

  /** Uncompressed payload bytes per block (default {@value #DEFAULT_BLOCK_SIZE}): larger is smaller and slower to look up. */
  public CompactDbBuilder blockSize(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("block size must be positive");
    }
    this.blockSize = bytes;
    return this;
  }

  /** Whether blocks are compressed against a preset dictionary of common strings (default yes). */
  public CompactDbBuilder presetDictionary(boolean on) {
    this.presetDictionary = on;
    return this;
  }

  /** Counts strings for the preset dictionary in one project of every {@code n} (by name hash; default 4). */
  public CompactDbBuilder dictionarySampling(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("sampling must be positive");
    }
    this.sampling = n;
    return this;
  }

  /** Deflate level, 1-9 (default 9). */
  public CompactDbBuilder level(int level) {
    this.level = level;
    return this;
  }

  /** Adds a project; its name must be new. */
  public void add(Project p) throws IOException {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    if (p.name().isEmpty()) {
      throw new IllegalArgumentException("empty project name");
    }
    if (!names.add(p.name())) {
      throw new IllegalArgumentException("project " + p.name() + " added twice");
    }
    Project sorted = sortReleases(p);
    ProjectCodec.Encoded e = ProjectCodec.encode(sorted, null,
        (dict, value) -> dictCounts.get(dict).computeIfAbsent(value, k -> new long[1])[0]++);
    if (presetDictionary && Math.floorMod(p.name().hashCode(), sampling) == 0) {
      for (String s : e.strings()) {
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n >= 4 && n <= 256) {
          stringCounts.computeIfAbsent(s, k -> new int[1])[0]++;
        }
      }
    }
    scratch.write(e.bytes());
    entries.add(new Entry(utf8(p.name()), scratchSize, e.bytes().length));
    scratchSize += e.bytes().length;
    releases += sorted.releases().size();
    for (Release r : sorted.releases()) {
      files += r.files().size();
      builds += r.sdistBuilds().size();
    }
  }

  /** Releases in PEP 440 order; equal versions by string; invalid versions last, by string. */
  static Project sortReleases(Project p) {
    Map<String, Version> parsed = new HashMap<>();
    for (Release r : p.releases()) {
      if (parsed.containsKey(r.version())) {
        throw new IllegalArgumentException(p.name() + ": version " + r.version() + " given twice");
      }
      parsed.put(r.version(), Version.tryParse(r.version()));
    }
    List<Release> rs = new ArrayList<>(p.releases());
    rs.sort(Comparator.comparing((Release r) -> parsed.get(r.version()),
            Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Release::version));
    return rs.equals(p.releases()) ? p : new Project(p.name(), p.displayName(), p.depsDbNames(), rs);
  }

  /** Writes the database and removes the scratch file. */
  public Stats finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    finished = true;
    scratch.close();
    String[][] dicts = new String[DICTS][];
    List<Map<String, Integer>> ids = new ArrayList<>();
    for (int d = 0; d < DICTS; d++) {
      Map<String, long[]> counts = dictCounts.get(d);
      List<String> values = new ArrayList<>(counts.keySet());
      values.sort(Comparator.comparingLong((String v) -> -counts.get(v)[0]).thenComparing(Comparator.naturalOrder()));
      dicts[d] = values.toArray(new String[0]);
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < dicts[d].length; i++) {
        m.put(dicts[d][i], i);
      }
      ids.add(m);
    }
    ProjectCodec.Globals globals = (dict, value) -> {
      Integer id = ids.get(dict).get(value);
      if (id == null) {
        throw new IllegalStateException("no global id for " + value);
      }
      return id;
    };
    byte[] dictionary = presetDictionary ? buildDictionary() : new byte[0];
    stringCounts.clear();
    entries.sort((a, b) -> compareNames(a.name(), b.name()));

    Path partial = out.resolveSibling("." + out.getFileName() + ".partial");
    long[] sections = new long[2 * SECTIONS];
    ByteWriter blockIndex = new ByteWriter(1 << 16);
    TreeMap<String, String> hashExceptions = new TreeMap<>((a, b) -> compareNames(utf8(a), utf8(b)));
    long payloadBytes = 0;
    int blocks = 0;
    long size;
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
          RandomAccessFile in = new RandomAccessFile(scratchPath.toFile(), "r")) {
        CountingOut file = new CountingOut(o);
        ByteWriter header = new ByteWriter(HEADER_SIZE);
        header.bytes(MAGIC);
        header.u8(MAJOR);
        header.u8(MAJOR >> 8);
        header.u8(MINOR);
        header.u8(MINOR >> 8);
        header.u32le(0);
        file.write(header.toByteArray());
        sections[2 * SECTION_BLOCKS] = file.count;

        Deflater deflater = new Deflater(level);
        BlockBuilder block = new BlockBuilder();
        byte[] previousFirst = new byte[0];
        for (Entry e : entries) {
          byte[] raw = new byte[e.length()];
          in.seek(e.offset());
          in.readFully(raw);
          String name = new String(e.name(), StandardCharsets.UTF_8);
          Project p = ProjectCodec.decode(name, new ByteReader(raw, 0, raw.length, "scratch file"), null);
          for (Release r : p.releases()) {
            for (DistFile f : r.files()) {
              if (f.sha256() != null && !candidateProjects(f.filename()).contains(name)) {
                hashExceptions.putIfAbsent(f.filename(), name);
              }
            }
          }
          byte[] payload = ProjectCodec.encode(p, globals, null).bytes();
          payloadBytes += payload.length;
          if (block.count > 0 && block.payloads.size() + payload.length > blockSize) {
            previousFirst = block.flush(file, deflater, dictionary, blockIndex, previousFirst);
            blocks++;
          }
          block.add(e.name(), payload);
        }
        if (block.count > 0) {
          block.flush(file, deflater, dictionary, blockIndex, previousFirst);
          blocks++;
        }
        sections[2 * SECTION_BLOCKS + 1] = file.count - sections[2 * SECTION_BLOCKS];

        ByteWriter meta = new ByteWriter(1 << 16);
        meta.varint(entries.size());
        meta.varint(releases);
        meta.varint(files);
        meta.varint(builds);
        for (String[] d : dicts) {
          meta.varint(d.length);
          for (String v : d) {
            meta.string(v);
          }
        }
        meta.varint(blocks);
        meta.bytes(blockIndex.array(), 0, blockIndex.size());
        writeSection(file, sections, SECTION_META, deflate(meta.toByteArray(), deflater, null));
        writeSection(file, sections, SECTION_DICTIONARY,
            dictionary.length == 0 ? new byte[0] : deflate(dictionary, deflater, null));
        ByteWriter hx = new ByteWriter();
        hx.varint(hashExceptions.size());
        hashExceptions.forEach((filename, project) -> {
          hx.string(filename);
          hx.string(project);
        });
        writeSection(file, sections, SECTION_HASH_EXCEPTIONS, deflate(hx.toByteArray(), deflater, null));
        deflater.end();

        ByteWriter trailer = new ByteWriter(TRAILER_SIZE);
        for (long v : sections) {
          trailer.u64le(v);
        }
        CRC32 crc = new CRC32();
        crc.update(trailer.array(), 0, trailer.size());
        trailer.u32le(crc.getValue());
        trailer.bytes(END_MAGIC);
        file.write(trailer.toByteArray());
        size = file.count;
      }
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Stats(entries.size(), releases, files, builds, blocks, payloadBytes, size, dictionary.length,
          hashExceptions.size());
    } finally {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(scratchPath);
    }
  }

  private static void writeSection(CountingOut file, long[] sections, int section, byte[] bytes) throws IOException {
    sections[2 * section] = file.count;
    sections[2 * section + 1] = bytes.length;
    file.write(bytes);
  }

  /** One zlib stream (RFC 1950) of {@code data}, against {@code dictionary} when given. */
  static byte[] deflate(byte[] data, Deflater deflater, byte[] dictionary) {
    deflater.reset();
    if (dictionary != null && dictionary.length > 0) {
      deflater.setDictionary(dictionary);
    }
    deflater.setInput(data);
    deflater.finish();
    ByteWriter w = new ByteWriter(data.length / 3 + 64);
    byte[] buf = new byte[1 << 16];
    while (!deflater.finished()) {
      int n = deflater.deflate(buf);
      w.bytes(buf, 0, n);
    }
    return w.toByteArray();
  }

  /**
   * The preset dictionary: the sampled project strings worth most (projects using them times
   * their length less a match's cost), best last (deflate codes near distances cheaper).
   */
  private byte[] buildDictionary() {
    record Scored(String s, byte[] bytes, long score) {}
    List<Scored> scored = new ArrayList<>();
    stringCounts.forEach((s, c) -> {
      if (c[0] >= 2) {
        byte[] b = utf8(s);
        scored.add(new Scored(s, b, (long) (c[0] - 1) * (b.length - 3)));
      }
    });
    scored.sort(Comparator.comparingLong((Scored x) -> -x.score()).thenComparing(Scored::s));
    List<Scored> chosen = new ArrayList<>();
    int total = 0;
    for (Scored x : scored) {
      if (total + x.bytes().length > DICTIONARY_SIZE) {
        continue;
      }
      chosen.add(x);
      total += x.bytes().length;
      if (total > DICTIONARY_SIZE - 4) {
        break;
      }
    }
    ByteWriter w = new ByteWriter(total);
    for (int i = chosen.size() - 1; i >= 0; i--) {
      w.bytes(chosen.get(i).bytes());
    }
    return w.toByteArray();
  }

  /** Projects of the block being filled. */
  private static final class BlockBuilder {
    final ByteWriter directory = new ByteWriter(4096);
    final ByteWriter payloads = new ByteWriter(1 << 16);
    byte[] first;
    byte[] last;
    int count;

    void add(byte[] name, byte[] payload) {
      int shared = 0;
      if (last != null) {
        int max = Math.min(last.length, name.length);
        while (shared < max && last[shared] == name[shared]) {
          shared++;
        }
      } else {
        first = name;
      }
      directory.varint(shared);
      directory.varint(name.length - shared);
      directory.bytes(name, shared, name.length - shared);
      directory.varint(payload.length);
      payloads.bytes(payload);
      last = name;
      count++;
    }

    /** Writes the block, adds its index entry; returns its first name. */
    byte[] flush(CountingOut file, Deflater deflater, byte[] dictionary, ByteWriter index, byte[] previousFirst)
        throws IOException {
      ByteWriter raw = new ByteWriter(directory.size() + payloads.size() + 8);
      raw.varint(count);
      raw.bytes(directory.array(), 0, directory.size());
      raw.bytes(payloads.array(), 0, payloads.size());
      byte[] compressed = deflate(raw.toByteArray(), deflater, dictionary);
      file.write(compressed);
      int shared = 0;
      int max = Math.min(previousFirst.length, first.length);
      while (shared < max && previousFirst[shared] == first[shared]) {
        shared++;
      }
      index.varint(compressed.length);
      index.varint(raw.size());
      index.varint(count);
      index.varint(shared);
      index.varint(first.length - shared);
      index.bytes(first, shared, first.length - shared);
      byte[] f = first;
      directory.reset();
      payloads.reset();
      first = null;
      last = null;
      count = 0;
      return f;
    }
  }

  private static final class CountingOut {
    final OutputStream out;
    long count;

    CountingOut(OutputStream out) {
      this.out = out;
    }

    void write(byte[] b) throws IOException {
      out.write(b);
      count += b.length;
    }
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      scratch.close();
    }
    Files.deleteIfExists(scratchPath);
  }
}
