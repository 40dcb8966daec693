package dev.pypidb.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a wheel's {@code *.dist-info/METADATA} through its zip structure only, as pip and uv
 * do when an index serves no metadata file: the end of central directory record from the
 * file's tail, the central directory, then the member's local header and compressed bytes;
 * inflated and checked against the central directory's CRC-32 and size. Zip64 is understood.
 * Every size read from the file is bounded before it is used.
 */
public final class WheelMetadata {
  /** Bounds on what is read. */
  public record Limits(int maxCentralDirectory, int maxEntries, int maxCompressed, int maxMetadata) {
    /** 16 MiB of central directory, 200,000 entries, 16 MiB compressed and inflated METADATA. */
    public static final Limits DEFAULT = new Limits(16 << 20, 200_000, 16 << 20, 16 << 20);
  }

  /** What was read, and how many range reads it took. */
  public record Result(byte[] metadata, String member, int reads) {}

  static final int EOCD_SIZE = 22;
  static final int MAX_COMMENT = 0xFFFF;
  /** The first tail read: enough for the EOCD and, for most small wheels, the whole directory. */
  static final int FIRST_TAIL = 16 * 1024;
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CENTRAL_SIG = 0x02014b50;
  private static final int LOCAL_SIG = 0x04034b50;

  private WheelMetadata() {}

  /** One central directory entry, with the fields needed to read the member. */
  record Entry(String name, int flags, int method, long crc, long compressedSize, long size, long localOffset,
      int extraLength) {}

