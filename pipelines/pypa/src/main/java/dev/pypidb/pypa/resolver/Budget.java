package dev.pypidb.pypa.resolver;

import java.time.Duration;

/**
 * Limits of one resolution: at most {@code maxSteps} steps (decisions plus derivations) and
 * {@code maxWallMillis} milliseconds of wall time. Exhausting either ends the resolution with
 * {@link FailureCategory#BUDGET_EXHAUSTED}.
 */
public record Budget(long maxSteps, long maxWallMillis) {

  /** 100,000 steps, 10 seconds. */
  public static final Budget DEFAULT = new Budget(100_000, 10_000);

  public Budget {
    if (maxSteps <= 0 || maxWallMillis <= 0) {
      throw new IllegalArgumentException("budget limits must be positive");
    }
  }

  public static Budget of(long maxSteps, Duration maxWall) {
    return new Budget(maxSteps, Math.max(1, maxWall.toMillis()));
  }
}
