package dev.pypidb.pypa.tags;

/** A target string that does not name a host pypidb can describe. */
public final class InvalidTargetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTargetException(String message) {
    super(message);
  }
}
