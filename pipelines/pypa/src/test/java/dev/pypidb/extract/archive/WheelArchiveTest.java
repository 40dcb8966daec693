package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.channel;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.extract.archive.TestArchives.CountingChannel;
import dev.pypidb.extract.archive.TestArchives.Entry;
import dev.pypidb.pypa.metadata.CoreMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WheelArchiveTest {
  private static final String METADATA =
      "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: requests (>=2)\nRequires-Dist: idna ; extra == 'x'\n\nThe description.\n";

  private static WheelMetadata read(String filename, byte[] wheel, ArchiveLimits limits) throws Exception {
    return WheelArchive.readMetadata(filename, channel(wheel), limits);
  }

  private static ArchiveException fails(Kind kind, String filename, byte[] wheel) {
    ArchiveException e = assertThrows(ArchiveException.class, () -> read(filename, wheel, ArchiveLimits.DEFAULT));
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }

  @Test
  void readsMetadataThroughTheCentralDirectoryAlone() throws Exception {
    byte[] wheel = zip(
        Entry.file("demo/__init__.py", "x = 1\n"),
        Entry.file("demo/zeros.bin", new byte[100 << 20]),
        Entry.file("demo-1.0.dist-info/METADATA", METADATA),
        Entry.file("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n"),
        Entry.file("demo-1.0.dist-info/RECORD", ""));
    CountingChannel ch = new CountingChannel(wheel);
    WheelMetadata m = WheelArchive.readMetadata("demo-1.0-py3-none-any.whl", ch,
        ArchiveLimits.DEFAULT.withMaxUncompressedBytes(64 * 1024));
    assertEquals("demo-1.0.dist-info/METADATA", m.path());
    assertEquals(METADATA, m.text());
    assertFalse(m.descriptionCut());
    CoreMetadata parsed = m.parse();
    assertEquals(List.of("requests (>=2)", "idna ; extra == 'x'"), parsed.all("Requires-Dist"));
    assertTrue(wheel.length > 90_000, "the zeros compress to about 100 KB");
    assertTrue(ch.read < 5_000, "read " + ch.read + " bytes of " + wheel.length + ": the zeros were never touched");
  }

  @Test
  void severalDistInfoDirectoriesPickTheFilenamesOne() throws Exception {
    byte[] wheel = zip(
        Entry.file("other-2.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: other\nVersion: 2.0\n"),
        Entry.file("Demo_Pkg-1.0.0.dist-info/METADATA", METADATA));
    assertEquals("Demo_Pkg-1.0.0.dist-info/METADATA",
        read("demo.pkg-1.0-py3-none-any.whl", wheel, ArchiveLimits.DEFAULT).path());
    assertEquals("the wheel has 2 .dist-info directories ('Demo_Pkg-1.0.0.dist-info', 'other-2.0.dist-info')"
        + " and none matches the filename's name and version", fails(Kind.INVALID, "third-1.0-py3-none-any.whl", wheel).reason());
  }

  @Test
  void aWheelWithoutMetadataIsInvalid() {
    assertEquals("the wheel has no .dist-info directory",
        fails(Kind.INVALID, "d-1.0-py3-none-any.whl", zip(Entry.file("d/__init__.py", ""))).reason());
    assertEquals("the wheel has no d-1.0.dist-info/METADATA",
        fails(Kind.INVALID, "d-1.0-py3-none-any.whl", zip(Entry.file("d-1.0.dist-info/RECORD", ""))).reason());
    assertEquals("member '../d-1.0.dist-info/METADATA' points outside the archive ('..')",
        fails(Kind.UNSAFE, "d-1.0-py3-none-any.whl", zip(Entry.file("../d-1.0.dist-info/METADATA", METADATA))).reason());
  }

  @Test
  void bigMetadataKeepsItsHeaderBlock() throws Exception {
    String headers = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: a\n\n";
    byte[] wheel = zip(Entry.file("demo-1.0.dist-info/METADATA", headers + "d".repeat(5000)));
    WheelMetadata m = read("demo-1.0-py3-none-any.whl", wheel, ArchiveLimits.DEFAULT.withMaxMemberBytes(1000));
    assertTrue(m.descriptionCut());
    assertEquals(headers, m.text());
    assertEquals(List.of("a"), m.parse().all("Requires-Dist"));
    byte[] noEnd = zip(Entry.file("demo-1.0.dist-info/METADATA", "Summary: " + "s".repeat(5000)));
    ArchiveException e = assertThrows(ArchiveException.class,
        () -> read("demo-1.0-py3-none-any.whl", noEnd, ArchiveLimits.DEFAULT.withMaxMemberBytes(1000)));
    assertEquals(Kind.LIMIT, e.kind());
  }

  @Test
  void anUnsupportedCompressionMethodIsNamed() {
    byte[] wheel = zip(Entry.file("demo-1.0.dist-info/METADATA", METADATA));
    ByteBuffer b = ByteBuffer.wrap(wheel).order(ByteOrder.LITTLE_ENDIAN);
    int cd = b.getInt(wheel.length - 22 + 16);
    b.putShort(8, (short) 14);       // local header: LZMA
    b.putShort(cd + 10, (short) 14); // central directory: LZMA
    ArchiveException e = fails(Kind.UNSUPPORTED, "demo-1.0-py3-none-any.whl", wheel);
    assertEquals("demo-1.0.dist-info/METADATA is compressed with zip method LZMA (14), which is not supported", e.reason());
  }

  @Test
  void eggsExposeEggInfo() throws Exception {
    byte[] egg = zip(
        Entry.file("demo/__init__.py", "x = 1\n"),
        Entry.file("EGG-INFO/PKG-INFO", "Metadata-Version: 1.1\nName: demo\nVersion: 1.0\n"),
        Entry.file("EGG-INFO/requires.txt", "requests\n\n[x]\nidna\n"),
        Entry.file("EGG-INFO/SOURCES.txt", "demo/__init__.py\n"));
    SdistContents c = EggArchive.read("demo-1.0-py3.9.egg", channel(egg), ArchiveLimits.DEFAULT);
    assertEquals(ArchiveKind.EGG, c.kind());
    assertEquals("", c.projectDirectory());
    assertEquals(List.of("EGG-INFO/PKG-INFO", "EGG-INFO/SOURCES.txt", "EGG-INFO/requires.txt", "demo/__init__.py"), c.paths());
    assertEquals("requests\n\n[x]\nidna\n", new String(c.bytes("EGG-INFO/requires.txt"), StandardCharsets.UTF_8));
    assertEquals(TreeBuilder.NOT_READ, c.unavailable("demo/__init__.py"));
    assertThrows(IllegalArgumentException.class, () -> EggArchive.read("demo-1.0.zip", channel(egg), ArchiveLimits.DEFAULT));
  }
}
