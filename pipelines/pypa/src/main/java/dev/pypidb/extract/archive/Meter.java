package dev.pypidb.extract.archive;

import static dev.pypidb.extract.archive.ArchiveLimits.size;

import java.io.IOException;

/**
 * Counts what reading one archive costs and stops it at the first bound passed: bytes read from
 * the file, bytes produced by decompression, their ratio, and the bytes a tar reader consumes
 * between two members. Streams report to it; it throws {@link Abort} (an {@code IOException},
 * so that it crosses library code) carrying the {@link ArchiveException}.
 */
final class Meter {
  /** Carries an {@link ArchiveException} through stream APIs. */
  static final class Abort extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient ArchiveException error;

    Abort(ArchiveException error) {
      super(error.getMessage());
      this.error = error;
    }

    ArchiveException error() {
      return error;
    }
  }

  private final ArchiveLimits limits;
  private long archiveBytes;
  private long uncompressedBytes;
  private long headerStart = -1;

  Meter(ArchiveLimits limits) {
    this.limits = limits;
  }

  ArchiveLimits limits() {
    return limits;
  }

  /** Bytes read from the archive file so far. */
  long archiveBytes() {
    return archiveBytes;
  }

  /** Bytes produced by decompression so far. */
  long uncompressedBytes() {
    return uncompressedBytes;
  }

  void readArchive(long n) throws Abort {
    archiveBytes += n;
    if (archiveBytes > limits.maxArchiveBytes()) {
      throw abort("reading more than " + size(limits.maxArchiveBytes())
          + " of the archive file (the limit on bytes read per archive)");
    }
  }

  void produced(long n) throws Abort {
    uncompressedBytes += n;
    if (uncompressedBytes > limits.maxUncompressedBytes()) {
      throw abort("decompressing more than " + size(limits.maxUncompressedBytes())
          + " (the limit on uncompressed bytes per archive)");
    }
    if (uncompressedBytes > limits.ratioCheckAfterBytes()
        && uncompressedBytes > (double) limits.maxCompressionRatio() * Math.max(1, archiveBytes)) {
      throw abort("the data expands more than " + limits.maxCompressionRatio() + " times ("
          + size(archiveBytes) + " decompress to over " + size(uncompressedBytes)
          + "): a decompression bomb");
    }
    if (headerStart >= 0 && uncompressedBytes - headerStart > limits.maxHeaderBytes()) {
      throw abort("a tar member's headers (long names, PAX records or sparse maps) take more than "
          + size(limits.maxHeaderBytes()));
    }
  }

  /** The tar reader is about to consume headers: bound what it reads until {@link #endHeader}. */
  void beginHeader() {
    headerStart = uncompressedBytes;
  }

  void endHeader() {
    headerStart = -1;
  }

  private static Abort abort(String reason) {
    return new Abort(new ArchiveException(ArchiveException.Kind.LIMIT, reason));
  }
}
