package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.ArchiveLimits.size;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

/** Turns what the decoders and archive libraries throw into an {@link ArchiveException}. */
final class Failures {
  private Failures() {}

  /**
   * The archive failure {@code e} stands for, {@code what} naming what was being read ("the
   * .tar.gz", "member 'x/PKG-INFO'"). A bound of the {@link Meter} comes back as its own
   * exception; an I/O failure of the archive file itself is re-thrown, still marked as such
   * ({@link Streams.SourceFailure}), for {@link #guard} to unwrap.
   */
  static ArchiveException classify(IOException e, String what) throws IOException {
    ArchiveException passed = passedThrough(e);
    if (passed != null) {
      return passed;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.tukaani.xz.MemoryLimitException m) {
        return new ArchiveException(Kind.LIMIT, what + ": the xz decoder needs "
            + size(m.getMemoryNeeded() * 1024L) + ", over the limit of "
            + size(m.getMemoryLimit() * 1024L), e);
      }
      if (t instanceof org.apache.commons.compress.MemoryLimitException) {
        return new ArchiveException(Kind.LIMIT, what + ": " + t.getMessage(), e);
      }
    }
    String message = describe(e);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof EOFException || m.contains("truncated") || m.contains("unexpected end")
          || m.contains("premature end")) {
        return new ArchiveException(Kind.TRUNCATED, what + " ends early: " + message, e);
      }
    }
    return new ArchiveException(Kind.CORRUPT, what + " is corrupt: " + message, e);
  }

  /** An unexpected exception of a library on hostile input: the archive is corrupt. */
  static ArchiveException classify(RuntimeException e, String what) throws IOException {
    ArchiveException passed = passedThrough(e);
    if (passed != null) {
      return passed;
    }
    return new ArchiveException(Kind.CORRUPT, what + " is corrupt: " + describe(e), e);
  }

  /** A public method's body: what it reads may fail in any of the ways above. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws IOException, ArchiveException;
  }

  /**
   * Runs a public method's body: every failure becomes an {@link ArchiveException}, except an
   * I/O failure of the archive file itself, which is thrown as the file threw it.
   */
  static <T> T guard(String what, Body<T> body) throws ArchiveException, IOException {
    try {
      try {
        return body.run();
      } catch (IOException e) {
        throw classify(e, what);
      } catch (RuntimeException e) {
        throw classify(e, what);
      }
    } catch (Streams.SourceFailure e) {
      throw e.original();
    }
  }

  /** The meter's bound passed, or null; a failure of the file itself is re-thrown as such. */
  private static ArchiveException passedThrough(Throwable e) throws IOException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Meter.Abort a) {
        return a.error();
      }
      if (t instanceof Streams.SourceFailure s) {
        throw s;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
  }
}
