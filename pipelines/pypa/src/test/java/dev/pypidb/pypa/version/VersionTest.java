package dev.pypidb.pypa.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    // PEP 440 normalization examples
    "1.0|1.0", "1.0a1|1.0a1", "1.0alpha1|1.0a1", "1.0-a1|1.0a1", "1.0.a.1|1.0a1", "1.0A1|1.0a1",
    "1.0b2|1.0b2", "1.0beta2|1.0b2", "1.0c3|1.0rc3", "1.0pre3|1.0rc3", "1.0preview3|1.0rc3",
    "1.0rc|1.0rc0", "1.0a|1.0a0", "1.0-1|1.0.post1", "1.0.post|1.0.post0", "1.0-r4|1.0.post4",
    "1.0rev4|1.0.post4", "1.0_post_2|1.0.post2", "1.0.dev|1.0.dev0", "1.0-dev3|1.0.dev3",
    "v1.0|1.0", "V2|2", "1!2.0|1!2.0", "0!1.0|1.0", "01.02.003|1.2.3",
    "1.0+ubuntu-1|1.0+ubuntu.1", "1.0+UBUNTU_01.a|1.0+ubuntu.1.a", "1.0+01|1.0+1",
    "  1.0  |1.0", "1.0.post.dev1|1.0.post0.dev1", "1.0.dev-|1.0.dev0", "1.0a-|1.0a0",
    "1.0a.-1|1.0a0.post1", "1.0-r|1.0.post0",
  })
  void normalizes(String input, String normalized) {
    assertEquals(normalized, Version.parse(input).toString());
  }

  @Test
  void unicodeWhitespaceIsStrippedLikePython() {
    assertEquals("1.0", Version.parse("\u00a01.0\u2003").toString());
    assertEquals("1.0", Version.parse("\u001c1.0\u0085").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.", ".1", "1..2", "a", "1.0-beta-final", "1.0+", "1.0+abc.",
    "1.0+a..b", "1.0b2-1-2", "1.0 beta", "1,0", "1.0.x", "\u0661.0", "1.0+\u00e9", "1.0ab",
    "1!", "1.0prev", "1.0-", "dev", "1.0.*"})
  void rejectsNonPep440(String input) {
    assertNull(Version.tryParse(input));
    InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> Version.parse(input));
    assertTrue(e.getMessage().startsWith("Invalid version: "), e.getMessage());
  }

  @Test
  void keepsNumbersBeyondLong() {
    Version v = Version.parse("1.3.1.dev998541838326926390390591933158452223535077792503");
    assertEquals(new BigInteger("998541838326926390390591933158452223535077792503"), v.dev());
    assertTrue(Version.parse("9999999999999999999999").compareTo(Version.parse("9999999999999999999998")) > 0);
  }

  @Test
  void numbersHaveNoDigitLimit() {
    // CPython limits int() to 4300 digits by default; packaging means no limit, and neither do we.
    assertEquals(5000 + 2, Version.parse("1." + "9".repeat(5000)).toString().length());
  }

  @Test
  void components() {
    Version v = Version.parse("1!2.3.4rc5.post6.dev7+Local.8");
    assertEquals(BigInteger.ONE, v.epoch());
    assertEquals(List.of(BigInteger.valueOf(2), BigInteger.valueOf(3), BigInteger.valueOf(4)), v.release());
    assertEquals(Version.PreKind.RC, v.preKind());
    assertEquals(BigInteger.valueOf(5), v.preNumber());
    assertEquals(BigInteger.valueOf(6), v.post());
    assertEquals(BigInteger.valueOf(7), v.dev());
    assertEquals("local.8", v.local());
    assertEquals("1!2.3.4rc5.post6.dev7", v.publicText());
    assertEquals("1!2.3.4", v.baseVersion());
    assertTrue(v.isPrerelease());
    assertTrue(v.isPostrelease());
    assertTrue(v.isDevrelease());
    assertFalse(Version.parse("1.0.post1").isPrerelease());
  }

  /** PEP 440's own ordering example, shuffled and sorted back. */
  @Test
  void totalOrderFollowsPep440() {
    List<String> ordered = List.of(
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
        "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1");
    List<Version> versions = new ArrayList<>();
    for (String s : ordered) {
      versions.add(Version.parse(s));
    }
    List<Version> shuffled = new ArrayList<>(versions);
    Collections.shuffle(shuffled, new Random(7));
    Collections.sort(shuffled);
    assertEquals(versions, shuffled);
  }

  @Test
  void equalityIgnoresTrailingZerosButNotLocals() {
    assertEquals(Version.parse("1.0"), Version.parse("1.0.0.0"));
    assertEquals(Version.parse("1.0").hashCode(), Version.parse("1").hashCode());
    assertFalse(Version.parse("1.0").equals(Version.parse("1.0+0")));
    assertTrue(Version.parse("1.0+abc").compareTo(Version.parse("1.0+1")) < 0);
    assertTrue(Version.parse("1.0+1").compareTo(Version.parse("1.0+1.0")) < 0);
  }
}
