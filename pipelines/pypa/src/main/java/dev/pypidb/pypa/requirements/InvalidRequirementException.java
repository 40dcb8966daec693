package dev.pypidb.pypa.requirements;

/** A string that is not a PEP 508 dependency specifier; the message says where and why. */
public final class InvalidRequirementException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRequirementException(String message, Throwable cause) {
    super(message, cause);
  }
}
