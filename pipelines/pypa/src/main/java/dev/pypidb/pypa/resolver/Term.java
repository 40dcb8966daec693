package dev.pypidb.pypa.resolver;

/**
 * A PubGrub term about one package: positive ({@code foo in S}: foo is selected, at a version in
 * S) or negative ({@code not foo in S}: foo is not selected, or selected outside S). The package
 * itself is held by whoever holds the term.
 */
final class Term {
  final boolean positive;
  final VersionSet set;

  private Term(boolean positive, VersionSet set) {
    this.positive = positive;
    this.set = set;
  }

  static Term positive(VersionSet set) {
    return new Term(true, set);
  }

  static Term negative(VersionSet set) {
    return new Term(false, set);
  }

  /** Always true: {@code not foo in {}}. */
  boolean isAny() {
    return !positive && set.isEmpty();
  }

  /** Never true: {@code foo in {}}. */
  boolean isEmpty() {
    return positive && set.isEmpty();
  }

  Term negate() {
    return new Term(!positive, set);
  }

  Term intersect(Term o) {
    if (positive && o.positive) {
      return positive(set.and(o.set));
    }
    if (positive) {
      return positive(set.minus(o.set));
    }
    if (o.positive) {
      return positive(o.set.minus(set));
    }
    return negative(set.or(o.set));
  }

  Term union(Term o) {
    return negate().intersect(o.negate()).negate();
  }

  /**
   * Whether a partial solution whose assignments for the package intersect to {@code this}
   * satisfies {@code t} (this ⊆ t).
   */
  boolean satisfies(Term t) {
    if (positive) {
      return t.positive ? set.subsetOf(t.set) : set.disjoint(t.set);
    }
    return !t.positive && t.set.subsetOf(set);
  }

  /** Whether {@code this} and {@code t} cannot both hold (this ∩ t = ∅). */
  boolean contradicts(Term t) {
    if (positive) {
      return t.positive ? set.disjoint(t.set) : set.subsetOf(t.set);
    }
    return t.positive && t.set.subsetOf(set);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Term t && t.positive == positive && t.set.equals(set);
  }

  @Override
  public int hashCode() {
    return set.hashCode() * 2 + (positive ? 1 : 0);
  }

  @Override
  public String toString() {
    return (positive ? "" : "not ") + set;
  }
}
