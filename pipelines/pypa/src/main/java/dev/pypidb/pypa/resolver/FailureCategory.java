package dev.pypidb.pypa.resolver;

/**
 * Why a resolution failed. When several apply, the first matching rule wins: a project missing
 * from the index; a root requirement that matches no version; a genuine conflict (two different
 * dependers constrain one package); a transitive requirement that matches no version; releases
 * excluded by {@code Requires-Python}; releases without a usable distribution.
 */
public enum FailureCategory {
  /** A requirement names a project the index does not know. */
  NO_SUCH_PROJECT,
  /** A requirement's specifier matches no (non-yanked) version. */
  NO_MATCHING_VERSION,
  /** The matching versions have no distribution usable on the target under the policy. */
  NO_DISTRIBUTION_FOR_TARGET,
  /** The matching versions require a Python the target does not have. */
  REQUIRES_PYTHON,
  /** Requirements of different packages contradict each other. */
  CONFLICT,
  /** The step budget ran out: a verdict that depends only on the input (see {@link Budget}). */
  BUDGET_EXHAUSTED,
  /**
   * The solver's CPU-time safety net ran out before the step budget did. Not a verdict: the
   * same resolution may succeed or fail with more time (see {@link Budget}).
   */
  TIME_LIMIT,
  /** A root requirement does not parse (or is a direct URL, which an index cannot serve). */
  INVALID_REQUIREMENT
}
