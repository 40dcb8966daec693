package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class WheelMetadataTest {
  private static final byte[] METADATA = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: six\n"
      .getBytes(StandardCharsets.UTF_8);

  /** A RangeSource over bytes that counts the bytes it hands out. */
  static final class Bytes implements RangeSource {
    final byte[] data;
    long served;
    int reads;

    Bytes(byte[] data) {
      this.data = data;
    }

    @Override
    public Tail tail(int n) {
      int k = Math.min(n, data.length);
      reads++;
      served += k;
      return new Tail(Arrays.copyOfRange(data, data.length - k, data.length), data.length);
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
      if (offset < 0 || offset + length > data.length) {
        throw new IOException("range " + offset + "+" + length + " outside " + data.length);
      }
      reads++;
      served += length;
      return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
    }
  }

  static byte[] zip(String comment, boolean stored, int padEntries, String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < padEntries; i++) {
        z.putNextEntry(new ZipEntry("demo/pad" + i + ".py"));
        z.write(("x = " + i + "\n").repeat(50).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] b = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        ZipEntry e = new ZipEntry(namesAndContents[i]);
        if (stored) {
          e.setMethod(ZipEntry.STORED);
          e.setSize(b.length);
          CRC32 crc = new CRC32();
          crc.update(b);
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(b);
        z.closeEntry();
      }
      if (comment != null) {
        z.setComment(comment);
      }
    }
    return out.toByteArray();
  }

  private static final String META = new String(METADATA, StandardCharsets.UTF_8);

  @Test
  void readsMetadataWithTwoRangeRequestsReadingLittleOfABigWheel() throws Exception {
    Bytes src = new Bytes(zip(null, false, 3000, "demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n",
        "demo-1.0.dist-info/METADATA", META, "demo-1.0.dist-info/RECORD", ""));
    WheelMetadata.Result r = WheelMetadata.read(src, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT);
    assertArrayEquals(METADATA, r.metadata());
    assertEquals("demo-1.0.dist-info/METADATA", r.member());
    assertEquals(src.reads, r.reads());
    assertTrue(src.served < src.data.length / 2, src.served + " of " + src.data.length + " bytes read");
  }

  @Test
  void smallWheelTakesTheDirectoryFromTheFirstTail() throws Exception {
    Bytes src = new Bytes(zip(null, true, 0, "demo-1.0.dist-info/METADATA", META));
    assertArrayEquals(METADATA, WheelMetadata.read(src, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT).metadata());
    assertEquals(2, src.reads); // the tail, then the member (a tiny wheel could be served by one)
  }

  @Test
  void findsTheEndRecordBehindALongComment() throws Exception {
    Bytes src = new Bytes(zip("c".repeat(40_000), false, 0, "demo-1.0.dist-info/METADATA", META));
    assertArrayEquals(METADATA, WheelMetadata.read(src, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT).metadata());
  }

  @Test
  void readsZip64() throws Exception {
    // More than 65,535 entries makes ZipOutputStream write zip64 end records.
    Bytes src = new Bytes(zip(null, false, 65_600, "demo-1.0.dist-info/METADATA", META));
    assertArrayEquals(METADATA, WheelMetadata.read(src, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT).metadata());
  }

  @Test
  void choosesTheDistInfoOfTheWheelsNameAndVersion() throws Exception {
    Bytes src = new Bytes(zip(null, false, 0, "other-2.0.dist-info/METADATA", "Name: other\n",
        "Demo-1.0.dist-info/METADATA", META, "demo-1.0.dist-info/sub/METADATA", "no"));
    WheelMetadata.Result r = WheelMetadata.read(src, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT);
    assertEquals("Demo-1.0.dist-info/METADATA", r.member());
    Bytes two = new Bytes(zip(null, false, 0, "a-1.dist-info/METADATA", "x", "b-1.dist-info/METADATA", "y"));
    ZipFormatException e = assertThrows(ZipFormatException.class,
        () -> WheelMetadata.read(two, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT));
    assertTrue(e.getMessage().contains("2 .dist-info/METADATA members"), e.getMessage());
    Bytes none = new Bytes(zip(null, false, 0, "demo/__init__.py", ""));
    assertThrows(ZipFormatException.class, () -> WheelMetadata.read(none, "demo-1.0-py3-none-any.whl", WheelMetadata.Limits.DEFAULT));
  }

  @Test
  void corruptOrHostileZipsFailWithTheReason() throws Exception {
    byte[] good = zip(null, true, 0, "demo-1.0.dist-info/METADATA", META);
    String w = "demo-1.0-py3-none-any.whl";
    // not a zip
    assertMessage("no end of central directory", new byte[100], w, WheelMetadata.Limits.DEFAULT);
    // a flipped byte of the stored member: CRC-32
    byte[] flipped = good.clone();
    int at = indexOf(flipped, "Requires-Dist".getBytes(StandardCharsets.UTF_8));
    flipped[at] ^= 1;
    assertMessage("CRC-32", flipped, w, WheelMetadata.Limits.DEFAULT);
    // bounds
    assertMessage("exceed the bound of 10", good, w, new WheelMetadata.Limits(1 << 20, 10, 1 << 20, 10));
    assertMessage("central directory of", good, w, new WheelMetadata.Limits(10, 10, 1 << 20, 1 << 20));
    // truncated: the directory points past the end
    byte[] cut = Arrays.copyOfRange(good, 40, good.length);
    assertThrows(ZipFormatException.class, () -> WheelMetadata.read(new Bytes(cut), w, WheelMetadata.Limits.DEFAULT));
  }

  private static void assertMessage(String part, byte[] zip, String wheel, WheelMetadata.Limits limits) {
    ZipFormatException e = assertThrows(ZipFormatException.class, () -> WheelMetadata.read(new Bytes(zip), wheel, limits));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
