package dev.pypidb.pipelines.tables;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A local file as Parquet's {@link InputFile}, without Hadoop's file systems. */
public final class LocalInputFile implements InputFile {
  private final Path path;

  public LocalInputFile(Path path) {
    this.path = path;
  }

  @Override
  public long getLength() throws IOException {
    return java.nio.file.Files.size(path);
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    return new SeekableInputStream() {
      @Override
      public int read() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n = channel.read(one);
        return n <= 0 ? -1 : one.get(0) & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return channel.read(ByteBuffer.wrap(b, off, len));
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
        readFully(bytes, 0, bytes.length);
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
            throw new java.io.EOFException("unexpected end of " + path);
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
    return path.toString();
  }
}
