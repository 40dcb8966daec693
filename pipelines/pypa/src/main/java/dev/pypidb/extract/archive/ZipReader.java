package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.ArchiveLimits.size;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.extract.archive.TreeBuilder.Member;
import dev.pypidb.extract.archive.TreeBuilder.Type;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * A zip read through its central directory: nothing is inflated but the members asked for.
 *
 * <p>Before the library builds its in-memory directory, the central directory is walked once to
 * count its entries and the bytes of their names, extra fields and comments against
 * {@link ArchiveLimits#maxMembers} and {@link ArchiveLimits#maxListingBytes} (a hostile
 * directory of millions of entries is refused before it is loaded). Members whose data ranges
 * overlap (the trick of non-recursive zip bombs) make the archive {@link Kind#UNSAFE}. A member
 * is read to at most a given size; a complete read is checked against the directory's size and
 * CRC.
 */
final class ZipReader implements Closeable {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CFH_SIG = 0x02014b50;
  private static final int EOCD_MIN = 22;
  private static final int CFH_MIN = 46;
  private static final int LFH_MIN = 30;
  private static final int MAX_LINK_TARGET = 4096;
  private static final int S_IFMT = 0170000;

  private final ZipFile zip;
  private final Meter meter;
  private final String what;

  private ZipReader(ZipFile zip, Meter meter, String what) {
    this.zip = zip;
    this.meter = meter;
    this.what = what;
  }

  /**
   * Opens {@code channel} (metered, see {@link Streams#source(SeekableByteChannel, Meter)}).
   *
   * @param what the archive in reasons ("the .whl")
   */
  static ZipReader open(SeekableByteChannel channel, Meter meter, String what)
      throws IOException, ArchiveException {
    checkDirectory(channel, meter.limits(), what);
    ZipFile zip;
    try {
      zip = ZipFile.builder()
          .setSeekableByteChannel(channel)
          .setIgnoreLocalFileHeader(true)
          .setUseUnicodeExtraFields(false)
          .get();
    } catch (IOException e) {
      throw Failures.classify(e, what);
    } catch (RuntimeException e) {
      throw Failures.classify(e, what);
    }
    ZipReader reader = new ZipReader(zip, meter, what);
    try {
      reader.checkNoOverlap();
    } catch (ArchiveException e) {
      reader.close();
      throw e;
    }
    return reader;
  }

  /** The entries in central directory order. */
  List<ZipArchiveEntry> entries() {
    return Collections.list(zip.getEntries());
  }

  /** The entry's name, decoded by {@link MemberNames#decode} from its raw bytes. */
  static MemberNames.Decoded name(ZipArchiveEntry e) {
    return MemberNames.decode(e.getRawName());
  }

  /** Why the entry's data cannot be read (encrypted, unsupported method), or null. */
  String unreadable(ZipArchiveEntry e) {
    if (zip.canReadEntryData(e)) {
      return null;
    }
    if (e.getGeneralPurposeBit().usesEncryption()) {
      return "is encrypted";
    }
    ZipMethod method = ZipMethod.getMethodByCode(e.getMethod());
    return "is compressed with zip method " + (method != null ? method + " (" + e.getMethod() + ")" : e.getMethod())
        + ", which is not supported";
  }

  /**
   * At most {@code max + 1} bytes of the entry's data. A read that reaches the end is checked
   * against the directory's size and CRC ({@link Kind#CORRUPT} on a mismatch).
   */
  byte[] read(ZipArchiveEntry e, int max) throws IOException, ArchiveException {
    String member = "member " + MemberNames.quote(name(e).name()) + " of " + what;
    byte[] bytes;
    try (InputStream in = Streams.produced(zip.getInputStream(e), meter)) {
      bytes = Streams.readUpTo(in, max, e.getSize());
    } catch (IOException ex) {
      throw Failures.classify(ex, member);
    } catch (RuntimeException ex) {
      throw Failures.classify(ex, member);
    }
    if (bytes.length <= max) {
      if (e.getSize() >= 0 && bytes.length != e.getSize()) {
        throw new ArchiveException(Kind.CORRUPT, member + " holds " + bytes.length
            + " bytes but the central directory says " + e.getSize());
      }
      CRC32 crc = new CRC32();
      crc.update(bytes);
      if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
        throw new ArchiveException(Kind.CORRUPT, member + " fails its CRC check");
      }
    }
    return bytes;
  }

  /** Inflates the entry's data to its end, discarding it (for {@link DecompressionFloor}). */
  void drain(ZipArchiveEntry e, byte[] buf) throws IOException, ArchiveException {
    try (InputStream in = Streams.produced(zip.getInputStream(e), meter)) {
      Streams.drain(in, buf);
    } catch (IOException ex) {
      throw Failures.classify(ex, "member " + MemberNames.quote(name(e).name()) + " of " + what);
    } catch (RuntimeException ex) {
      throw Failures.classify(ex, "member " + MemberNames.quote(name(e).name()) + " of " + what);
    }
  }

  /**
   * Lists every entry into {@code tree}, chooses the project directory ({@code rootOnly}: the
   * root, as for an egg; else {@link TreeBuilder#chooseProjectDirectory}), then reads the kept
   * members.
   */
  void readInto(TreeBuilder tree, boolean rootOnly, String stem) throws IOException, ArchiveException {
    Map<Member, ZipArchiveEntry> files = new LinkedHashMap<>();
    for (ZipArchiveEntry e : entries()) {
      MemberNames.Decoded name = name(e);
      tree.count(e.getRawName().length);
      String path = MemberNames.normalize(name.name(), true);
      if (!name.utf8()) {
        tree.notUtf8(path);
      }
      int type = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & S_IFMT : 0;
      if (e.isDirectory() || type == 0040000) {
        tree.add(Type.DIRECTORY, path, null, null);
      } else if (type == 0120000) {
        addLink(tree, path, e);
      } else if (type == 0020000) {
        tree.add(Type.OTHER, path, null, "is a character device");
      } else if (type == 0060000) {
        tree.add(Type.OTHER, path, null, "is a block device");
      } else if (type == 0010000) {
        tree.add(Type.OTHER, path, null, "is a FIFO");
      } else if (type == 0140000) {
        tree.add(Type.OTHER, path, null, "is a socket");
      } else {
        Member m = tree.add(Type.FILE, path, null, null);
        if (m != null) {
          files.put(m, e);
        }
      }
    }
    if (rootOnly) {
      tree.projectDirectory("");
    } else {
      tree.chooseProjectDirectory(stem);
    }
    for (Member m : tree.files()) {
      ZipArchiveEntry e = files.get(m);
      String why = unreadable(e);
      if (why != null) {
        tree.unreadable(m, why);
      } else {
        tree.read(m, e.getSize(), max -> read(e, max));
      }
    }
  }

  private void addLink(TreeBuilder tree, String path, ZipArchiveEntry e) throws IOException, ArchiveException {
    String why = unreadable(e);
    if (why != null) {
      tree.add(Type.OTHER, path, null, "is a symbolic link that " + why);
      return;
    }
    byte[] target = read(e, MAX_LINK_TARGET);
    if (target.length > MAX_LINK_TARGET) {
      tree.add(Type.OTHER, path, null, "is a symbolic link whose target is over " + size(MAX_LINK_TARGET));
    } else {
      tree.add(Type.SYMLINK, path, MemberNames.decode(target).name(), null);
    }
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      // Closing only releases the library's state: the caller's channel stays open.
    }
  }

  private void checkNoOverlap() throws ArchiveException {
    List<ZipArchiveEntry> all = new ArrayList<>(entries());
    all.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
    for (int i = 0; i + 1 < all.size(); i++) {
      ZipArchiveEntry a = all.get(i);
      ZipArchiveEntry b = all.get(i + 1);
      long end = a.getLocalHeaderOffset() + LFH_MIN + a.getRawName().length + Math.max(0, a.getCompressedSize());
      if (b.getLocalHeaderOffset() < end) {
        throw new ArchiveException(Kind.UNSAFE, "members " + MemberNames.quote(name(a).name()) + " and "
            + MemberNames.quote(name(b).name()) + " overlap in " + what + " (the trick of a zip bomb)");
      }
    }
  }

  /**
   * Walks the central directory as the library will (from the offset the end record gives,
   * while entries follow), counting entries and name/extra/comment bytes against the limits.
   */
  private static void checkDirectory(SeekableByteChannel ch, ArchiveLimits limits, String what)
      throws IOException, ArchiveException {
    long size = ch.size();
    if (size < EOCD_MIN) {
      throw new ArchiveException(Kind.TRUNCATED, what + " is " + size + " bytes, too short for a zip");
    }
    // Most zips have no archive comment: their end record is the last 22 bytes.
    int tailLength = EOCD_MIN;
    ByteBuffer tail = readAt(ch, size - tailLength, tailLength);
    int eocd = tail.getInt(0) == EOCD_SIG ? 0 : -1;
    if (eocd < 0) {
      tailLength = (int) Math.min(size, EOCD_MIN + 0xffff);
      tail = readAt(ch, size - tailLength, tailLength);
      for (int i = tailLength - EOCD_MIN; i >= 0; i--) {
        if (tail.getInt(i) == EOCD_SIG) {
          eocd = i;
          break;
        }
      }
    }
    if (eocd < 0) {
      throw new ArchiveException(Kind.TRUNCATED, what
          + " has no end of central directory record: the zip is truncated or corrupt");
    }
    long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
    long locator = size - tailLength + eocd - 20;
    if (locator >= 0) {
      ByteBuffer loc = readAt(ch, locator, 20);
      if (loc.getInt(0) == ZIP64_LOCATOR_SIG) {
        long zip64 = loc.getLong(8);
        if (zip64 < 0 || zip64 > size - 56) {
          throw new ArchiveException(Kind.CORRUPT, what + " points to a zip64 end record outside the file");
        }
        ByteBuffer rec = readAt(ch, zip64, 56);
        if (rec.getInt(0) != ZIP64_EOCD_SIG) {
          throw new ArchiveException(Kind.CORRUPT, what + " has a corrupt zip64 end record");
        }
        cdOffset = rec.getLong(48);
      }
    }
    if (cdOffset < 0 || cdOffset > size) {
      throw new ArchiveException(Kind.CORRUPT, what + " points to a central directory outside the file");
    }
    int entries = 0;
    long listing = 0;
    long pos = cdOffset;
    ByteBuffer chunk = ByteBuffer.allocate(0);
    long chunkStart = pos;
    while (pos + 4 <= size) {
      if (pos + CFH_MIN > chunkStart + chunk.limit()) {
        chunkStart = pos;
        chunk = readAt(ch, pos, (int) Math.min(65536, size - pos));
      }
      int at = (int) (pos - chunkStart);
      if (chunk.limit() - at < 4 || chunk.getInt(at) != CFH_SIG) {
        break;
      }
      if (chunk.limit() - at < CFH_MIN) {
        throw new ArchiveException(Kind.TRUNCATED, what + " ends inside its central directory");
      }
      entries++;
      if (entries > limits.maxMembers()) {
        throw new ArchiveException(Kind.LIMIT, what + " has more than " + limits.maxMembers()
            + " members (the limit on members per archive)");
      }
      int variable = (chunk.getShort(at + 28) & 0xffff) + (chunk.getShort(at + 30) & 0xffff)
          + (chunk.getShort(at + 32) & 0xffff);
      listing += variable;
      if (listing > limits.maxListingBytes()) {
        throw new ArchiveException(Kind.LIMIT, "the central directory of " + what + " takes more than "
            + size(limits.maxListingBytes()) + " of names, extra fields and comments (the limit on the listing per archive)");
      }
      pos += CFH_MIN + variable;
    }
  }

  private static ByteBuffer readAt(SeekableByteChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    ch.position(position);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        break;
      }
    }
    b.flip();
    return b;
  }
}
