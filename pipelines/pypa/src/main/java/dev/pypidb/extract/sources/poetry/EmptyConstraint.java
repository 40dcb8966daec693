package dev.pypidb.extract.sources.poetry;

import java.util.List;

/** The constraint no version satisfies. */
public final class EmptyConstraint implements VersionConstraint {
  static final EmptyConstraint INSTANCE = new EmptyConstraint();

  private EmptyConstraint() {}

  @Override
  public boolean isEmpty() {
    return true;
  }

  @Override
  public boolean isAny() {
    return false;
  }

  @Override
  public boolean allows(PoetryVersion version) {
    return false;
  }

  @Override
  public boolean allowsAny(VersionConstraint other) {
    return false;
  }

  @Override
  public VersionConstraint intersect(VersionConstraint other) {
    return this;
  }

  @Override
  public List<RangeConstraint> flatten() {
    return List.of();
  }

  @Override
  public String toString() {
    return "<empty>";
  }
}
