package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.TestArchives.bzip2;
import static dev.pypidb.extract.archive.TestArchives.channel;
import static dev.pypidb.extract.archive.TestArchives.gzip;
import static dev.pypidb.extract.archive.TestArchives.tar;
import static dev.pypidb.extract.archive.TestArchives.typicalSdist;
import static dev.pypidb.extract.archive.TestArchives.xz;
import static dev.pypidb.extract.archive.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.archive.TestArchives.Entry;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random byte damage (flips, cuts, splices) to archives of every format: each read either
 * succeeds or fails with an {@link ArchiveException}, quickly; no other exception escapes.
 */
class MutatedArchiveTest {
  /** Damaged copies per format; {@code -Dpypidb.mutations=N} for a longer run. */
  private static final int ROUNDS = Integer.getInteger("pypidb.mutations", 300);

  @Test
  void damagedArchivesFailCleanly() {
    Entry[] entries = typicalSdist("m-1.0").toArray(new Entry[0]);
    byte[] tar = tar(entries);
    Object[][] cases = {
      {"m-1.0.tar.gz", gzip(tar)}, {"m-1.0.tar.bz2", bzip2(tar)}, {"m-1.0.tar.xz", xz(tar)},
      {"m-1.0.tar", tar}, {"m-1.0.zip", zip(entries)}, {"m-1.0-py3-none-any.whl", zip(entries)},
    };
    Random random = new Random(20240613);
    Map<ArchiveException.Kind, Integer> seen = new EnumMap<>(ArchiveException.Kind.class);
    int ok = 0;
    for (Object[] c : cases) {
      String filename = (String) c[0];
      byte[] original = (byte[]) c[1];
      for (int round = 0; round < ROUNDS; round++) {
        byte[] damaged = damage(original, random);
        try {
          assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readAny(filename, damaged));
          ok++;
        } catch (Throwable t) {
          if (!(t instanceof ArchiveException e)) {
            throw new AssertionError(filename + " round " + round + " escaped as " + t, t);
          }
          seen.merge(e.kind(), 1, Integer::sum);
        }
      }
    }
    System.out.println("damaged archives: " + ok + " read, failures by kind " + seen);
    assertTrue(seen.size() >= 3, "failures of several kinds: " + seen);
    assertTrue(ok > 0, "some damage is harmless (a flipped bit in a skipped member)");
  }

  private static void readAny(String filename, byte[] data) throws Exception {
    if (filename.endsWith(".whl")) {
      WheelArchive.readMetadata(filename, channel(data), ArchiveLimits.DEFAULT);
    } else {
      SdistArchive.read(filename, channel(data), ArchiveLimits.DEFAULT);
    }
  }

  private static byte[] damage(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
      case 2 -> {
        int at = random.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + random.nextInt(64));
        byte[] junk = new byte[len];
        random.nextBytes(junk);
        System.arraycopy(junk, 0, b, at, len);
      }
      default -> {
        int at = 4 + random.nextInt(b.length - 4);
        for (int i = at; i < Math.min(b.length, at + 8); i++) {
          b[i] = (byte) 0xff;  // huge sizes and counts where fields were
        }
      }
    }
    return b;
  }
}
