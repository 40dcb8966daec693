package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.bzip2;
import static dev.pypidb.extract.archive.TestArchives.channel;
import static dev.pypidb.extract.archive.TestArchives.gzip;
import static dev.pypidb.extract.archive.TestArchives.repeat;
import static dev.pypidb.extract.archive.TestArchives.tar;
import static dev.pypidb.extract.archive.TestArchives.utf8;
import static dev.pypidb.extract.archive.TestArchives.xz;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.extract.archive.TestArchives.CountingChannel;
import dev.pypidb.extract.archive.TestArchives.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/** One test (at least) per hostile case of the archive reader. */
class HostileArchiveTest {
  private static final ArchiveLimits DEFAULT = ArchiveLimits.DEFAULT;

  private static SdistContents read(String filename, byte[] data) throws Exception {
    return SdistArchive.read(filename, channel(data), DEFAULT);
  }

  private static ArchiveException fails(Kind kind, String filename, byte[] data, ArchiveLimits limits) {
    ArchiveException e = assertThrows(ArchiveException.class,
        () -> SdistArchive.read(filename, channel(data), limits));
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }

  private static ArchiveException fails(Kind kind, String filename, byte[] data) {
    return fails(kind, filename, data, DEFAULT);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  // --- wrong extension ---

  @Test
  void contentMustBeWhatTheNameSays() throws Exception {
    byte[] zip = zip(Entry.file("p-1/setup.py", "x"));
    assertEquals("content is a zip archive but the name says .tar.gz",
        fails(Kind.WRONG_FORMAT, "p-1.tar.gz", zip).reason());
    assertEquals("content is a gzip stream but the name says .tar.bz2",
        fails(Kind.WRONG_FORMAT, "p-1.tar.bz2", gzip(tar(Entry.file("p-1/setup.py", "x")))).reason());
    assertEquals("content is an uncompressed tar archive but the name says .tar.gz",
        fails(Kind.WRONG_FORMAT, "p-1.tar.gz", tar(Entry.file("p-1/setup.py", "x"))).reason());
    assertEquals("content is an empty file but the name says .zip",
        fails(Kind.WRONG_FORMAT, "p-1.zip", new byte[0]).reason());
    assertEquals("content is an HTML page but the name says .tar.gz",
        fails(Kind.WRONG_FORMAT, "p-1.tar.gz", utf8("\n<!DOCTYPE html><html><body>Not Found</body></html>")).reason());
    ArchiveException html = assertThrows(ArchiveException.class, () -> WheelArchive.readMetadata(
        "p-1-py3-none-any.whl", channel(utf8("<html><head><title>503</title></head></html>")), DEFAULT));
    assertEquals("content is an HTML page but the name says .whl", html.reason());
  }

  // --- unsafe paths ---

  @Test
  void pathsThatClimbOutOfTheArchiveAreRefused() {
    assertEquals("member 'p-1/../../etc/passwd' points outside the archive ('..')", fails(Kind.UNSAFE, "p-1.tar.gz",
        gzip(tar(Entry.file("p-1/setup.py", "x"), Entry.file("p-1/../../etc/passwd", "root")))).reason());
    assertEquals("member '/etc/passwd' is an absolute path",
        fails(Kind.UNSAFE, "p-1.tar.gz", gzip(tar(Entry.absolute("/etc/passwd", "root")))).reason());
    assertEquals("member 'a\\\\..\\\\..\\\\x' points outside the archive ('..')",
        fails(Kind.UNSAFE, "p-1.tar.gz", gzip(tar(Entry.file("a\\..\\..\\x", "x")))).reason());
    assertEquals("member 'p-1/a\\\\..\\\\..\\\\..\\\\evil.txt' points outside the archive ('..')",
        fails(Kind.UNSAFE, "p-1.zip", zip(Entry.file("p-1/x", "x"), Entry.file("p-1/a\\..\\..\\..\\evil.txt", "x"))).reason());
    assertEquals("member 'C:/Windows/evil.txt' starts with a Windows drive letter",
        fails(Kind.UNSAFE, "p-1.zip", zip(Entry.file("C:/Windows/evil.txt", "x"))).reason());
    assertEquals("member 'a\\x00b' contains a NUL character",
        fails(Kind.UNSAFE, "p-1.zip", zip(Entry.file("a\0b", "x"))).reason());
  }

  @Test
  void reasonsQuoteHugeNamesShortly() {
    String name = "../" + "x".repeat(5_000);  // (the tar writer is slow on longer names)
    ArchiveException e = fails(Kind.UNSAFE, "p-1.tar.gz", gzip(tar(Entry.file(name, "x"))));
    assertTrue(e.reason().length() < 300 && e.reason().contains("... (5003 characters) points outside"), e.reason());
  }

  @Test
  void longNamesAreCheckedAsWritten() {
    String longAbsolute = "/" + "d/".repeat(60) + "evil.txt";
    // GNU long names and PAX paths: the library strips a leading slash; the reader sees it.
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
      byte[] data = gzip(tarWithAbsoluteName(longAbsolute, mode));
      assertTrue(fails(Kind.UNSAFE, "p-1.tar.gz", data).reason().endsWith("is an absolute path"));
    }
  }

