package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.bzip2;
import static dev.pypidb.extract.archive.TestArchives.channel;
import static dev.pypidb.extract.archive.TestArchives.gzip;
import static dev.pypidb.extract.archive.TestArchives.tar;
import static dev.pypidb.extract.archive.TestArchives.typicalSdist;
import static dev.pypidb.extract.archive.TestArchives.xz;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.archive.TestArchives.Entry;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SdistArchiveTest {
  private static final Entry[] TYPICAL = typicalSdist("demo-1.0").toArray(new Entry[0]);
  private static final List<String> TYPICAL_PATHS = List.of(
      "PKG-INFO", "README.rst", "demo.egg-info/requires.txt", "demo/__init__.py", "demo/sub/deeper/deep.py",
      "docs/logo.png", "requirements/base.txt", "setup.cfg", "setup.py");

  private static SdistContents read(String filename, byte[] data) throws Exception {
    return SdistArchive.read(filename, channel(data), ArchiveLimits.DEFAULT);
  }

  private static void assertTypical(SdistContents c) {
    assertEquals("demo-1.0", c.projectDirectory());
    assertEquals(TYPICAL_PATHS, c.paths());
    assertEquals("requests\n", c.text("demo.egg-info/requires.txt"));
    assertEquals("requests>=2\n", c.text("requirements/base.txt"));
    assertEquals("__version__ = '1.0'\n", c.text("demo/__init__.py"));
    assertTrue(c.text("setup.py").contains("install_requires"));
    assertNull(c.bytes("README.rst"));
    assertEquals(TreeBuilder.NOT_READ, c.unavailable("README.rst"));
    assertEquals(TreeBuilder.NOT_READ, c.unavailable("demo/sub/deeper/deep.py"), "modules are kept two levels down at most");
    assertEquals(TreeBuilder.NOT_READ, c.unavailable("docs/logo.png"));
    assertEquals("no such file in the sdist", c.unavailable("nope.txt"));
    assertEquals(List.of(), c.problems());
    assertEquals(TYPICAL.length, c.memberCount());
  }

  @Test
  void readsEveryTarFormat() throws Exception {
    byte[] tar = tar(TYPICAL);
    for (var format : List.<Object[]>of(
        new Object[] {"demo-1.0.tar.gz", (UnaryOperator<byte[]>) TestArchives::gzip},
        new Object[] {"demo-1.0.tgz", (UnaryOperator<byte[]>) TestArchives::gzip},
        new Object[] {"demo-1.0.tar.bz2", (UnaryOperator<byte[]>) TestArchives::bzip2},
        new Object[] {"demo-1.0.tar.xz", (UnaryOperator<byte[]>) TestArchives::xz},
        new Object[] {"demo-1.0.tar", UnaryOperator.<byte[]>identity()})) {
      @SuppressWarnings("unchecked")
      byte[] data = ((UnaryOperator<byte[]>) format[1]).apply(tar);
      SdistContents c = read((String) format[0], data);
      assertTypical(c);
      assertEquals(data.length + Math.min(512, data.length), c.archiveBytes(), format[0] + " is read once, after its first bytes");
      assertTrue(c.uncompressedBytes() >= 9 * 512 && c.uncompressedBytes() <= tar.length, format[0].toString());
    }
  }

  @Test
  void readsAZipSdist() throws Exception {
    SdistContents c = read("demo-1.0.zip", zip(TYPICAL));
    assertTypical(c);
    assertEquals(ArchiveKind.SDIST_ZIP, c.kind());
    long kept = 0;
    for (String p : c.paths()) {
      kept += c.bytes(p) == null ? 0 : c.bytes(p).length;
    }
    assertEquals(kept, c.keptBytes());
    assertEquals(kept, c.uncompressedBytes(), "a zip inflates its kept members only");
  }

  @Test
  void readsFromAStream() throws Exception {
    assertTypical(SdistArchive.read("demo-1.0.tar.gz", new ByteArrayInputStream(gzip(tar(TYPICAL))), ArchiveLimits.DEFAULT));
    assertTypical(SdistArchive.read("demo-1.0.zip", new ByteArrayInputStream(zip(TYPICAL)), ArchiveLimits.DEFAULT));
    ArchiveException e = assertThrows(ArchiveException.class, () -> SdistArchive.read(
        "demo-1.0.zip", new ByteArrayInputStream(zip(TYPICAL)), ArchiveLimits.DEFAULT.withMaxBufferedZipBytes(100)));
    assertEquals(ArchiveException.Kind.LIMIT, e.kind());
    assertTrue(e.reason().contains("held in memory"), e.reason());
  }

  @Test
  void projectDirectoryIsTheOneTopLevelDirectory() throws Exception {
    SdistContents flat = read("flat-1.0.tar.gz", gzip(tar(Entry.file("setup.py", "x"), Entry.file("pkg/__init__.py", "y"))));
    assertEquals("", flat.projectDirectory());
    assertEquals(List.of("pkg/__init__.py", "setup.py"), flat.paths());

    SdistContents dotted = read("d-1.0.tar.gz", gzip(tar(Entry.dir("./"), Entry.file("./d-1.0/setup.py", "x"))));
    assertEquals("d-1.0", dotted.projectDirectory());
    assertEquals(List.of("setup.py"), dotted.paths());

    SdistContents appleDouble = read("d-1.0.tar.gz", gzip(tar(
        Entry.file("._d-1.0", "\0\5\26\7"), Entry.file("d-1.0/setup.py", "x"), Entry.file("d-1.0/PKG-INFO", "y"))));
    assertEquals("d-1.0", appleDouble.projectDirectory(), "the directory with setup.py, not the root");
    assertEquals(List.of("1 member outside the project directory 'd-1.0/' not listed"), appleDouble.problems());

    SdistContents several = read("b-1.0.tar.gz", gzip(tar(
        Entry.file("a-1.0/setup.py", "a"), Entry.file("b-1.0/setup.py", "b"), Entry.file("c/readme", "c"))));
    assertEquals("b-1.0", several.projectDirectory(), "several candidates: the one named like the file");
    assertEquals("b", several.text("setup.py"));

    SdistContents ambiguous = read("x-1.0.tar.gz", gzip(tar(Entry.file("a-1.0/setup.py", "a"), Entry.file("b-1.0/setup.py", "b"))));
    assertEquals("", ambiguous.projectDirectory());
    assertEquals(List.of("a-1.0/setup.py", "b-1.0/setup.py"), ambiguous.paths());
    assertTrue(ambiguous.problems().get(0).startsWith("several top-level directories"), ambiguous.problems().toString());
    assertEquals("a", ambiguous.text("a-1.0/setup.py"), "relative to the root, a module one level down");
  }

  @Test
  void emptyArchive() throws Exception {
    SdistContents c = read("e-1.0.tar.gz", gzip(tar()));
    assertEquals(List.of(), c.paths());
    assertEquals(List.of("the archive has no members"), c.problems());
  }

  @Test
  void symbolicAndHardLinksInsideTheProjectReadAsTheirTarget() throws Exception {
    SdistContents c = read("l-1.0.tar.gz", gzip(tar(
        Entry.file("l-1.0/requirements/base.txt", "requests\n"),
        Entry.symlink("l-1.0/requirements.txt", "requirements/base.txt"),
        Entry.symlink("l-1.0/requirements-dev.txt", "requirements.txt"),
        Entry.hardlink("l-1.0/setup.cfg", "l-1.0/requirements/base.txt"),
        Entry.symlink("l-1.0/docs.txt", "docs"),
        Entry.dir("l-1.0/docs"))));
    assertEquals("requests\n", c.text("requirements.txt"));
    assertEquals("requests\n", c.text("requirements-dev.txt"), "a chain of links");
    assertEquals("requests\n", c.text("setup.cfg"));
    assertEquals("is a symbolic link to 'docs', a directory", c.unavailable("docs.txt"));
  }

  @Test
  void bigPkgInfoKeepsItsHeaderBlock() throws Exception {
    String headers = "Metadata-Version: 2.1\nName: big\nVersion: 1\nRequires-Dist: a\n\n";
    String body = "x".repeat(5000);
    SdistContents c = SdistArchive.read("big-1.tar.gz", channel(gzip(tar(
        Entry.file("big-1/PKG-INFO", headers + body), Entry.file("big-1/setup.py", "y".repeat(5000))))),
        ArchiveLimits.DEFAULT.withMaxMemberBytes(1000));
    assertEquals(headers, c.text("PKG-INFO"));
    assertEquals(List.of("'big-1/PKG-INFO' is over 1000 bytes: only its header block was kept (the description is cut)"), c.problems());
    assertEquals("is 4.9 KiB, over the 1000 bytes limit for kept members", c.unavailable("setup.py"));
  }

  @Test
  void keptBytesAreBounded() throws Exception {
    SdistContents c = SdistArchive.read("k-1.tar.gz", channel(gzip(tar(
        Entry.file("k-1/m/one.py", "1".repeat(300)), Entry.file("k-1/m/two.py", "2".repeat(300)),
        Entry.file("k-1/a.txt", "a".repeat(600)), Entry.file("k-1/b.txt", "b".repeat(600)),
        Entry.file("k-1/c.txt", "c".repeat(100))))),
        ArchiveLimits.DEFAULT.withMaxKeptBytes(1300).withMaxKeptModuleBytes(350));
    assertEquals(300, c.bytes("m/one.py").length);
    assertEquals("not read: the kept modules of this archive already take 300 bytes (the limit is 350 bytes)", c.unavailable("m/two.py"));
    assertEquals(600, c.bytes("a.txt").length);
    assertEquals("not read: the kept members of this archive already take 900 bytes (the limit is 1.3 KiB)", c.unavailable("b.txt"));
    assertEquals(100, c.bytes("c.txt").length);
    assertEquals(1000, c.keptBytes());
  }

  @Test
  void pathsAreNormalized() throws Exception {
    SdistContents c = read("n-1.tar.gz", gzip(tar(Entry.file("n-1//a/./b/../setup.cfg", "x"), Entry.file("n-1/PKG-INFO", "y"))));
    assertEquals(List.of("PKG-INFO", "a/setup.cfg"), c.paths());
  }

  @Test
  void namesThatAreNotSdistsAreTheCallersMistake() {
    assertThrows(IllegalArgumentException.class, () -> read("x-1.0-py3-none-any.whl", zip()));
    assertThrows(IllegalArgumentException.class, () -> read("x-1.0.rpm", new byte[10]));
  }

  @Test
  void bzip2AndXzAreTheirOwnFormats() throws Exception {
    byte[] tar = tar(TYPICAL);
    assertTypical(read("demo-1.0.tar.bz2", bzip2(tar)));
    assertTypical(read("demo-1.0.tar.xz", xz(tar)));
  }
}
