package dev.pypidb.fetch;

/** A request that failed for good (retries exhausted, or a failure no retry can mend). An {@link java.io.IOException} so that it passes through {@link RangeSource}. */
public final class FetchFailure extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  public FetchFailure(String message) {
    super(message);
  }
}