  private static byte[] tarWithAbsoluteName(String name, int mode) {
    return tar("UTF-8", mode, true, Entry.absolute(name, "x"));
  }

  // --- links, devices, FIFOs, nested archives ---

  @Test
  void linksAreNeverFollowedOutOfTheProject() throws Exception {
    SdistContents c = read("p-1.tar.gz", gzip(tar(
        Entry.file("p-1/setup.py", "x"),
        Entry.symlink("p-1/passwd.txt", "../../etc/passwd"),
        Entry.symlink("p-1/abs.txt", "/etc/passwd"),
        Entry.symlink("p-1/other.txt", "../other/reqs.txt"),
        Entry.file("other/reqs.txt", "evil"),
        Entry.symlink("p-1/loop1.txt", "loop2.txt"),
        Entry.symlink("p-1/loop2.txt", "loop1.txt"),
        Entry.symlink("p-1/dangling.txt", "missing.txt"),
        Entry.hardlink("p-1/hard.txt", "../outside"),
        Entry.hardlink("p-1/hard2.txt", "other/reqs.txt"))));
    assertEquals("p-1", c.projectDirectory());
    assertEquals("is a symbolic link to '../../etc/passwd', outside the archive", c.unavailable("passwd.txt"));
    assertEquals("is a symbolic link to '/etc/passwd', outside the archive", c.unavailable("abs.txt"));
    assertEquals("is a symbolic link to '../other/reqs.txt', outside the project directory", c.unavailable("other.txt"));
    assertTrue(c.unavailable("loop1.txt").endsWith("too many links in a row (a loop?)"), c.unavailable("loop1.txt"));
    assertEquals("is a symbolic link to 'missing.txt', which is not in the archive", c.unavailable("dangling.txt"));
    assertEquals("is a hard link to '../outside', outside the archive", c.unavailable("hard.txt"));
    assertEquals("is a hard link to 'other/reqs.txt', outside the project directory", c.unavailable("hard2.txt"));
    assertEquals(List.of("1 member outside the project directory 'p-1/' not listed"), c.problems());
  }

  @Test
  void zipSymbolicLinksResolveLikeTarOnes() throws Exception {
    SdistContents c = read("p-1.zip", zip(
        Entry.file("p-1/setup.py", "x"),
        Entry.file("p-1/requirements/base.txt", "a\n"),
        Entry.symlink("p-1/requirements.txt", "requirements/base.txt"),
        Entry.symlink("p-1/passwd.txt", "../../etc/passwd"),
        Entry.special("p-1/pipe", TarConstants.LF_FIFO)));
    assertEquals("a\n", c.text("requirements.txt"));
    assertEquals("is a symbolic link to '../../etc/passwd', outside the archive", c.unavailable("passwd.txt"));
    assertEquals("is a FIFO", c.unavailable("pipe"));
  }

  @Test
  void devicesAndFifosAreListedNotRead() throws Exception {
    SdistContents c = read("p-1.tar.gz", gzip(tar(
        Entry.file("p-1/setup.py", "x"),
        Entry.special("p-1/tty", TarConstants.LF_CHR),
        Entry.special("p-1/disk", TarConstants.LF_BLK),
        Entry.special("p-1/fifo.txt", TarConstants.LF_FIFO),
        Entry.symlink("p-1/to-fifo.txt", "fifo.txt"))));
    assertEquals("is a character device", c.unavailable("tty"));
    assertEquals("is a block device", c.unavailable("disk"));
    assertEquals("is a FIFO", c.unavailable("fifo.txt"));
    assertEquals("is a symbolic link to 'fifo.txt', which is a FIFO", c.unavailable("to-fifo.txt"));
  }

