package dev.pypidb.pypa.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VersionSet}, {@link Term} and {@link RangeFormat}. */
class VersionSetsTest {

  private static List<Version> versions(String... vs) {
    List<Version> out = new ArrayList<>();
    for (String v : vs) {
      out.add(Version.parse(v));
    }
    return out;
  }

  private static VersionSet set(int size, int... members) {
    VersionSet.Builder b = VersionSet.builder(size);
    for (int m : members) {
      b.add(m);
    }
    return b.build();
  }

  @Test
  void bitsetOperationsAcrossWords() {
    VersionSet a = VersionSet.range(130, 60, 70);
    VersionSet b = VersionSet.range(130, 65, 129);
    assertEquals(VersionSet.range(130, 65, 70), a.and(b));
    assertEquals(VersionSet.range(130, 60, 129), a.or(b));
    assertEquals(VersionSet.range(130, 60, 64), a.minus(b));
    assertEquals(70, a.complement().cardinality() - 49);
    assertTrue(VersionSet.full(130).complement().isEmpty());
    assertTrue(VersionSet.empty(130).complement().isFull());
    assertEquals(129, b.highest());
    assertEquals(65, b.next(0));
    assertEquals(-1, a.next(71));
    assertEquals(-1, VersionSet.empty(0).highest());
    assertTrue(VersionSet.range(130, 66, 69).subsetOf(a));
    assertFalse(a.subsetOf(b));
    assertTrue(VersionSet.range(130, 0, 59).disjoint(a));
    assertEquals(a, VersionSet.range(130, 60, 70));
    assertEquals(a.hashCode(), VersionSet.range(130, 60, 70).hashCode());
  }

  @Test
  void termAlgebra() {
    VersionSet low = VersionSet.range(4, 0, 1);
    VersionSet high = VersionSet.range(4, 2, 3);
    Term pLow = Term.positive(low);
    Term nLow = Term.negative(low);
    assertEquals(Term.positive(VersionSet.empty(4)), pLow.intersect(Term.positive(high)));
    assertEquals(pLow, pLow.intersect(Term.negative(high)));
    assertEquals(Term.negative(VersionSet.full(4)), nLow.intersect(Term.negative(high)));
    assertTrue(nLow.union(pLow).isAny());
    // foo in {0,1} satisfies "not foo in {2,3}"; "not foo in {0,1}" does not satisfy "foo in {2,3}"
    assertTrue(pLow.satisfies(Term.negative(high)));
    assertFalse(nLow.satisfies(Term.positive(high)));
    assertTrue(nLow.satisfies(Term.negative(VersionSet.single(4, 0))));
    assertTrue(pLow.contradicts(Term.positive(high)));
    assertTrue(pLow.contradicts(nLow));
    assertFalse(nLow.contradicts(Term.negative(high)));
  }

  @Test
  void rangesPrintCompactly() {
    List<Version> v = versions("0.9", "1.0", "1.5", "2.0", "3.0");
    assertEquals("", RangeFormat.format(VersionSet.full(5), v, null));
    assertEquals("<1.0", RangeFormat.format(set(5, 0), v, null));
    assertEquals("==1.0", RangeFormat.format(set(5, 1), v, null));
    assertEquals(">=1.0,<2.0", RangeFormat.format(set(5, 1, 2), v, null));
    assertEquals(">=2.0", RangeFormat.format(set(5, 3, 4), v, null));
    assertEquals("!=1.5", RangeFormat.format(set(5, 0, 1, 3, 4), v, null));
    assertEquals("<1.0 | >=3.0", RangeFormat.format(set(5, 0, 4), v, null));
    assertEquals("==1.0 | ==2.0", RangeFormat.format(set(5, 1, 3), v, null));
  }

  @Test
  void preReleasesAndYankedVersionsOutsideTheSetDoNotMatter() {
    List<Version> v = versions("1.0", "1.1", "2.0b1", "2.0");
    assertEquals("", RangeFormat.format(set(4, 0, 1, 3), v, null));
    assertEquals("<2.0", RangeFormat.format(set(4, 0, 1), v, null));
    assertEquals(">=2.0b1", RangeFormat.format(set(4, 2, 3), v, null));
    assertEquals("==2.0b1", RangeFormat.format(set(4, 2), v, null));
    VersionSet yanked = set(4, 1);
    assertEquals(">=2.0", RangeFormat.format(set(4, 3), v, yanked));
    assertEquals("", RangeFormat.format(set(4, 0, 3), v, yanked));
    assertEquals("<2.0", RangeFormat.format(set(4, 0, 1), v, yanked));
  }
}
