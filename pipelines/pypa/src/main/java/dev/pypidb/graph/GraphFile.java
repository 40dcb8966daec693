package dev.pypidb.graph;

import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One graph file (docs/graph-format.md), memory-mapped: {@link #open} checks the header, the
 * trailer and the checksum of the entry table; a lookup is a binary search of the table and the
 * decoding of one project's blob (its own checksum checked). Nothing is cached: the operating
 * system's page cache keeps the pages in use, shared by every reader of the file. Thread-safe.
 *
 * <p>Lookups throw {@link GraphFormatException.Unchecked} when a blob turns out corrupt.
 */
public final class GraphFile implements AutoCloseable {
  static final byte[] MAGIC = "PYPIDBGR".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END_MAGIC = "PYPIDBGE".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAX_BUILDER = 256;
  static final int ENTRY_SIZE = 24;
  static final int TRAILER_SIZE = 8 + 4 + 8 + 8 + 4 + 8;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buf;
  private final String builder;
  private final int count;
  private final int entries;
  private final int names;
  private final int dataStart;

  private GraphFile(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    long size = channel.size();
    if (size > Integer.MAX_VALUE) {
      throw new GraphFormatException(path + " is " + size + " bytes; a graph file holds at most"
          + " 2 GiB (write the tables with more --shards)");
    }
    MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    this.buf = mapped.order(ByteOrder.LITTLE_ENDIAN);
    int n = (int) size;
    if (n < MAGIC.length + 8 || !Arrays.equals(bytes(0, MAGIC.length), MAGIC)) {
      throw new GraphFormatException(path + " is not a pypidb graph file (bad magic)");
    }
    int version = buf.getInt(MAGIC.length);
    if (version != VERSION) {
      throw new GraphFormatException(path + " has graph format version " + version
          + "; this reader reads version " + VERSION);
    }
    int builderLength = buf.getInt(MAGIC.length + 4);
    dataStart = MAGIC.length + 8 + builderLength;
    if (builderLength < 0 || builderLength > MAX_BUILDER || dataStart + TRAILER_SIZE > n) {
      throw new GraphFormatException(path + " is truncated or corrupt: bad header");
    }
    builder = new String(bytes(MAGIC.length + 8, builderLength), StandardCharsets.UTF_8);
    int t = n - TRAILER_SIZE;
    if (!Arrays.equals(bytes(n - END_MAGIC.length, END_MAGIC.length), END_MAGIC)) {
      throw new GraphFormatException(path + " is truncated or corrupt: no trailer at the end");
    }
    long entriesOffset = buf.getLong(t);
    count = buf.getInt(t + 8);
    long namesOffset = buf.getLong(t + 12);
    long namesLength = buf.getLong(t + 20);
    int crc = buf.getInt(t + 28);
    if (count < 0 || entriesOffset < dataStart
        || entriesOffset + (long) count * ENTRY_SIZE != namesOffset
        || namesLength < 0 || namesOffset + namesLength != t) {
      throw new GraphFormatException(path + " is corrupt: the trailer's sections do not fit the file");
    }
    entries = (int) entriesOffset;
    names = (int) namesOffset;
    CRC32 check = new CRC32();
    check.update(buf.duplicate().position(entries).limit(t));
    if ((int) check.getValue() != crc) {
      throw new GraphFormatException(path + " is corrupt: entry table checksum mismatch");
    }
  }

  /** Opens and memory-maps a graph file. */
  public static GraphFile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new GraphFile(path, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** What built the projects (see {@link GraphFileWriter}). */
  public String builder() {
    return builder;
  }

  /** Number of projects. */
  public int size() {
    return count;
  }

  public Path path() {
    return path;
  }

  /** The project called {@code name} exactly, or null. */
  public ProjectData project(String name) {
    int e = find(name);
    if (e < 0) {
      return null;
    }
    int[] blob = checkedBlob(e);
    return GraphCodec.decode(name, buf, blob[0], blob[1], where(name, e));
  }

  /** The project's blob, checksum checked (to copy it into another file), or null. */
  public byte[] blob(String name) {
    int e = find(name);
    if (e < 0) {
      return null;
    }
    int[] blob = checkedBlob(e);
    return bytes(blob[0], blob[1]);
  }

  /** Every project's name, in the order their blobs lie in the file. */
  public List<String> namesInFileOrder() {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> buf.getLong(entries + i * ENTRY_SIZE)));
    List<String> out = new ArrayList<>(count);
    for (int i : order) {
      out.add(name(i));
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // ---------------------------------------------------------------------------------------

  private String where(String name, int e) {
    return "project " + name + " (entry " + e + ") of " + path;
  }

  /** The blob's [start, length] after checking its bounds and checksum. */
  private int[] checkedBlob(int e) {
    int at = entries + e * ENTRY_SIZE;
    long off = buf.getLong(at);
    int len = buf.getInt(at + 8);
    if (off < dataStart || len < 0 || off > entries || len > entries - off) {
      throw new GraphFormatException.Unchecked(new GraphFormatException(
          "corrupt entry " + e + " of " + path + ": blob outside the data section"));
    }
    int start = (int) off;
    CRC32 crc = new CRC32();
    crc.update(buf.duplicate().position(start).limit(start + len));
    if ((int) crc.getValue() != buf.getInt(at + 12)) {
      throw new GraphFormatException.Unchecked(new GraphFormatException(
          "corrupt " + where(name(e), e) + ": blob checksum mismatch"));
    }
    return new int[] {start, len};
  }

  private String name(int e) {
    int at = entries + e * ENTRY_SIZE;
    return new String(bytes(names + buf.getInt(at + 16), nameLength(e)), StandardCharsets.UTF_8);
  }

  private int nameLength(int e) {
    int at = entries + e * ENTRY_SIZE;
    int off = buf.getInt(at + 16);
    int len = buf.getInt(at + 20);
    if (off < 0 || len < 0 || (long) names + off + len > buf.limit() - TRAILER_SIZE) {
      throw new GraphFormatException.Unchecked(new GraphFormatException(
          "corrupt entry " + e + " of " + path + ": name outside the name section"));
    }
    return len;
  }

  /** The entry of {@code name}, or -1 (binary search over UTF-8 bytes). */
  private int find(String name) {
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int len = nameLength(mid);
      int off = names + buf.getInt(entries + mid * ENTRY_SIZE + 16);
      int c = compare(off, len, key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private int compare(int off, int len, byte[] key) {
    int n = Math.min(len, key.length);
    for (int i = 0; i < n; i++) {
      int c = (buf.get(off + i) & 0xFF) - (key[i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return len - key.length;
  }

  /** Unsigned byte order, the order of the entry table. */
  static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private byte[] bytes(int off, int len) {
    byte[] out = new byte[len];
    buf.get(off, out);
    return out;
  }
}
