package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.bzip2;
import static dev.pypidb.extract.archive.TestArchives.gzip;
import static dev.pypidb.extract.archive.TestArchives.tar;
import static dev.pypidb.extract.archive.TestArchives.utf8;
import static dev.pypidb.extract.archive.TestArchives.xz;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.archive.TestArchives.Entry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveKindTest {

  @Test
  void kindsFromFilenames() {
    assertEquals(Optional.of(ArchiveKind.SDIST_TAR_GZ), ArchiveKind.of("requests-2.31.0.tar.gz"));
    assertEquals(Optional.of(ArchiveKind.SDIST_TGZ), ArchiveKind.of("x-1.TGZ"));
    assertEquals(Optional.of(ArchiveKind.SDIST_TAR_BZ2), ArchiveKind.of("x-1.tar.bz2"));
    assertEquals(Optional.of(ArchiveKind.SDIST_TAR_XZ), ArchiveKind.of("x-1.tar.xz"));
    assertEquals(Optional.of(ArchiveKind.SDIST_TAR), ArchiveKind.of("x-1.tar"));
    assertEquals(Optional.of(ArchiveKind.SDIST_ZIP), ArchiveKind.of("x-1.ZIP"));
    assertEquals(Optional.of(ArchiveKind.WHEEL), ArchiveKind.of("x-1-py3-none-any.whl"));
    assertEquals(Optional.of(ArchiveKind.EGG), ArchiveKind.of("x-1-py2.7.egg"));
    for (String no : new String[] {"x-1.tar.gz.asc", "x-1.exe", "x-1.rpm", ".tar.gz", "x-1.gz", "x-1.whl.metadata"}) {
      assertEquals(Optional.empty(), ArchiveKind.of(no), no);
    }
    assertTrue(ArchiveKind.SDIST_TGZ.isSdist());
    assertFalse(ArchiveKind.WHEEL.isSdist());
    assertTrue(ArchiveKind.EGG.isZip());
    assertEquals("requests-2.31.0", ArchiveKind.SDIST_TAR_GZ.stem("requests-2.31.0.tar.gz"));
  }

  private static ArchiveFormat detect(byte[] b) {
    return ArchiveFormat.detect(b, Math.min(b.length, ArchiveFormat.HEAD_BYTES));
  }

  @Test
  void formatsFromContent() {
    byte[] tar = tar(Entry.file("a/b.txt", "x"));
    assertEquals(ArchiveFormat.TAR, detect(tar));
    assertEquals(ArchiveFormat.GZIP, detect(gzip(tar)));
    assertEquals(ArchiveFormat.BZIP2, detect(bzip2(tar)));
    assertEquals(ArchiveFormat.XZ, detect(xz(tar)));
    assertEquals(ArchiveFormat.ZIP, detect(zip(Entry.file("a", "b"))));
    assertEquals(ArchiveFormat.EMPTY, detect(new byte[0]));
    assertEquals(ArchiveFormat.HTML, detect(utf8("  <!doctype html>\n<html>")));
    assertEquals(ArchiveFormat.TEXT, detect(utf8("Not Found\n")));
    assertEquals(ArchiveFormat.ZSTD, detect(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}));
    assertEquals(ArchiveFormat.UNKNOWN, detect(new byte[] {0, 1, 2, 3}));
    byte[] v7 = tar.clone();
    for (int i = 257; i < 265; i++) {
      v7[i] = 0;  // drop the ustar magic and version: a v7 header, recognised by its checksum
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : v7[i] & 0xff;
    }
    byte[] octal = String.format("%06o\0 ", sum).getBytes();
    System.arraycopy(octal, 0, v7, 148, 8);
    assertEquals(ArchiveFormat.TAR, detect(v7));
    v7[0] ^= 1;
    assertEquals(ArchiveFormat.UNKNOWN, detect(v7), "a wrong checksum is no tar");
  }
}
