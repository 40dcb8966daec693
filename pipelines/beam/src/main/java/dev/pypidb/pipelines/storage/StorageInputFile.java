package dev.pypidb.pipelines.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A file of any store ({@link Storage}) as Parquet's {@link InputFile}: reads go straight to
 * the store's seekable channel, without Hadoop's file system layer.
 */
public final class StorageInputFile implements InputFile {
  private final String location;
  private long length = -1;

  public StorageInputFile(String location) {
    this.location = location;
  }

  @Override
  public long getLength() throws IOException {
    if (length < 0) {
      length = Storage.sizeIfExists(location);
      if (length < 0) {
        throw new java.io.FileNotFoundException(Storage.display(location) + " does not exist");
      }
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    SeekableByteChannel channel = Storage.openSeekable(location);
    return new SeekableInputStream() {
      private final ByteBuffer one = ByteBuffer.allocate(1);

      @Override
      public int read() throws IOException {
        one.clear();
        int n;
        do {
          n = channel.read(one);
        } while (n == 0);
        return n < 0 ? -1 : one.get(0) & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
      }

      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public void readFully(byte[] bytes) throws IOException {
        readFully(ByteBuffer.wrap(bytes));
      }

      @Override
      public void readFully(byte[] bytes, int start, int len) throws IOException {
        readFully(ByteBuffer.wrap(bytes, start, len));
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return channel.read(buf);
      }

      @Override
      public void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
          if (channel.read(buf) < 0) {
            throw new EOFException("unexpected end of " + Storage.display(location));
          }
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public String toString() {
    return Storage.display(location);
  }
}
