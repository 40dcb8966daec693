package dev.pypidb.pypa.version;

/** A string that is not a PEP 440 version. The message names the string, as packaging does. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }
}
