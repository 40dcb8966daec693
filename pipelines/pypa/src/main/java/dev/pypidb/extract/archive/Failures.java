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
   * exception; an I/O failure of the archive file itself is re-thrown as it was.
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

  private static ArchiveException passedThrough(Throwable e) throws IOException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Meter.Abort a) {
        return a.error();
      }
      if (t instanceof Streams.SourceFailure s) {
        throw s.original();
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
