package dev.pypidb.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file as a {@link RangeSource} (a wheel fetch downloaded whole). */
public final class LocalRangeSource implements RangeSource, AutoCloseable {
  private final FileChannel channel;

  public LocalRangeSource(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public Tail tail(int n) throws IOException {
    long length = channel.size();
    int k = (int) Math.min(n, length);
    return new Tail(read(length - k, k), length);
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (channel.read(b, offset + b.position()) < 0) {
        throw new EOFException("end of file at " + (offset + b.position()) + ", wanted " + length + " bytes from " + offset);
      }
    }
    return b.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
