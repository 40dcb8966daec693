package dev.pypidb.cli;

/** A command line the user must fix: unknown command, bad option, missing input. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
