package dev.pypidb.fetch;

/** A zip file whose structure cannot be read, or that exceeds a bound (the message says which). */
public final class ZipFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ZipFormatException(String message) {
    super(message);
  }
}
