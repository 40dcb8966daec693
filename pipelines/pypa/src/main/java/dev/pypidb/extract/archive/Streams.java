package dev.pypidb.extract.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/** The metering wrappers between the archive file, the decoders and the archive readers. */
final class Streams {
  private Streams() {}

  /**
   * An I/O failure of the archive file itself (not of its content): re-thrown to the caller as
   * the original {@code IOException}, since reading again may succeed.
   */
  static final class SourceFailure extends IOException {
    private static final long serialVersionUID = 1L;

    SourceFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }

    IOException original() {
      return (IOException) getCause();
    }
  }

  /** The archive file as a stream: counts every byte read, marks the file's own failures. */
  static InputStream source(InputStream in, Meter meter) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b;
        try {
          b = in.read();
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
        if (b >= 0) {
          meter.readArchive(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
          n = in.read(buf, off, len);
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
        if (n > 0) {
          meter.readArchive(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        return skipByReading(this, n);
      }

      @Override
      public int available() throws IOException {
        try {
          return in.available();
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
      }

      @Override
      public boolean markSupported() {
        return false;
      }
    };
  }

  /**
   * The archive file as a channel for the zip reader: counts every byte read, marks the file's
   * own failures, and leaves the caller's channel open when closed.
   */
  static SeekableByteChannel source(SeekableByteChannel channel, Meter meter) {
    return new SeekableByteChannel() {
      private boolean open = true;

      @Override
      public int read(ByteBuffer dst) throws IOException {
        int n;
        try {
          n = channel.read(dst);
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
        if (n > 0) {
          meter.readArchive(n);
        }
        return n;
      }

      @Override
      public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
      }

      @Override
      public long position() throws IOException {
        try {
          return channel.position();
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
      }

      @Override
      public SeekableByteChannel position(long newPosition) throws IOException {
        try {
          channel.position(newPosition);
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
        return this;
      }

      @Override
      public long size() throws IOException {
        try {
          return channel.size();
        } catch (IOException e) {
          throw new SourceFailure(e);
        }
      }

      @Override
      public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
      }

      @Override
      public boolean isOpen() {
        return open && channel.isOpen();
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }

  /** A decoder's output: counts every byte produced against the meter's bounds. */
  static InputStream produced(InputStream decoded, Meter meter) {
    return new FilterInputStream(decoded) {
      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          meter.produced(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
          meter.produced(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        return skipByReading(this, n);
      }

      @Override
      public boolean markSupported() {
        return false;
      }
    };
  }

  /** Skips by reading, so that every skipped byte is decoded and counted like a read one. */
  static long skipByReading(InputStream in, long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  /**
   * At most {@code max + 1} bytes of {@code in}, so that a member longer than {@code max} shows.
   * {@code expected} (the declared size, or -1) sizes the first buffer; a member that is exactly
   * its declared size is read with no copy.
   */
  static byte[] readUpTo(InputStream in, int max, long expected) throws IOException {
    long cap = max + 1L;
    byte[] b = new byte[(int) Math.min(cap, expected >= 0 ? expected : 8192)];
    int n = 0;
    while (true) {
      if (n == b.length) {
        if (n == cap) {
          return b;
        }
        int next = in.read();
        if (next < 0) {
          return b;
        }
        b = Arrays.copyOf(b, (int) Math.min(cap, Math.max(8192, 2L * b.length)));
        b[n++] = (byte) next;
        continue;
      }
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        return n == b.length ? b : Arrays.copyOf(b, n);
      }
      n += r;
    }
  }

  /** Reads {@code in} to its end, discarding; returns the count. */
  static long drain(InputStream in, byte[] buf) throws IOException {
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
    }
    return total;
  }
}
