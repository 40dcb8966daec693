package dev.pypidb.extract.sources.poetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Disjoint ranges, lowest first, as poetry-core's {@code VersionUnion}. */
public final class VersionUnion implements VersionConstraint {
  private final List<RangeConstraint> ranges;

  VersionUnion(List<RangeConstraint> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** poetry's {@code VersionUnion.of}: flattens, sorts and merges touching ranges. */
  static VersionConstraint of(List<? extends VersionConstraint> constraints) {
    List<RangeConstraint> flattened = new ArrayList<>();
    for (VersionConstraint c : constraints) {
      if (c.isEmpty()) {
        continue;
      }
      if (c instanceof VersionUnion u) {
        flattened.addAll(u.ranges);
        continue;
      }
      flattened.add((RangeConstraint) c);
    }
    if (flattened.isEmpty()) {
      return EmptyConstraint.INSTANCE;
    }
    for (RangeConstraint c : flattened) {
      if (c.isAny()) {
        return VersionRange.ANY;
      }
    }
    flattened.sort(RangeConstraint::compareRange);
    List<RangeConstraint> merged = new ArrayList<>();
    for (RangeConstraint c : flattened) {
      if (merged.isEmpty()) {
        merged.add(c);
        continue;
      }
      RangeConstraint last = merged.get(merged.size() - 1);
      if (!last.allowsAny(c) && !last.isAdjacentTo(c)) {
        merged.add(c);
      } else {
        merged.set(merged.size() - 1, (RangeConstraint) last.union(c));
      }
    }
    return merged.size() == 1 ? merged.get(0) : new VersionUnion(merged);
  }

  List<RangeConstraint> ranges() {
    return ranges;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean isAny() {
    return false;
  }

  @Override
  public boolean allows(PoetryVersion version) {
    for (RangeConstraint r : ranges) {
      if (r.allows(version)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean allowsAny(VersionConstraint other) {
    List<RangeConstraint> theirs = other.flatten();
    int i = 0;
    int j = 0;
    while (i < ranges.size() && j < theirs.size()) {
      RangeConstraint ours = ranges.get(i);
      RangeConstraint their = theirs.get(j);
      if (ours.allowsAny(their)) {
        return true;
      }
      if (their.allowsHigher(ours)) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  @Override
  public VersionConstraint intersect(VersionConstraint other) {
    List<RangeConstraint> theirs = other.flatten();
    List<VersionConstraint> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < ranges.size() && j < theirs.size()) {
      RangeConstraint ours = ranges.get(i);
      RangeConstraint their = theirs.get(j);
      VersionConstraint x = ours.intersect(their);
      if (!x.isEmpty()) {
        out.add(x);
      }
      if (their.allowsHigher(ours)) {
        i++;
      } else {
        j++;
      }
    }
    return of(out);
  }

  @Override
  public List<RangeConstraint> flatten() {
    return ranges;
  }

  /** Whether the union is every version but one ({@code !=1.5}). */
  boolean excludesSingleVersion() {
    return VersionRange.ANY.difference(this) instanceof PoetryVersion;
  }

  /** Whether the union is every version but one wildcard range ({@code !=1.5.*}). */
  boolean excludesSingleWildcardRange() {
    if (ranges.size() != 2) {
      return false;
    }
    RangeConstraint one = ranges.get(0).max() != null ? ranges.get(0) : ranges.get(1);
    RangeConstraint two = ranges.get(0).max() != null ? ranges.get(1) : ranges.get(0);
    boolean exclusion = one.max() != null && !one.includeMax() && two.min() != null && two.includeMin();
    if (!exclusion || !validWildcardRange(one, two)) {
      return false;
    }
    return VersionRange.ANY.difference(this) instanceof VersionRange;
  }

  private static boolean validWildcardRange(RangeConstraint one, RangeConstraint two) {
    PoetryVersion oneMax = one.max();
    PoetryVersion twoMin = two.min();
    int maxPrecision = Math.max(oneMax.precision(), twoMin.precision());
    if (maxPrecision <= 3) {
      return twoMin.equals(oneMax.nextMajor()) || twoMin.equals(oneMax.nextMinor())
          || twoMin.equals(oneMax.nextPatch());
    }
    List<long[]> extras = new ArrayList<>();
    List<PoetryVersion> padded = new ArrayList<>();
    for (PoetryVersion v : List.of(oneMax, twoMin)) {
      long[] e = Arrays.copyOf(v.extra(), Math.max(v.extra().length, maxPrecision - 3));
      extras.add(e);
      padded.add(withRelease(v.major(), v.minor() == null ? 0 : v.minor(), v.patch() == null ? 0 : v.patch(), e));
    }
    long[] extraOne = extras.get(0);
    PoetryVersion one0 = padded.get(0);
    Set<PoetryVersion> checks = new HashSet<>(List.of(one0.nextMajor(), one0.nextMinor(), one0.nextPatch()));
    for (int idx = 0; idx < extraOne.length; idx++) {
      // poetry-core builds [*extra[:idx - 1], extra[idx] + 1, *extra[idx + 1:]]; for idx 0 the
      // slice [: -1] keeps all but the last part, and the list is built from that as written.
      List<Long> bumped = new ArrayList<>();
      int upTo = idx - 1 >= 0 ? idx - 1 : extraOne.length - 1;
      for (int k = 0; k < upTo; k++) {
        bumped.add(extraOne[k]);
      }
      bumped.add(extraOne[idx] + 1);
      for (int k = idx + 1; k < extraOne.length; k++) {
        bumped.add(extraOne[k]);
      }
      long[] b = bumped.stream().mapToLong(Long::longValue).toArray();
      checks.add(withRelease(one0.major(), one0.minor(), one0.patch(), b));
    }
    return checks.contains(padded.get(1));
  }

  private static PoetryVersion withRelease(long major, long minor, long patch, long[] extra) {
    long[] release = new long[3 + extra.length];
    release[0] = major;
    release[1] = minor;
    release[2] = patch;
    System.arraycopy(extra, 0, release, 3, extra.length);
    return PoetryVersion.fromRelease(0, release, null, null, null, null, null);
  }

  private String wildcardExclusion() {
    RangeConstraint one = ranges.get(0).max() != null ? ranges.get(0) : ranges.get(1);
    RangeConstraint two = ranges.get(0).max() != null ? ranges.get(1) : ranges.get(0);
    long[] partsOne = one.max().paddedRelease();
    long[] partsTwo = two.min().paddedRelease();
    StringBuilder out = new StringBuilder("!=");
    for (int idx = 0; idx < partsOne.length; idx++) {
      if (idx > 0) {
        out.append('.');
      }
      out.append(partsOne[idx]);
      if (idx >= partsTwo.length || partsTwo[idx] != partsOne[idx]) {
        return out.append(".*").toString();
      }
    }
    return null;
  }

  /** {@code !=1.5}, {@code !=1.5.*}, or the ranges joined by {@code " || "}. */
  @Override
  public String toString() {
    if (excludesSingleVersion()) {
      return "!=" + VersionRange.ANY.difference(this);
    }
    if (excludesSingleWildcardRange()) {
      String w = wildcardExclusion();
      if (w != null) {
        return w;
      }
    }
    List<String> parts = new ArrayList<>();
    for (RangeConstraint r : ranges) {
      parts.add(r.toString());
    }
    return String.join(" || ", parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionUnion u && ranges.equals(u.ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }
}
