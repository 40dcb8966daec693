package dev.pypidb.pypa.resolver;

/** Which kinds of distribution the resolver may install. */
public enum Policy {
  /** Only wheels; a version without a compatible wheel is not a candidate. */
  WHEELS_ONLY,
  /** The best compatible wheel, else the sdist (which would be built on the target). */
  WHEELS_AND_SDIST
}
