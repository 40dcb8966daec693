package dev.pypidb.extract.sources.poetry;

import java.util.List;

/**
 * A set of versions as poetry-core's {@code VersionConstraint} models it: empty, a single
 * {@link PoetryVersion}, a {@link VersionRange}, or a {@link VersionUnion} of disjoint ranges. The
 * operations (those that parsing and printing use) follow poetry-core 1.x so that the printed
 * forms are those poetry-core writes.
 */
public sealed interface VersionConstraint permits EmptyConstraint, RangeConstraint, VersionUnion {

  boolean isEmpty();

  boolean isAny();

  boolean allows(PoetryVersion version);

  boolean allowsAny(VersionConstraint other);

  VersionConstraint intersect(VersionConstraint other);

  /** The ranges this constraint is made of, lowest first. */
  List<RangeConstraint> flatten();
}
