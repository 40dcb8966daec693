package dev.pypidb.extract.archive;

import dev.pypidb.extract.SourceTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads an sdist ({@code .tar.gz}, {@code .tgz}, {@code .tar.bz2}, {@code .tar.xz}, {@code .tar},
 * {@code .zip}) into {@link SdistContents}, a {@link SourceTree} of its project directory,
 * without writing anything anywhere and without running anything.
 *
 * <p>A tar is streamed once; a zip is read through its central directory, and only the kept
 * members are inflated. The content must be the format the extension names
 * ({@link ArchiveException.Kind#WRONG_FORMAT} otherwise). Time and memory are bounded by
 * {@code limits} (see {@link ArchiveLimits}), whatever the input.
 *
 * <p>Whole-archive failures ({@link ArchiveException}): wrong format, corrupt or truncated data
 * (gzip, bzip2, xz, tar or zip errors, a zip member whose size or CRC does not match its
 * directory entry), unsafe member paths (absolute, Windows drive, {@code ..} above the root,
 * NUL), overlapping zip members, sparse tar members, and every bound of {@link ArchiveLimits}
 * except the per-member and kept-bytes ones (too many members, too many name bytes, too much
 * input or output, an expansion ratio over the bound, tar headers over the bound, an xz
 * dictionary over the bound). Per-member and archive-level notes: see {@link SdistContents}.
 *
 * <p>An {@code IOException} means the file itself could not be read (the channel or stream
 * failed), never that its content is bad.
 */
public final class SdistArchive {
  private SdistArchive() {}

  /**
   * Reads the sdist in {@code channel} (from position 0; the channel is left open).
   *
   * @param filename the file's name, whose extension says the format
   * @throws IllegalArgumentException when {@code filename} does not name an sdist
   */
  public static SdistContents read(String filename, SeekableByteChannel channel, ArchiveLimits limits)
      throws ArchiveException, IOException {
    ArchiveKind kind = sdistKind(filename);
    Meter meter = new Meter(limits);
    SeekableByteChannel metered = Streams.source(channel, meter);
    return Failures.guard("the " + kind.extension(), () -> {
      Decoders.expect(kind, Decoders.detect(metered));
      if (kind.isZip()) {
        return readZip(kind, filename, metered, meter);
      }
      metered.position(0);
      return readTar(kind, filename, Streams.source(Channels.newInputStream(channel), meter), meter);
    });
  }

  /**
   * Reads the sdist in {@code in} (to the tar's end marker; not closed). A zip sdist is held in
   * memory to reach its central directory, up to {@link ArchiveLimits#maxBufferedZipBytes}:
   * prefer the channel form for zips.
   *
   * @throws IllegalArgumentException when {@code filename} does not name an sdist
   */
  public static SdistContents read(String filename, InputStream in, ArchiveLimits limits)
      throws ArchiveException, IOException {
    ArchiveKind kind = sdistKind(filename);
    Meter meter = new Meter(limits);
    BufferedInputStream source = new BufferedInputStream(Streams.source(in, meter), Decoders.BUFFER);
    return Failures.guard("the " + kind.extension(), () -> readStream(kind, filename, source, meter));
  }

  private static SdistContents readStream(ArchiveKind kind, String filename, BufferedInputStream source, Meter meter)
      throws ArchiveException, IOException {
    ArchiveLimits limits = meter.limits();
    Decoders.expect(kind, Decoders.detect(source));
    if (kind.isZip()) {
      byte[] zip = Streams.readUpTo(source, limits.maxBufferedZipBytes(), -1);
      if (zip.length > limits.maxBufferedZipBytes()) {
        throw new ArchiveException(ArchiveException.Kind.LIMIT, "a zip sdist read from a stream is held in memory, and this one is over "
            + ArchiveLimits.size(limits.maxBufferedZipBytes()) + " (the limit on buffered zips)");
      }
      return readZip(kind, filename, new SeekableInMemoryByteChannel(zip), meter);
    }
    return readTar(kind, filename, source, meter);
  }

  private static ArchiveKind sdistKind(String filename) {
    ArchiveKind kind = ArchiveKind.of(filename).orElseThrow(
        () -> new IllegalArgumentException(filename + " does not name an sdist archive"));
    if (!kind.isSdist()) {
      throw new IllegalArgumentException(filename + " is not an sdist (" + kind + ")");
    }
    return kind;
  }

  private static SdistContents readTar(ArchiveKind kind, String filename, InputStream source, Meter meter)
      throws ArchiveException, IOException {
    TreeBuilder tree = new TreeBuilder(meter.limits(), KeepRule.SDIST);
    TarReader.read(Decoders.tarStream(kind.format(), source, meter, "the " + kind.extension()), meter, tree);
    return tree.build(kind, kind.stem(filename), meter);
  }

  /** Reads a zip sdist or an egg; failures are left to the caller's {@link Failures#guard}. */
  static SdistContents readZip(ArchiveKind kind, String filename, SeekableByteChannel channel, Meter meter)
      throws ArchiveException, IOException {
    String what = "the " + kind.extension();
    TreeBuilder tree = new TreeBuilder(meter.limits(), kind == ArchiveKind.EGG ? KeepRule.EGG : KeepRule.SDIST);
    try (ZipReader zip = ZipReader.open(channel, meter, what)) {
      zip.readInto(tree, kind == ArchiveKind.EGG, kind.stem(filename));
    }
    return tree.build(kind, kind.stem(filename), meter);
  }
}
