package dev.pypidb.extract.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveLimitsTest {

  @Test
  void defaultsAndWithers() throws Exception {
    ArchiveLimits d = ArchiveLimits.DEFAULT;
    assertEquals(2L << 30, d.maxUncompressedBytes());
    assertEquals(1 << 20, d.maxMemberBytes());
    assertEquals(16L << 20, d.maxKeptBytes());
    assertEquals(100_000, d.maxMembers());
    ArchiveLimits small = d.withMaxMembers(10).withMaxKeptBytes(5);
    assertEquals(10, small.maxMembers());
    assertEquals(5, small.maxKeptBytes());
    assertEquals(d.maxMemberBytes(), small.maxMemberBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withMaxCompressionRatio(0));
    assertEquals("maxCompressionRatio must be positive, not 0", e.getMessage());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(small);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(small, in.readObject(), "serializable, for a Beam DoFn's fields");
    }
  }

  @Test
  void sizesInReasons() {
    assertEquals("300 bytes", ArchiveLimits.size(300));
    assertEquals("1 KiB", ArchiveLimits.size(1024));
    assertEquals("1.5 MiB", ArchiveLimits.size(3 << 19));
    assertEquals("2 GiB", ArchiveLimits.size(2L << 30));
  }
}
