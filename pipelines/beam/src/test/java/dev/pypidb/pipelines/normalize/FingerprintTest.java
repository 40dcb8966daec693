package dev.pypidb.pipelines.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class FingerprintTest {
  private static final String A = "ffffffffffffffffffffffffffffffff";
  private static final String B = "00000000000000000000000000000001";
  private static final String C = "0123456789abcdef0123456789abcdef";

  private static String of(String... digests) {
    Fingerprint f = new Fingerprint();
    for (String d : digests) {
      f.add(d);
    }
    return f.toString();
  }

  @Test
  public void orderAndSplittingDoNotMatter() {
    assertEquals(of(A, B, C), of(C, A, B));
    Fingerprint left = new Fingerprint().add(A);
    Fingerprint right = new Fingerprint().add(C).add(B);
    assertEquals(of(A, B, C), left.merge(right).toString());
    Fingerprint.CombineFn fn = new Fingerprint.CombineFn();
    assertEquals(of(A, B, C), fn.extractOutput(fn.mergeAccumulators(List.of(
        fn.addInput(fn.createAccumulator(), B), fn.addInput(fn.addInput(fn.createAccumulator(), C), A)))));
  }

  @Test
  public void carriesAcross64BitsAndCountsRecords() {
    // 2^128 - 1 + 1 wraps to 0; the count tells the two apart from no records
    assertEquals("00000000000000000000000000000000-2", of(A, B));
    assertEquals("00000000000000000000000000000000-0", of());
    assertEquals("00000000000000010000000000000000-2",
        of("0000000000000000ffffffffffffffff", B));
    assertNotEquals(of(A, A), of(A));
  }

  @Test
  public void rejectsWhatIsNotADigest() {
    assertThrows(IllegalArgumentException.class, () -> of("abc"));
  }
}
