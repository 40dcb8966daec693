package dev.pypidb.pipelines.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of a store whose channels cannot seek, read at any position from a copy in local
 * scratch space ({@link Scratch#temporary}); closing the channel deletes the copy.
 */
final class LocalCopyChannel implements SeekableByteChannel {
  private final Path dir;
  private final FileChannel copy;

  private LocalCopyChannel(Path dir, FileChannel copy) {
    this.dir = dir;
    this.copy = copy;
  }

  /** Copies what {@code source} reads (and closes it) and opens the copy. */
  static LocalCopyChannel of(ReadableByteChannel source) throws IOException {
    Path dir;
    try {
      dir = Scratch.temporary();
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
    try {
      Path file = dir.resolve("copy");
      try (InputStream in = Channels.newInputStream(source)) {
        Files.copy(in, file);
      }
      return new LocalCopyChannel(dir, FileChannel.open(file, StandardOpenOption.READ));
    } catch (IOException | RuntimeException e) {
      Storage.deleteTree(dir.toString());
      throw e;
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return copy.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    throw new java.nio.channels.NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    return copy.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    copy.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return copy.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    throw new java.nio.channels.NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return copy.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      copy.close();
    } finally {
      Storage.deleteTree(dir.toString());
    }
  }
}