  @Test
  void nestedArchivesAreNeverOpened() throws Exception {
    byte[] inner = gzip(tar(Entry.file("inner-1/setup.py", "x")));
    SdistContents c = read("p-1.tar.gz", gzip(tar(
        Entry.file("p-1/setup.py", "x"),
        Entry.file("p-1/vendor/inner-1.tar.gz", inner),
        Entry.file("p-1/inner.zip", zip(Entry.file("a.txt", "a"))),
        Entry.file("p-1/dist/p-1-py3-none-any.whl", new byte[10]))));
    assertEquals(List.of("dist/p-1-py3-none-any.whl", "inner.zip", "setup.py", "vendor/inner-1.tar.gz"), c.paths());
    for (String p : List.of("dist/p-1-py3-none-any.whl", "inner.zip", "vendor/inner-1.tar.gz")) {
      assertEquals(TreeBuilder.NESTED, c.unavailable(p));
    }
  }

  // --- bombs ---

  /** A tar.gz whose one member is {@code declared} bytes of zeros, as {@code copies} gzip members of 64 MiB each. */
  private static byte[] zerosBomb(long declared, int copies) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry("bomb-1/zeros.bin");
    e.setSize(declared);
    byte[] header = new byte[512];
    e.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding("UTF-8"), true);
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(member, 65536)) {
      byte[] mib = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(mib);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gzip(header));
    out.write(repeat(member.toByteArray(), copies));
    return out.toByteArray();
  }

  @Test
  void aGzipBombStopsEarly() throws Exception {
    byte[] bomb = zerosBomb(1536L << 20, 24);  // 1.5 GiB of zeros in about 1.5 MB
    CountingChannel ch = new CountingChannel(bomb);
    long start = System.nanoTime();
    ArchiveException e = assertThrows(ArchiveException.class, () -> SdistArchive.read("bomb-1.tar.gz", ch, DEFAULT));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Kind.LIMIT, e.kind());
    assertTrue(e.reason().contains("expands more than 100 times") && e.reason().endsWith("a decompression bomb"), e.reason());
    assertTrue(ch.read < bomb.length / 4, "read " + ch.read + " of " + bomb.length + " bytes");
    assertTrue(millis < 10_000, "took " + millis + " ms");
  }

  @Test
  void aMemberTooBigToSkipStopsAtItsHeader() throws Exception {
    byte[] bomb = zerosBomb(10L << 30, 1);
    ArchiveException e = fails(Kind.LIMIT, "bomb-1.tar.gz", bomb);
    assertEquals("member 'bomb-1/zeros.bin' is 10 GiB: reading past it would decompress more than 2 GiB"
        + " (the limit on uncompressed bytes per archive)", e.reason());
  }

  @Test
  void totalUncompressedBytesAreBounded() {
    byte[] data = gzip(tar(Entry.file("p-1/setup.py", "x"), Entry.file("p-1/data.bin", random(300_000)),
        Entry.file("p-1/more.bin", random(300_000))));
    ArchiveException e = fails(Kind.LIMIT, "p-1.tar.gz", data, DEFAULT.withMaxUncompressedBytes(500_000));
    assertEquals("member 'p-1/more.bin' is 293.0 KiB: reading past it would decompress more than 488.3 KiB"
        + " (the limit on uncompressed bytes per archive)", e.reason());
    byte[] zip = zip(Entry.file("p-1/setup.py", "x"), Entry.file("p-1/a.txt", random(300_000)),
        Entry.file("p-1/b.txt", random(300_000)));
    ArchiveException z = fails(Kind.LIMIT, "p-1.zip", zip, DEFAULT.withMaxUncompressedBytes(500_000));
    assertEquals("decompressing more than 488.3 KiB (the limit on uncompressed bytes per archive)", z.reason());
    ArchiveException read = fails(Kind.LIMIT, "p-1.tar.gz", data, DEFAULT.withMaxArchiveBytes(100_000));
    assertEquals("reading more than 97.7 KiB of the archive file (the limit on bytes read per archive)", read.reason());
  }

  @Test
  void overlappingZipMembersAreABomb() throws Exception {
    byte[] zip = zip(Entry.file("o-1/a.txt", new byte[1 << 20]));
    byte[] bomb = duplicateCentralEntry(zip, "o-1/a.txt", "o-1/b.txt");
    ArchiveException e = fails(Kind.UNSAFE, "o-1.zip", bomb);
    assertEquals("members 'o-1/a.txt' and 'o-1/b.txt' overlap in the .zip (the trick of a zip bomb)", e.reason());
  }

  /** Adds to {@code zip}'s central directory a copy of {@code name}'s entry, renamed (same length). */
  static byte[] duplicateCentralEntry(byte[] zip, String name, String copyName) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = zip.length - 22;
    int cdSize = b.getInt(eocd + 12);
    int cdOffset = b.getInt(eocd + 16);
    byte[] cd = Arrays.copyOfRange(zip, cdOffset, cdOffset + cdSize);
    byte[] copy = cd.clone();
    byte[] from = name.getBytes(StandardCharsets.UTF_8);
    byte[] to = copyName.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + from.length <= copy.length; i++) {
      if (Arrays.equals(copy, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, copy, i, to.length);
        break;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(cdOffset + 2 * cdSize + 22).order(ByteOrder.LITTLE_ENDIAN);
    out.put(zip, 0, cdOffset).put(cd).put(copy).put(zip, eocd, 22);
    int newEocd = cdOffset + 2 * cdSize;
    short entries = (short) (b.getShort(eocd + 10) * 2);
    out.putShort(newEocd + 8, entries).putShort(newEocd + 10, entries).putInt(newEocd + 12, 2 * cdSize);
    return out.array();
  }

  @Test
  void manyHighlyCompressedZipMembersStopAtTheRatio() {
    Entry[] entries = new Entry[10];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = Entry.file("z-1/f" + i + ".txt", new byte[2 << 20]);
    }
    ArchiveException e = fails(Kind.LIMIT, "z-1.zip", zip(entries),
        DEFAULT.withRatioCheckAfterBytes(4 << 20).withMaxMemberBytes(4 << 20));
    assertTrue(e.reason().endsWith("a decompression bomb"), e.reason());
  }

  // --- huge members, too many members ---

  @Test
  void hugeMembersAreListedNotKept() throws Exception {
    SdistContents c = SdistArchive.read("h-1.tar.gz", channel(gzip(tar(
        Entry.file("h-1/setup.py", "x"), Entry.file("h-1/requirements.txt", random(3000)),
        Entry.file("h-1/data.bin", random(3000))))), DEFAULT.withMaxMemberBytes(2000));
    assertEquals("is 2.9 KiB, over the 1.95 KiB limit for kept members".replace("1.95", "2.0"), c.unavailable("requirements.txt"));
    assertEquals(TreeBuilder.NOT_READ, c.unavailable("data.bin"));
    SdistContents z = SdistArchive.read("h-1.zip", channel(zip(
        Entry.file("h-1/setup.py", "x"), Entry.file("h-1/requirements.txt", random(3000)))), DEFAULT.withMaxMemberBytes(2000));
    assertEquals("is 2.9 KiB, over the 2.0 KiB limit for kept members", z.unavailable("requirements.txt"));
  }

  @Test
  void tooManyMembers() {
    Entry[] entries = new Entry[11];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = Entry.file("m-1/f" + i, "x");
    }
    ArchiveLimits ten = DEFAULT.withMaxMembers(10);
    assertEquals("the archive has more than 10 members (the limit on members per archive)",
        fails(Kind.LIMIT, "m-1.tar.gz", gzip(tar(entries)), ten).reason());
    assertEquals("the .zip has more than 10 members (the limit on members per archive)",
        fails(Kind.LIMIT, "m-1.zip", zip(entries), ten).reason());
    assertTrue(fails(Kind.LIMIT, "m-1.tar.gz", gzip(tar(entries)), DEFAULT.withMaxListingBytes(50))
        .reason().startsWith("the member names take more than 50 bytes"));
    assertTrue(fails(Kind.LIMIT, "m-1.zip", zip(entries), DEFAULT.withMaxListingBytes(50))
        .reason().startsWith("the central directory of the .zip takes more than 50 bytes"));
  }

  @Test
  void tarHeadersAreBounded() {
    String longName = "p-1/" + "x".repeat(10_000) + ".txt";
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
      byte[] data = gzip(tar("UTF-8", mode, true, Entry.file(longName, "x")));
      ArchiveException e = fails(Kind.LIMIT, "p-1.tar.gz", data, DEFAULT.withMaxHeaderBytes(4096));
      assertTrue(e.reason().startsWith("a tar member's headers"), e.reason());
    }
  }

  @Test
  void theXzDecoderMemoryIsBounded() {
    byte[] data = xz(tar(Entry.file("p-1/setup.py", "x")));
    ArchiveException e = fails(Kind.LIMIT, "p-1.tar.xz", data, DEFAULT.withMaxDecoderMemoryBytes(1 << 20));
    assertTrue(e.reason().contains("the xz decoder needs") || e.reason().contains("memory"), e.reason());
  }

  // --- truncated and corrupt data ---

  @Test
  void truncatedArchives() {
    byte[] tar = tar(Entry.file("t-1/setup.py", "x"), Entry.file("t-1/data.bin", random(64 * 1024)),
        Entry.file("t-1/setup.cfg", "y"));
    for (var c : List.of(new Object[] {"t-1.tar.gz", gzip(tar)}, new Object[] {"t-1.tar.bz2", bzip2(tar)},
        new Object[] {"t-1.tar.xz", xz(tar)}, new Object[] {"t-1.tar", tar},
        new Object[] {"t-1.zip", zip(Entry.file("t-1/setup.py", "x"), Entry.file("t-1/data.bin", random(64 * 1024)))})) {
      byte[] whole = (byte[]) c[1];
      byte[] half = Arrays.copyOf(whole, whole.length / 2);
      ArchiveException e = fails(Kind.TRUNCATED, (String) c[0], half);
      assertTrue(e.reason().contains("ends") || e.reason().contains("truncated"), e.reason());
    }
  }

  @Test
  void corruptArchives() {
    byte[] tar = tar(Entry.file("c-1/setup.py", "x"), Entry.file("c-1/data.bin", random(64 * 1024)),
        Entry.file("c-1/setup.cfg", "y"));
    for (var c : List.of(new Object[] {"c-1.tar.gz", gzip(tar)}, new Object[] {"c-1.tar.bz2", bzip2(tar)},
        new Object[] {"c-1.tar.xz", xz(tar)})) {
      byte[] bad = ((byte[]) c[1]).clone();
      for (int i = 100; i < 600; i++) {
        bad[i] ^= 0x55;
      }
      ArchiveException e = assertThrows(ArchiveException.class, () -> read((String) c[0], bad));
      assertTrue(e.kind() == Kind.CORRUPT || e.kind() == Kind.TRUNCATED, c[0] + ": " + e.getMessage());
    }
    byte[] badHeader = tar.clone();
    badHeader[1024 + 10] ^= 0x55;  // the second member's name: its header checksum no longer matches
    assertTrue(fails(Kind.CORRUPT, "c-1.tar", badHeader).reason().endsWith("fails its checksum (entry 2)"));

    byte[] zip = zip(Entry.file("c-1/setup.py", "setup(install_requires=['a', 'b', 'c'])\n".repeat(50)));
    ByteBuffer local = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int data = 30 + local.getShort(26) + local.getShort(28);
    zip[data + 10] ^= 0x55;
    ArchiveException z = fails(Kind.CORRUPT, "c-1.zip", zip);
    assertTrue(z.reason().startsWith("member 'c-1/setup.py' of the .zip"), z.reason());
  }

  @Test
  void sparseTarMembersAreRefused() {
    byte[] data = gzip(tar(Entry.file("s-1/setup.py", "x"), Entry.special("s-1/sparse.bin", TarConstants.LF_GNUTYPE_SPARSE)));
    ArchiveException e = fails(Kind.UNSUPPORTED, "s-1.tar.gz", data);
    assertTrue(e.reason().contains("is a sparse file"), e.reason());
  }

  // --- names ---

  @Test
  void namesThatAreNotUtf8AreReadAsLatin1AndNoted() throws Exception {
    SdistContents t = read("n-1.tar.gz", gzip(tar("ISO-8859-1", TarArchiveOutputStream.LONGFILE_GNU, false,
        Entry.file("n-1/setup.py", "x"), Entry.file("n-1/caf\u00e9.txt", "y"))));
    assertEquals(List.of("caf\u00e9.txt", "setup.py"), t.paths());
    assertEquals("y", t.text("caf\u00e9.txt"));
    assertEquals(List.of("member name 'n-1/caf\u00e9.txt' is not valid UTF-8 (read as ISO-8859-1)"), t.problems());

    SdistContents pax = read("n-1.tar.gz", gzip(tar("ISO-8859-1", TarArchiveOutputStream.LONGFILE_POSIX, true,
        Entry.file("n-1/setup.py", "x"), Entry.file("n-1/caf\u00e9.txt", "y"))));
    assertEquals(List.of("caf\u00e9.txt", "setup.py"), pax.paths());
    assertEquals(List.of(), pax.problems(), "a PAX path is UTF-8, whatever the ustar name holds");

    SdistContents utf8 = read("n-1.tar.gz", gzip(tar(Entry.file("n-1/setup.py", "x"), Entry.file("n-1/\u65e5\u672c.txt", "z"))));
    assertEquals("z", utf8.text("\u65e5\u672c.txt"));
    assertEquals(List.of(), utf8.problems());

    SdistContents z = read("n-1.zip", zip("ISO-8859-1", Entry.file("n-1/setup.py", "x"), Entry.file("n-1/caf\u00e9.txt", "y")));
    assertEquals("y", z.text("caf\u00e9.txt"));
    assertEquals(List.of("member name 'n-1/caf\u00e9.txt' is not valid UTF-8 (read as ISO-8859-1)"), z.problems());
  }

  @Test
  void duplicateNamesTheLastOneWins() throws Exception {
    SdistContents t = read("d-1.tar.gz", gzip(tar(
        Entry.file("d-1/setup.py", "first"), Entry.file("d-1/setup.cfg", "cfg"), Entry.file("d-1/setup.py", "second"),
        Entry.file("d-1/setup.py", "third"))));
    assertEquals("third", t.text("setup.py"));
    assertEquals(List.of("member 'd-1/setup.py' appears 3 times: the last one is used"), t.problems());
    SdistContents z = read("d-1.zip", zip(Entry.file("d-1/setup.py", "first"), Entry.file("d-1/setup.py", "second")));
    assertEquals("second", z.text("setup.py"));
    assertEquals(List.of("member 'd-1/setup.py' appears 2 times: the last one is used"), z.problems());
    SdistContents replaced = read("d-1.tar.gz", gzip(tar(
        Entry.file("d-1/setup.py", "x"), Entry.file("d-1/requirements.txt", "a"), Entry.symlink("d-1/requirements.txt", "setup.py"))));
    assertEquals("x", replaced.text("requirements.txt"), "a later link replaces a file");
  }

  // --- the file's own failures ---

  @Test
  void aFailingFileIsAnIoExceptionNotABadArchive() {
    byte[] data = gzip(tar(Entry.file("f-1/setup.py", "x"), Entry.file("f-1/data.bin", random(200_000))));
    IOException e = assertThrows(IOException.class, () -> SdistArchive.read("f-1.tar.gz", failingAfter(data, 1000), DEFAULT));
    assertEquals("disk gone", e.getMessage());
    byte[] zip = zip(Entry.file("f-1/setup.py", "x"));
    IOException z = assertThrows(IOException.class, () -> SdistArchive.read("f-1.zip", failingAfter(zip, 100), DEFAULT));
    assertEquals("disk gone", z.getMessage());
  }

  private static SeekableByteChannel failingAfter(byte[] data, int okBytes) {
    return new SeekableInMemoryByteChannel(data) {
      private long total;

      @Override
      public int read(ByteBuffer buf) throws IOException {
        if (total >= okBytes) {
          throw new IOException("disk gone");
        }
        int n = super.read(buf);
        total += Math.max(n, 0);
        return n;
      }
    };
  }
}
