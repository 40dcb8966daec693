package dev.pypidb.fetch;

/** A page of the index that is not what the Simple Repository API says it should be. */
public final class IndexFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public IndexFormatException(String message) {
    super(message);
  }
}
