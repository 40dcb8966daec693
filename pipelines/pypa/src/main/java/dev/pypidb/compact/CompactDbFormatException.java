package dev.pypidb.compact;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The file is not a compact database this reader understands: wrong magic, version, truncated or corrupt. */
public class CompactDbFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public CompactDbFormatException(String message) {
    super(message);
  }

  public CompactDbFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The unchecked form thrown by lookups, which declare no checked exceptions. */
  public static final class Unchecked extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public Unchecked(CompactDbFormatException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized CompactDbFormatException getCause() {
      return (CompactDbFormatException) super.getCause();
    }
  }
}
