package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.bzip2;
import static dev.pypidb.extract.archive.TestArchives.channel;
import static dev.pypidb.extract.archive.TestArchives.gzip;
import static dev.pypidb.extract.archive.TestArchives.tar;
import static dev.pypidb.extract.archive.TestArchives.typicalSdist;
import static dev.pypidb.extract.archive.TestArchives.xz;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pypidb.extract.archive.TestArchives.Entry;
import org.junit.jupiter.api.Test;

class DecompressionFloorTest {

  @Test
  void decompressesEverythingAndCountsIt() throws Exception {
    Entry[] entries = typicalSdist("demo-1.0").toArray(new Entry[0]);
    byte[] tar = tar(entries);
    ArchiveLimits limits = ArchiveLimits.DEFAULT;
    assertEquals(tar.length, DecompressionFloor.decompress("demo-1.0.tar.gz", channel(gzip(tar)), limits));
    assertEquals(tar.length, DecompressionFloor.decompress("demo-1.0.tar.bz2", channel(bzip2(tar)), limits));
    assertEquals(tar.length, DecompressionFloor.decompress("demo-1.0.tar.xz", channel(xz(tar)), limits));
    assertEquals(tar.length, DecompressionFloor.decompress("demo-1.0.tar", channel(tar), limits));
    long data = 0;
    for (Entry e : entries) {
      data += e.data().length;
    }
    assertEquals(data, DecompressionFloor.decompress("demo-1.0.zip", channel(zip(entries)), limits));
    assertEquals(data, DecompressionFloor.decompress("demo-1.0-py3-none-any.whl", channel(zip(entries)), limits));
  }

  @Test
  void theFloorIsBoundedToo() {
    byte[] zeros = gzip(tar(Entry.file("z-1/zeros", new byte[4 << 20])));
    ArchiveException e = assertThrows(ArchiveException.class, () -> DecompressionFloor.decompress(
        "z-1.tar.gz", channel(zeros), ArchiveLimits.DEFAULT.withMaxUncompressedBytes(1 << 20)));
    assertEquals(ArchiveException.Kind.LIMIT, e.kind());
  }
}
