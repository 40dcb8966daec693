package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.ArchiveLimits.size;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.extract.archive.TreeBuilder.Member;
import dev.pypidb.extract.archive.TreeBuilder.Type;
import dev.pypidb.pypa.text.PyText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a tar stream once, member by member, into a {@link TreeBuilder}: contents the rule keeps
 * are read, every other member's data is decoded and discarded (each byte counted by the
 * {@link Meter}). What the tar reader consumes between two members (long names, PAX records,
 * sparse maps) is bounded by {@link ArchiveLimits#maxHeaderBytes}. Reading stops at the tar's
 * end-of-archive marker, as Python's tarfile does: what follows it is not read.
 */
final class TarReader {
  private TarReader() {}

  static void read(InputStream tarStream, Meter meter, TreeBuilder tree)
      throws IOException, ArchiveException {
    RawNamesTarInputStream tar = new RawNamesTarInputStream(tarStream);
    byte[] buf = new byte[16384];
    ArchiveLimits limits = meter.limits();
    while (true) {
      tar.startMember();
      meter.beginHeader();
      TarArchiveEntry e = tar.getNextEntry();
      meter.endHeader();
      if (e == null) {
        return;
      }
      MemberNames.Decoded name = MemberNames.decode(tar.rawName(e));
      if (!e.isCheckSumOK()) {
        throw new ArchiveException(Kind.CORRUPT, "the header of member " + MemberNames.quote(name.name())
            + " fails its checksum (entry " + (tree.entries() + 1) + ")");
      }
      tree.count(TreeBuilder.nameBytes(name.name()));
      String path = MemberNames.normalize(name.name(), false);
      if (!name.utf8()) {
        tree.notUtf8(path);
      }
      if (e.isSparse()) {
        throw new ArchiveException(Kind.UNSUPPORTED, "member " + MemberNames.quote(name.name())
            + " is a sparse file (sdists never hold one; reading it could expand its holes)");
      }
      if (e.getSize() > limits.maxUncompressedBytes() - meter.uncompressedBytes()) {
        throw new ArchiveException(Kind.LIMIT, "member " + MemberNames.quote(name.name()) + " is "
            + size(e.getSize()) + ": reading past it would decompress more than "
            + size(limits.maxUncompressedBytes()) + " (the limit on uncompressed bytes per archive)");
      }
      byte flag = e.getLinkFlag();
      if (e.isDirectory()) {
        tree.add(Type.DIRECTORY, path, null, null);
      } else if (e.isSymbolicLink()) {
        tree.add(Type.SYMLINK, path, MemberNames.decode(tar.rawLinkName(e)).name(), null);
      } else if (e.isLink()) {
        tree.add(Type.HARDLINK, path, MemberNames.decode(tar.rawLinkName(e)).name(), null);
      } else if (e.isCharacterDevice()) {
        tree.add(Type.OTHER, path, null, "is a character device");
      } else if (e.isBlockDevice()) {
        tree.add(Type.OTHER, path, null, "is a block device");
      } else if (e.isFIFO()) {
        tree.add(Type.OTHER, path, null, "is a FIFO");
      } else if (flag == '0' || flag == 0 || flag == '7') {
        Member m = tree.add(Type.FILE, path, null, null);
        if (m != null) {
          tree.read(m, e.getSize(), max -> Streams.readUpTo(tar, max, e.getSize()));
        }
      } else {
        tree.add(Type.OTHER, path, null,
            "is a tar member of type " + PyText.repr(String.valueOf((char) (flag & 0xff))));
      }
      Streams.drain(tar, buf);
    }
  }

  /**
   * A tar reader that keeps the raw bytes of the names it meets (ustar names are decoded as
   * ISO-8859-1, which round-trips; GNU long names and PAX {@code path}/{@code linkpath} records
   * are captured as they are read), so that names are decoded by {@link MemberNames} and an
   * absolute long name is seen as such (the library strips its leading slash).
   */
  private static final class RawNamesTarInputStream extends TarArchiveInputStream {
    private final ByteArrayOutputStream pax = new ByteArrayOutputStream();
    private final ByteArrayOutputStream longName = new ByteArrayOutputStream();
    private final ByteArrayOutputStream longLink = new ByteArrayOutputStream();

    RawNamesTarInputStream(InputStream in) {
      super(in, 10240, 512, StandardCharsets.ISO_8859_1.name(), true);
    }

    void startMember() {
      pax.reset();
      longName.reset();
      longLink.reset();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      TarArchiveEntry cur = getCurrentEntry();
      if (n > 0 && cur != null) {
        if (cur.isPaxHeader()) {
          pax.write(b, off, n);
        } else if (cur.isGNULongNameEntry()) {
          longName.write(b, off, n);
        } else if (cur.isGNULongLinkEntry()) {
          longLink.write(b, off, n);
        }
      }
      return n;
    }

    byte[] rawName(TarArchiveEntry e) {
      byte[] v = paxRecord("path");
      if (v == null && longName.size() > 0) {
        v = trimNuls(longName.toByteArray());
      }
      return v != null ? v : e.getName().getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] rawLinkName(TarArchiveEntry e) {
      byte[] v = paxRecord("linkpath");
      if (v == null && longLink.size() > 0) {
        v = trimNuls(longLink.toByteArray());
      }
      return v != null ? v : e.getLinkName().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value of the last {@code key} record of this member's PAX header, or null. */
    private byte[] paxRecord(String key) {
      byte[] b = pax.toByteArray();
      byte[] k = key.getBytes(StandardCharsets.US_ASCII);
      byte[] value = null;
      int pos = 0;
      while (pos < b.length) {
        int len = 0;
        int i = pos;
        while (i < b.length && b[i] >= '0' && b[i] <= '9' && len < b.length) {
          len = len * 10 + (b[i] - '0');
          i++;
        }
        if (i >= b.length || b[i] != ' ' || len <= i - pos || pos + len > b.length) {
          return value;
        }
        int keyStart = i + 1;
        int end = pos + len - 1;
        if (b[end] == '\n' && keyStart + k.length < end && b[keyStart + k.length] == '='
            && Arrays.equals(b, keyStart, keyStart + k.length, k, 0, k.length)) {
          value = Arrays.copyOfRange(b, keyStart + k.length + 1, end);
        }
        pos += len;
      }
      return value;
    }

    private static byte[] trimNuls(byte[] b) {
      int n = b.length;
      while (n > 0 && b[n - 1] == 0) {
        n--;
      }
      return n == b.length ? b : Arrays.copyOf(b, n);
    }
  }
}
