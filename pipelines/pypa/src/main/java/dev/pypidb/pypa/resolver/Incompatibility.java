package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.resolver.ProjectCandidates.Reason;

/**
 * A set of terms that must not all hold. External ones state a fact (a dependency, an unusable
 * range of versions); derived ones were learned by conflict resolution from two causes.
 */
final class Incompatibility {
  enum Kind {
    /** {@code not root}: the root must be selected. */
    NOT_ROOT,
    /** {@code {depender in R, not dependee in S}}. */
    DEPENDENCY,
    /** {@code {package in U}}: those versions have no usable distribution. */
    UNUSABLE,
    /** Learned from {@code cause1} and {@code cause2}. */
    DERIVED
  }

  /** Why a dependency's set of allowed versions is empty. */
  enum Empty {
    NONE,
    NO_PROJECT,
    NO_MATCH,
    ONLY_YANKED
  }

  final int id;
  final Kind kind;
  final int[] nodes;
  final Term[] terms;
  final Incompatibility cause1;
  final Incompatibility cause2;

  // DEPENDENCY
  final int depender;
  final VersionSet dependerSet;
  final int dependee;
  final VersionSet dependeeSet;
  final String specifier;
  final Empty empty;

  // UNUSABLE
  final Reason reason;
  final String detail;

  private Incompatibility(int id, Kind kind, int[] nodes, Term[] terms, Incompatibility cause1,
      Incompatibility cause2, int depender, VersionSet dependerSet, int dependee,
      VersionSet dependeeSet, String specifier, Empty empty, Reason reason, String detail) {
    this.id = id;
    this.kind = kind;
    this.nodes = nodes;
    this.terms = terms;
    this.cause1 = cause1;
    this.cause2 = cause2;
    this.depender = depender;
    this.dependerSet = dependerSet;
    this.dependee = dependee;
    this.dependeeSet = dependeeSet;
    this.specifier = specifier;
    this.empty = empty;
    this.reason = reason;
    this.detail = detail;
  }

  static Incompatibility notRoot(int id, int root) {
    return new Incompatibility(id, Kind.NOT_ROOT, new int[] {root},
        new Term[] {Term.negative(VersionSet.full(1))}, null, null, -1, null, -1, null, null,
        Empty.NONE, null, null);
  }

  /**
   * {@code depender in R} depends on {@code dependee in S}; null when that can never be violated
   * (a package depending on itself at versions it has). An empty S leaves the single term
   * {@code depender in R} (the dependency cannot be met).
   */
  static Incompatibility dependency(int id, int depender, VersionSet r, int dependee,
      VersionSet s, String specifier, Empty empty) {
    int[] nodes;
    Term[] terms;
    if (depender == dependee) {
      VersionSet left = r.minus(s);
      if (left.isEmpty()) {
        return null;
      }
      nodes = new int[] {depender};
      terms = new Term[] {Term.positive(left)};
    } else if (s.isEmpty()) {
      nodes = new int[] {depender};
      terms = new Term[] {Term.positive(r)};
    } else {
      nodes = new int[] {depender, dependee};
      terms = new Term[] {Term.positive(r), Term.negative(s)};
    }
    return new Incompatibility(id, Kind.DEPENDENCY, nodes, terms, null, null, depender, r,
        dependee, s, specifier, empty, null, null);
  }

  static Incompatibility unusable(int id, int node, VersionSet u, Reason reason, String detail) {
    return new Incompatibility(id, Kind.UNUSABLE, new int[] {node},
        new Term[] {Term.positive(u)}, null, null, -1, null, -1, null, null, Empty.NONE, reason,
        detail);
  }

  static Incompatibility derived(int id, int[] nodes, Term[] terms, Incompatibility cause1,
      Incompatibility cause2) {
    return new Incompatibility(id, Kind.DERIVED, nodes, terms, cause1, cause2, -1, null, -1,
        null, null, Empty.NONE, null, null);
  }

  boolean isDerived() {
    return kind == Kind.DERIVED;
  }

  /** The term about {@code node}, or null. */
  Term termFor(int node) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == node) {
        return terms[i];
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("#").append(id).append(' ').append(kind).append(" {");
    for (int i = 0; i < nodes.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(nodes[i]).append(": ").append(terms[i]);
    }
    return out.append('}').toString();
  }
}
