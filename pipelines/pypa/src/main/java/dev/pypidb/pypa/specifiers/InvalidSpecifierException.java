package dev.pypidb.pypa.specifiers;

/** A string that is not a PEP 440 version specifier (set). */
public final class InvalidSpecifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSpecifierException(String message) {
    super(message);
  }
}
