package dev.pypidb.pypa.markers;

/**
 * A marker that parses but cannot be evaluated: an operator undefined for its operands
 * ({@code os_name ~= "x"}) or a variable the environment lacks.
 */
public final class MarkerEvaluationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MarkerEvaluationException(String message) {
    super(message);
  }
}
