package dev.pypidb.pypa.resolver;

/**
 * Limits of one resolution.
 *
 * <p>The step budget decides: at most {@code maxSteps} steps (decisions plus derivations), after
 * which the resolution ends with {@link FailureCategory#BUDGET_EXHAUSTED}. Steps depend only on
 * the index, the requirements, the target and the policy, so this verdict is the same on every
 * machine and under any load.
 *
 * <p>{@code maxSolverMillis} is a safety net, not a verdict: the solver's own CPU time (the
 * resolving thread's CPU time, without the time spent reading projects from the index, choosing
 * their files for the target and parsing their requirements). When it runs out first, the
 * resolution ends with {@link FailureCategory#TIME_LIMIT}, which says the answer is unknown.
 */
public record Budget(long maxSteps, long maxSolverMillis) {

  /** 100,000 steps; a safety net of 60 seconds of solver CPU time. */
  public static final Budget DEFAULT = new Budget(100_000, 60_000);

  public Budget {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("the step budget must be positive, got " + maxSteps);
    }
    if (maxSolverMillis <= 0) {
      throw new IllegalArgumentException("the solver time limit must be positive, got "
          + maxSolverMillis + " ms");
    }
  }
}
