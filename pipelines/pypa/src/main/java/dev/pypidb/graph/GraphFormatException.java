package dev.pypidb.graph;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A graph file this reader cannot use: wrong magic or version, truncated, or corrupt. */
public class GraphFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public GraphFormatException(String message) {
    super(message);
  }

  /** The unchecked form thrown by lookups, which declare no checked exceptions. */
  public static final class Unchecked extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public Unchecked(GraphFormatException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized GraphFormatException getCause() {
      return (GraphFormatException) super.getCause();
    }
  }
}
