package dev.pypidb.extract.sources.poetry;

/**
 * A constraint with a lower and an upper bound (either may be absent): a {@link VersionRange}
 * or a single {@link PoetryVersion}. {@link #fullMax} is the upper bound as comparisons use it
 * (poetry excludes the pre-releases of an exclusive stable maximum: {@code <2.0} stops before
 * {@code 2.0a0}).
 */
public sealed interface RangeConstraint extends VersionConstraint permits PoetryVersion, VersionRange {

  PoetryVersion min();

  PoetryVersion max();

  PoetryVersion fullMax();

  boolean includeMin();

  boolean includeMax();

  VersionConstraint union(VersionConstraint other);

  VersionConstraint difference(VersionConstraint other);

  default boolean allowsLower(RangeConstraint other) {
    if (min() == null) {
      return other.min() != null;
    }
    if (other.min() == null) {
      return false;
    }
    int c = min().compareVersion(other.min());
    if (c != 0) {
      return c < 0;
    }
    return includeMin() && !other.includeMin();
  }

  default boolean allowsHigher(RangeConstraint other) {
    if (fullMax() == null) {
      return other.max() != null;
    }
    if (other.fullMax() == null) {
      return false;
    }
    int c = fullMax().compareVersion(other.fullMax());
    if (c != 0) {
      return c > 0;
    }
    return includeMax() && !other.includeMax();
  }

  default boolean isStrictlyLower(RangeConstraint other) {
    if (fullMax() == null || other.min() == null) {
      return false;
    }
    int c = fullMax().compareVersion(other.min());
    if (c != 0) {
      return c < 0;
    }
    return !includeMax() || !other.includeMin();
  }

  default boolean isStrictlyHigher(RangeConstraint other) {
    return other.isStrictlyLower(this);
  }

  default boolean isAdjacentTo(RangeConstraint other) {
    if (!VersionRange.sameBound(max(), other.min())) {
      return false;
    }
    return (includeMax() && !other.includeMin()) || (!includeMax() && other.includeMin());
  }

  /** poetry's {@code VersionRange._cmp}: by lower bound, then upper bound. */
  default int compareRange(RangeConstraint other) {
    if (min() == null) {
      if (other.min() == null) {
        return compareMax(other);
      }
      return -1;
    } else if (other.min() == null) {
      return 1;
    }
    int c = min().compareVersion(other.min());
    if (c != 0) {
      return c;
    }
    if (includeMin() != other.includeMin()) {
      return includeMin() ? -1 : 1;
    }
    return compareMax(other);
  }

  private int compareMax(RangeConstraint other) {
    if (max() == null) {
      return other.max() == null ? 0 : 1;
    } else if (other.max() == null) {
      return -1;
    }
    int c = max().compareVersion(other.max());
    if (c != 0) {
      return c;
    }
    if (includeMax() != other.includeMax()) {
      return includeMax() ? 1 : -1;
    }
    return 0;
  }
}
