package dev.pypidb.extract.archive;

import java.io.Serializable;

/**
 * The bounds one archive is read within; every bound hit is named in the reason of the
 * {@link ArchiveException} ({@link ArchiveException.Kind#LIMIT}) or of the member note it causes.
 *
 * <p>Time per archive is bounded by {@link #maxArchiveBytes} read from the file plus
 * {@link #maxUncompressedBytes} produced by decompression (decompression stops as soon as either
 * is passed, or as soon as the output outgrows the input {@link #maxCompressionRatio} times once
 * {@link #ratioCheckAfterBytes} were produced), plus bookkeeping linear in
 * {@link #maxMembers}. Memory per archive is bounded by {@link #maxKeptBytes} (kept members) +
 * {@link #maxMemberBytes} (the member being read) + {@link #maxHeaderBytes} (one tar member's
 * long name or PAX records) + the member listing (at most {@link #maxMembers} entries whose names
 * total at most {@link #maxListingBytes}) + the decoder's state (an xz dictionary is at most
 * {@link #maxDecoderMemoryBytes}; bzip2 needs about 4 MiB, gzip 64 KiB) + for a zip sdist given
 * as a stream, {@link #maxBufferedZipBytes}. With {@link #DEFAULT} that is about 150 MiB in the
 * worst case, and well under 1 MiB for a typical sdist.
 *
 * @param maxArchiveBytes bytes read from the archive file (compressed input, zip directory)
 * @param maxUncompressedBytes bytes produced by decompression, whether kept or skipped
 * @param maxCompressionRatio output bytes per input byte, over the archive read so far
 * @param ratioCheckAfterBytes output produced before the ratio is checked (short archives of
 *     tiny files compress very well and are not bombs)
 * @param maxMembers entries in the archive (files, directories, links...)
 * @param maxListingBytes the member names added up (and, for a zip, its directory's extra fields
 *     and comments)
 * @param maxHeaderBytes the bytes a tar reader may consume between two members: GNU long names
 *     and links, PAX records, sparse maps
 * @param maxMemberBytes the largest member whose content is kept (a larger PKG-INFO or METADATA
 *     keeps its header block when that fits)
 * @param maxKeptBytes the kept members' contents added up
 * @param maxKeptModuleBytes the kept {@code *.py} files below the project directory's root added
 *     up (so that modules never crowd out the files that declare dependencies)
 * @param maxDecoderMemoryBytes the memory an xz decoder may use (its dictionary)
 * @param maxBufferedZipBytes the largest zip sdist read from an {@code InputStream}, which must
 *     be held in memory to reach its central directory
 */
public record ArchiveLimits(
    long maxArchiveBytes,
    long maxUncompressedBytes,
    int maxCompressionRatio,
    long ratioCheckAfterBytes,
    int maxMembers,
    long maxListingBytes,
    int maxHeaderBytes,
    int maxMemberBytes,
    long maxKeptBytes,
    long maxKeptModuleBytes,
    long maxDecoderMemoryBytes,
    int maxBufferedZipBytes) implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final long GIB = 1024 * MIB;

  /**
   * 2 GiB read, 2 GiB decompressed, ratio 100 checked after 64 MiB, 100,000 members, 16 MiB of
   * names, 1 MiB of tar metadata per member, 1 MiB per kept member, 16 MiB kept (8 MiB of it for
   * modules), 72 MiB for an xz decoder (xz -9 needs 65 MiB), 64 MiB for a streamed zip.
   */
  public static final ArchiveLimits DEFAULT = new ArchiveLimits(
      2 * GIB, 2 * GIB, 100, 64 * MIB, 100_000, 16 * MIB, (int) MIB, (int) MIB, 16 * MIB,
      8 * MIB, 72 * MIB, (int) (64 * MIB));

  public ArchiveLimits {
    positive("maxArchiveBytes", maxArchiveBytes);
    positive("maxUncompressedBytes", maxUncompressedBytes);
    positive("maxCompressionRatio", maxCompressionRatio);
    positive("ratioCheckAfterBytes", ratioCheckAfterBytes);
    positive("maxMembers", maxMembers);
    positive("maxListingBytes", maxListingBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxMemberBytes", maxMemberBytes);
    positive("maxKeptBytes", maxKeptBytes);
    positive("maxKeptModuleBytes", maxKeptModuleBytes);
    positive("maxDecoderMemoryBytes", maxDecoderMemoryBytes);
    positive("maxBufferedZipBytes", maxBufferedZipBytes);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  /** A byte count for reasons: {@code 1 MiB}, {@code 1.5 GiB}, {@code 300 bytes}. */
  static String size(long bytes) {
    if (bytes < KIB) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
  }

  public ArchiveLimits withMaxArchiveBytes(long v) {
    return new ArchiveLimits(v, maxUncompressedBytes, maxCompressionRatio, ratioCheckAfterBytes,
        maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxUncompressedBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, v, maxCompressionRatio, ratioCheckAfterBytes,
        maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxCompressionRatio(int v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, v, ratioCheckAfterBytes,
        maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withRatioCheckAfterBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio, v,
        maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxMembers(int v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, v, maxListingBytes, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxListingBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, v, maxHeaderBytes, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxHeaderBytes(int v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, v, maxMemberBytes, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxMemberBytes(int v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, maxHeaderBytes, v, maxKeptBytes,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxKeptBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes, v,
        maxKeptModuleBytes, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxKeptModuleBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes,
        maxKeptBytes, v, maxDecoderMemoryBytes, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxDecoderMemoryBytes(long v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes,
        maxKeptBytes, maxKeptModuleBytes, v, maxBufferedZipBytes);
  }

  public ArchiveLimits withMaxBufferedZipBytes(int v) {
    return new ArchiveLimits(maxArchiveBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxMembers, maxListingBytes, maxHeaderBytes, maxMemberBytes,
        maxKeptBytes, maxKeptModuleBytes, maxDecoderMemoryBytes, v);
  }
}
