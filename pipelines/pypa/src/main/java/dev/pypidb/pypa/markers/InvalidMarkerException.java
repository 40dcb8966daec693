package dev.pypidb.pypa.markers;

/** A marker that does not parse; the message points at the offending position. */
public final class InvalidMarkerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidMarkerException(String message, Throwable cause) {
    super(message, cause);
  }
}
