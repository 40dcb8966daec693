package dev.pypidb.pypa.specifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierSetTest {

  @ParameterizedTest(name = "{1} in {0}: {2}")
  @CsvSource(delimiter = '|', value = {
    // ~= (PEP 440 examples)
    "~=2.2|2.3|true", "~=2.2|3.0|false", "~=1.4.5|1.4.9|true", "~=1.4.5|1.5.0|false",
    "~=2.2.post3|2.2.post4|true", "~=2.2.post3|2.3|true", "~=2.2.post3|3.0|false",
    "~=1.4.5a4|1.4.5|true", "~=1.4.5a4|1.5|false", "~=2.2.0|2.2.9|true", "~=2.2.0|2.3|false",
    // prefix matching
    "==1.1.*|1.1.post1|true", "==1.1.*|1.1.0|true", "==1.1.*|1.10|false", "==1.1.*|1.1a1|true",
    "!=1.1.*|1.2|true", "!=1.1.*|1.1.5|false", "==1.*|1|true", "==1.0.*|1|true",
    "==2.*|2.0+local|true",
    // exact and local versions
    "==1.0|1.0+local|true", "==1.0+local|1.0|false", "==1.0+local|1.0+local|true",
    "==1.0|1.0.0|true", "!=1.0|1.0+x|false",
    // exclusive ordered comparisons
    "<2.0|2.0rc1|false", "<2.0rc2|2.0rc1|true", ">1.7|1.7.post2|false", ">1.7.post2|1.7.post3|true",
    ">1.7|1.7+local|false", ">1.0a1|1.0a1+local|false", ">1.0a1|1.0a2+local|true",
    "<=1.0|1.0+local|true", ">=1.0|1.0+local|true", "<1.0|0.9+local|true",
    // arbitrary equality compares text
    "===1.0|1.0|true", "===1.0|1.0.0|false", "===foobar|FooBar|true",
    // pre-releases: a lone candidate matches when no final release could be preferred
    ">=1.0|2.0a1|true", ">=1.0,<3|2.0a1|true", "!=1.0|2.0a1|true",
    // empty set
    "|1.0|true", "|1.0a1|true", "|not-a-version|true",
  })
  void contains(String spec, String version, boolean expected) {
    assertEquals(expected, SpecifierSet.parse(spec == null ? "" : spec).contains(version, null));
  }

  @Test
  void explicitPrereleasePolicy() {
    SpecifierSet set = SpecifierSet.parse(">=1.0");
    assertFalse(set.contains("2.0a1", false));
    assertTrue(set.contains("2.0a1", true));
    assertTrue(SpecifierSet.parse(">=1.0a1").contains("2.0b1", false) == false);
    assertEquals(Boolean.TRUE, SpecifierSet.parse(">=1.0a1").prereleases());
    assertNull(SpecifierSet.parse(">=1.0,!=1.5").prereleases());
    assertEquals(Boolean.FALSE, Specifier.parse("!=1.0a1").prereleases());
    assertEquals(Boolean.FALSE, Specifier.parse("==1.*").prereleases());
  }

  @Test
  void filterPrefersFinalReleases() {
    List<Version> vs = versions("1.0", "1.5a1", "2.0", "2.1rc1");
    assertEquals(versions("1.0", "2.0"), SpecifierSet.parse(">=1.0").filter(vs, null));
    assertEquals(versions("2.1rc1"), SpecifierSet.parse(">2.0").filter(vs, null));
    assertEquals(versions(), SpecifierSet.parse(">2.0").filter(vs, false));
    assertEquals(versions("1.5a1", "2.0", "2.1rc1"), SpecifierSet.parse(">=1.5a1").filter(vs, null));
    assertEquals(versions("1.0", "2.0"), SpecifierSet.empty().filter(vs, null));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    ">=1.0,<2|<2,>=1.0", " >= 1.0 , != 1.5 |!=1.5,>=1.0", ">=1.0.0,>=1.0|>=1.0",
    "==V1.0|==V1.0", "~=1.0,~=1.0.0|~=1.0,~=1.0.0", "===1.0|===1.0", "|",
  })
  void normalizedText(String input, String expected) {
    assertEquals(expected == null ? "" : expected, SpecifierSet.parse(input == null ? "" : input).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {">=1.0.*", "~=1", "=>1.0", "==1.0+local.*", ">=1.0+local", "1.0", "==",
    ">= 1.0 2", "<>1.0", "~=1.0.*", "==1.0a1.*", "===a b"})
  void rejectsInvalid(String spec) {
    InvalidSpecifierException e = assertThrows(InvalidSpecifierException.class, () -> SpecifierSet.parse(spec));
    assertTrue(e.getMessage().startsWith("Invalid specifier: "), e.getMessage());
  }

  @Test
  void tokenizerPrefixMatchIsGreedy() {
    assertEquals(6, SpecifierGrammar.matchPrefix(">=1.0a;", 0));
    assertEquals(5, SpecifierGrammar.matchPrefix(">=1.0.*", 0));
    assertEquals(7, SpecifierGrammar.matchPrefix("==1.0.*x", 0));
    assertEquals(10, SpecifierGrammar.matchPrefix("===1.0,>=2 x", 0));
    assertEquals(-1, SpecifierGrammar.matchPrefix("<=x", 0));
  }

  private static List<Version> versions(String... texts) {
    List<Version> out = new ArrayList<>();
    for (String t : texts) {
      out.add(Version.parse(t));
    }
    return out;
  }
}
