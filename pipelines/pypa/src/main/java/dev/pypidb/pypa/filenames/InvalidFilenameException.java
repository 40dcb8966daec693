package dev.pypidb.pypa.filenames;

/** A wheel or sdist filename that does not follow its specification. */
public final class InvalidFilenameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidFilenameException(String message) {
    super(message);
  }
}