  /** Reads METADATA of the wheel {@code filename} from {@code source}. */
  public static Result read(RangeSource source, String filename, Limits limits) throws IOException, ZipFormatException {
    int[] reads = {0};
    RangeSource.Tail tail = source.tail(FIRST_TAIL);
    reads[0]++;
    int eocd = findEocd(tail.bytes());
    if (eocd < 0 && tail.bytes().length < tail.length()) {
      tail = source.tail(EOCD_SIZE + MAX_COMMENT);
      reads[0]++;
      eocd = findEocd(tail.bytes());
    }
    if (eocd < 0) {
      throw new ZipFormatException("no end of central directory record in the last "
          + tail.bytes().length + " bytes: not a zip file");
    }
    long tailStart = tail.length() - tail.bytes().length;
    ByteBuffer t = le(tail.bytes());
    long entries = u16(t, eocd + 10);
    long cdSize = u32(t, eocd + 12);
    long cdOffset = u32(t, eocd + 16);
    long eocdOffset = tailStart + eocd;
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      int loc = eocd - 20;
      if (loc < 0 || t.getInt(loc) != ZIP64_LOCATOR_SIG) {
        throw new ZipFormatException("zip64 values without a zip64 end of central directory locator");
      }
      long z64 = t.getLong(loc + 8);
      if (z64 < 0 || z64 + 56 > eocdOffset) {
        throw new ZipFormatException("zip64 end of central directory record at " + z64 + " is outside the file");
      }
      ByteBuffer z = z64 >= tailStart ? le(tail.bytes()).position((int) (z64 - tailStart)).slice().order(ByteOrder.LITTLE_ENDIAN)
          : le(source.read(z64, 56));
      if (z64 < tailStart) {
        reads[0]++;
      }
      if (z.getInt(0) != ZIP64_EOCD_SIG) {
        throw new ZipFormatException("no zip64 end of central directory record at " + z64);
      }
      entries = z.getLong(32);
      cdSize = z.getLong(40);
      cdOffset = z.getLong(48);
      eocdOffset = z64;
    }
    if (entries < 0 || entries > limits.maxEntries()) {
      throw new ZipFormatException(entries + " entries exceed the bound of " + limits.maxEntries());
    }
    if (cdSize < 0 || cdSize > limits.maxCentralDirectory()) {
      throw new ZipFormatException("a central directory of " + cdSize + " bytes exceeds the bound of "
          + limits.maxCentralDirectory());
    }
    if (cdOffset < 0 || cdOffset + cdSize > eocdOffset) {
      throw new ZipFormatException("the central directory (" + cdSize + " bytes at " + cdOffset
          + ") does not end before the end record at " + eocdOffset);
    }
    byte[] cd;
    if (cdOffset >= tailStart) {
      cd = new byte[(int) cdSize];
      System.arraycopy(tail.bytes(), (int) (cdOffset - tailStart), cd, 0, (int) cdSize);
    } else {
      cd = source.read(cdOffset, (int) cdSize);
      reads[0]++;
    }
    List<Entry> all = centralDirectory(cd, entries);
    Entry e = choose(all, filename);
    return new Result(member(source, e, cdOffset, limits, reads), e.name(), reads[0]);
  }

  /** The offset of the end of central directory record in {@code tail}, or -1. */
  static int findEocd(byte[] tail) {
    ByteBuffer b = le(tail);
    for (int i = tail.length - EOCD_SIZE; i >= 0 && i >= tail.length - EOCD_SIZE - MAX_COMMENT; i--) {
      if (b.getInt(i) == EOCD_SIG && i + EOCD_SIZE + u16(b, i + 20) <= tail.length) {
        return i;
      }
    }
    return -1;
  }

  static List<Entry> centralDirectory(byte[] cd, long entries) throws ZipFormatException {
    ByteBuffer b = le(cd);
    List<Entry> out = new ArrayList<>();
    int p = 0;
    for (long k = 0; k < entries; k++) {
      if (p + 46 > cd.length || b.getInt(p) != CENTRAL_SIG) {
        throw new ZipFormatException("central directory entry " + k + " at " + p + " is missing or truncated");
      }
      int flags = u16(b, p + 8);
      int method = u16(b, p + 10);
      long crc = u32(b, p + 16);
      long csize = u32(b, p + 20);
      long size = u32(b, p + 24);
      int nameLen = u16(b, p + 28);
      int extraLen = u16(b, p + 30);
      int commentLen = u16(b, p + 32);
      long local = u32(b, p + 42);
      int next = p + 46 + nameLen + extraLen + commentLen;
      if (next > cd.length) {
        throw new ZipFormatException("central directory entry " + k + " runs past the directory's end");
      }
      String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
      // Zip64 extended information: the fields that are 0xFFFFFFFF, in this order.
      for (int x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
        int id = u16(b, x);
        int len = u16(b, x + 2);
        if (x + 4 + len > p + 46 + nameLen + extraLen) {
          break;
        }
        if (id == 0x0001) {
          int q = x + 4;
          if (size == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
            size = b.getLong(q);
            q += 8;
          }
          if (csize == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
            csize = b.getLong(q);
            q += 8;
          }
          if (local == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
            local = b.getLong(q);
          }
        }
        x += 4 + len;
      }
      out.add(new Entry(name, flags, method, crc, csize, size, local, extraLen));
      p = next;
    }
    return out;
  }

  /**
   * The METADATA of the {@code .dist-info} directory named after the wheel ({@code name-version},
   * compared without case), or the only one there is.
   */
  static Entry choose(List<Entry> entries, String filename) throws ZipFormatException {
    String[] parts = filename.split("-");
    String expected = parts.length >= 2 ? (parts[0] + "-" + parts[1] + ".dist-info/METADATA").toLowerCase(Locale.ROOT) : null;
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries) {
      String n = e.name();
      int slash = n.indexOf('/');
      if (slash > 0 && n.indexOf('/', slash + 1) < 0 && n.endsWith(".dist-info/METADATA")
          && slash == n.length() - "/METADATA".length()) {
        if (n.toLowerCase(Locale.ROOT).equals(expected)) {
          return e;
        }
        candidates.add(e);
      }
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new ZipFormatException(candidates.isEmpty() ? "no .dist-info/METADATA member"
        : candidates.size() + " .dist-info/METADATA members and none is " + expected);
  }

  private static byte[] member(RangeSource source, Entry e, long cdOffset, Limits limits, int[] reads)
      throws IOException, ZipFormatException {
    if ((e.flags() & 1) != 0) {
      throw new ZipFormatException(e.name() + " is encrypted");
    }
    if (e.method() != 0 && e.method() != 8) {
      throw new ZipFormatException(e.name() + " uses compression method " + e.method() + " (only stored and deflate are read)");
    }
    if (e.compressedSize() < 0 || e.compressedSize() > limits.maxCompressed()) {
      throw new ZipFormatException(e.name() + ": " + e.compressedSize() + " compressed bytes exceed the bound of "
          + limits.maxCompressed());
    }
    if (e.size() < 0 || e.size() > limits.maxMetadata()) {
      throw new ZipFormatException(e.name() + ": " + e.size() + " bytes exceed the bound of " + limits.maxMetadata());
    }
    if (e.localOffset() < 0 || e.localOffset() + 30 > cdOffset) {
      throw new ZipFormatException(e.name() + ": local header offset " + e.localOffset() + " is not before the central directory");
    }
    long guess = Math.min(cdOffset - e.localOffset(), 30L + e.name().getBytes(StandardCharsets.UTF_8).length
        + e.extraLength() + e.compressedSize() + 256);
    byte[] head = source.read(e.localOffset(), (int) guess);
    reads[0]++;
    ByteBuffer b = le(head);
    if (b.getInt(0) != LOCAL_SIG) {
      throw new ZipFormatException(e.name() + ": no local file header at " + e.localOffset());
    }
    long dataStart = 30L + u16(b, 26) + u16(b, 28);
    if (e.localOffset() + dataStart + e.compressedSize() > cdOffset) {
      throw new ZipFormatException(e.name() + ": its data runs into the central directory");
    }
    byte[] data;
    if (dataStart + e.compressedSize() <= head.length) {
      data = new byte[(int) e.compressedSize()];
      System.arraycopy(head, (int) dataStart, data, 0, data.length);
    } else {
      data = source.read(e.localOffset() + dataStart, (int) e.compressedSize());
      reads[0]++;
    }
    byte[] out = e.method() == 0 ? data : inflate(data, (int) e.size(), e.name());
    if (out.length != e.size()) {
      throw new ZipFormatException(e.name() + ": " + out.length + " bytes, the central directory says " + e.size());
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    if (crc.getValue() != e.crc()) {
      throw new ZipFormatException(e.name() + ": CRC-32 " + Long.toHexString(crc.getValue())
          + " differs from the central directory's " + Long.toHexString(e.crc()));
    }
    return out;
  }

  private static byte[] inflate(byte[] data, int size, String name) throws ZipFormatException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      byte[] out = new byte[size];
      int n = 0;
      while (n < size && !inflater.finished()) {
        int k = inflater.inflate(out, n, size - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (!inflater.finished()) {
        byte[] probe = new byte[1];
        if (n < size || inflater.inflate(probe) > 0) {
          throw new ZipFormatException(name + ": the deflate stream does not end after " + size + " bytes");
        }
      }
      return n == size ? out : java.util.Arrays.copyOf(out, n);
    } catch (DataFormatException ex) {
      throw new ZipFormatException(name + ": corrupt deflate data: " + ex.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xFFFF;
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xFFFFFFFFL;
  }
}
