package dev.pypidb.extract.sources.poetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Versions between an optional minimum and an optional maximum, as poetry-core's
 * {@code VersionRange}; with neither, every version ({@link #ANY}).
 */
public final class VersionRange implements RangeConstraint {
  static final VersionRange ANY = new VersionRange(null, null, false, false);

  private final PoetryVersion min;
  private final PoetryVersion max;
  private final PoetryVersion fullMax;
  private final boolean includeMin;
  private final boolean includeMax;

  VersionRange(PoetryVersion min, PoetryVersion max, boolean includeMin, boolean includeMax) {
    PoetryVersion full = max;
    if (!includeMax && full != null && full.isStable() && !full.isPostrelease()
        && (min == null || min.isStable() || !min.sameRelease(full))) {
      full = full.firstPrerelease();
    }
    this.min = min;
    this.max = max;
    this.fullMax = full;
    this.includeMin = includeMin;
    this.includeMax = includeMax;
  }

  static boolean sameBound(PoetryVersion a, PoetryVersion b) {
    return a == null ? b == null : a.equals(b);
  }

  @Override
  public PoetryVersion min() {
    return min;
  }

  @Override
  public PoetryVersion max() {
    return max;
  }

  @Override
  public PoetryVersion fullMax() {
    return fullMax;
  }

  @Override
  public boolean includeMin() {
    return includeMin;
  }

  @Override
  public boolean includeMax() {
    return includeMax;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean isAny() {
    return min == null && max == null;
  }

  @Override
  public boolean allows(PoetryVersion other) {
    if (min != null) {
      int c = other.compareVersion(min);
      if (c < 0 || (!includeMin && c == 0)) {
        return false;
      }
    }
    if (fullMax != null) {
      PoetryVersion o = other;
      if (!fullMax.isLocal() && o.isLocal()) {
        o = o.withoutLocal();
      }
      if (!fullMax.isPostrelease() && o.isPostrelease()) {
        o = o.withoutPostrelease();
      }
      int c = o.compareVersion(fullMax);
      if (c > 0 || (!includeMax && c == 0)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean allowsAny(VersionConstraint other) {
    if (other.isEmpty()) {
      return false;
    }
    if (other instanceof PoetryVersion v) {
      return allows(v);
    }
    if (other instanceof VersionUnion u) {
      for (RangeConstraint r : u.ranges()) {
        if (allowsAny(r)) {
          return true;
        }
      }
      return false;
    }
    RangeConstraint r = (RangeConstraint) other;
    return !r.isStrictlyLower(this) && !r.isStrictlyHigher(this);
  }

  @Override
  public VersionConstraint intersect(VersionConstraint other) {
    if (other.isEmpty()) {
      return other;
    }
    if (other instanceof VersionUnion u) {
      return u.intersect(this);
    }
    if (other instanceof PoetryVersion v) {
      return allows(v) ? v : EmptyConstraint.INSTANCE;
    }
    RangeConstraint r = (RangeConstraint) other;
    PoetryVersion iMin;
    boolean iIncMin;
    if (allowsLower(r)) {
      if (isStrictlyLower(r)) {
        return EmptyConstraint.INSTANCE;
      }
      iMin = r.min();
      iIncMin = r.includeMin();
    } else {
      if (r.isStrictlyLower(this)) {
        return EmptyConstraint.INSTANCE;
      }
      iMin = min;
      iIncMin = includeMin;
    }
    PoetryVersion iMax;
    boolean iIncMax;
    if (allowsHigher(r)) {
      iMax = r.max();
      iIncMax = r.includeMax();
    } else {
      iMax = max;
      iIncMax = includeMax;
    }
    if (iMin == null && iMax == null) {
      return ANY;
    }
    if (iMin != null && iMin.equals(iMax)) {
      return iMin;
    }
    return new VersionRange(iMin, iMax, iIncMin, iIncMax);
  }

  @Override
  public VersionConstraint union(VersionConstraint other) {
    if (other instanceof PoetryVersion v) {
      if (allows(v)) {
        return this;
      }
      if (v.equals(min)) {
        return new VersionRange(min, max, true, includeMax);
      }
      if (v.equals(max)) {
        return new VersionRange(min, max, includeMin, true);
      }
      return VersionUnion.of(List.of(this, v));
    }
    if (other instanceof RangeConstraint r) {
      boolean edgesTouch = (sameBound(max, r.min()) && (includeMax || r.includeMin()))
          || (sameBound(min, r.max()) && (includeMin || r.includeMax()));
      if (!edgesTouch && !allowsAny(r)) {
        return VersionUnion.of(List.of(this, r));
      }
      PoetryVersion uMin = allowsLower(r) ? min : r.min();
      boolean uIncMin = allowsLower(r) ? includeMin : r.includeMin();
      PoetryVersion uMax = allowsHigher(r) ? max : r.max();
      boolean uIncMax = allowsHigher(r) ? includeMax : r.includeMax();
      return new VersionRange(uMin, uMax, uIncMin, uIncMax);
    }
    return VersionUnion.of(List.of(this, other));
  }

  @Override
  public VersionConstraint difference(VersionConstraint other) {
    if (other.isEmpty()) {
      return this;
    }
    if (other instanceof PoetryVersion v) {
      if (!allows(v)) {
        return this;
      }
      if (v.equals(min)) {
        return includeMin ? new VersionRange(min, max, false, includeMax) : this;
      }
      if (v.equals(max)) {
        return includeMax ? new VersionRange(min, max, includeMin, false) : this;
      }
      return VersionUnion.of(List.of(
          new VersionRange(min, v, includeMin, false), new VersionRange(v, max, false, includeMax)));
    }
    if (other instanceof VersionRange r) {
      if (!allowsAny(r)) {
        return this;
      }
      VersionConstraint before;
      if (!allowsLower(r)) {
        before = null;
      } else if (sameBound(min, r.min())) {
        before = min;
      } else {
        before = new VersionRange(min, r.min(), includeMin, !r.includeMin());
      }
      VersionConstraint after;
      if (!allowsHigher(r)) {
        after = null;
      } else if (sameBound(max, r.max())) {
        after = max;
      } else {
        after = new VersionRange(r.max(), max, !r.includeMax(), includeMax);
      }
      if (before == null && after == null) {
        return EmptyConstraint.INSTANCE;
      }
      if (before == null) {
        return after;
      }
      if (after == null) {
        return before;
      }
      return VersionUnion.of(List.of(before, after));
    }
    VersionUnion u = (VersionUnion) other;
    List<VersionConstraint> ranges = new ArrayList<>();
    RangeConstraint current = this;
    for (RangeConstraint range : u.ranges()) {
      if (range.isStrictlyLower(current)) {
        continue;
      }
      if (range.isStrictlyHigher(current)) {
        break;
      }
      VersionConstraint d = current.difference(range);
      if (d.isEmpty()) {
        return EmptyConstraint.INSTANCE;
      } else if (d instanceof VersionUnion du) {
        ranges.add(du.ranges().get(0));
        current = du.ranges().get(du.ranges().size() - 1);
      } else {
        current = (RangeConstraint) d;
      }
    }
    if (ranges.isEmpty()) {
      return current;
    }
    ranges.add(current);
    return VersionUnion.of(ranges);
  }

  @Override
  public List<RangeConstraint> flatten() {
    return List.of(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeConstraint r && !(o instanceof PoetryVersion)
        && sameBound(min, r.min()) && sameBound(max, r.max())
        && includeMin == r.includeMin() && includeMax == r.includeMax();
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(min, max, includeMin, includeMax);
  }

  /** {@code >=1.2,<2.0}, {@code <3}, or {@code *} for any version. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (min != null) {
      text.append(includeMin ? ">=" : ">").append(min.text());
    }
    if (max != null) {
      if (min != null) {
        text.append(',');
      }
      text.append(includeMax ? "<=" : "<").append(max.text());
    }
    return min == null && max == null ? "*" : text.toString();
  }
}
