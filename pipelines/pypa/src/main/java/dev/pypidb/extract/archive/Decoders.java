package dev.pypidb.extract.archive;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The content check and the stream decoders: gzip (java.util.zip, which skips a header's file
 * name without holding it), bzip2 (commons-compress) and xz (commons-compress over tukaani,
 * with the decoder's memory bounded). Concatenated streams are read as one, as Python does.
 */
final class Decoders {
  static final int BUFFER = 65536;

  private Decoders() {}

  /** The first {@link ArchiveFormat#HEAD_BYTES} of the channel (read from position 0). */
  static ArchiveFormat detect(SeekableByteChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(ArchiveFormat.HEAD_BYTES);
    channel.position(0);
    while (head.hasRemaining() && channel.read(head) >= 0) {
      // fill
    }
    channel.position(0);
    return ArchiveFormat.detect(head.array(), head.position());
  }

  /** The format of a mark-supporting stream's first bytes; the stream is reset to its start. */
  static ArchiveFormat detect(BufferedInputStream in) throws IOException {
    in.mark(ArchiveFormat.HEAD_BYTES);
    byte[] head = in.readNBytes(ArchiveFormat.HEAD_BYTES);
    in.reset();
    return ArchiveFormat.detect(head, head.length);
  }

  /** Checks that the content is what {@code kind}'s extension says. */
  static void expect(ArchiveKind kind, ArchiveFormat actual) throws ArchiveException {
    if (actual != kind.format()) {
      throw new ArchiveException(Kind.WRONG_FORMAT, "content is " + actual.description()
          + " but the name says " + kind.extension());
    }
  }

  /**
   * The decoded tar stream of {@code source} (metered by the caller), counted against the
   * meter as it is produced.
   */
  static InputStream tarStream(ArchiveFormat format, InputStream source, Meter meter, String what)
      throws IOException, ArchiveException {
    InputStream buffered = new BufferedInputStream(source, BUFFER);
    InputStream decoded;
    try {
      decoded = switch (format) {
        case GZIP -> new GZIPInputStream(buffered, BUFFER);
        case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
        case XZ -> new XZCompressorInputStream(buffered, true,
            (int) Math.min(Integer.MAX_VALUE, meter.limits().maxDecoderMemoryBytes() / 1024));
        case TAR -> buffered;
        default -> throw new IllegalArgumentException(format + " is not a tar stream format");
      };
    } catch (IOException e) {
      throw Failures.classify(e, what);
    } catch (RuntimeException e) {
      throw Failures.classify(e, what);
    }
    return new BufferedInputStream(Streams.produced(decoded, meter), BUFFER);
  }
}
