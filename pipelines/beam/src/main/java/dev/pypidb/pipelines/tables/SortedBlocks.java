package dev.pypidb.pipelines.tables;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Puts one shard's row blocks in sort-key order without holding them in memory: blocks go to a
 * scratch file as they arrive, only their keys and offsets stay in memory, and reading walks
 * the file in key order. Blocks are large (a project's rows), so the index is small.
 */
final class SortedBlocks implements Closeable, Iterable<RowBlock> {
  private record Entry(String key, long offset, int length) {}

  private final Path scratch;
  private final DataOutputStream out;
  private final List<Entry> index = new ArrayList<>();
  private long size;

  SortedBlocks(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.scratch = Files.createTempFile(dir, ".sort-", ".blocks");
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16));
  }

  void add(RowBlock block) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(block.avro().length + 64);
    RowBlock.Coder.of().encode(block, bytes);
    out.write(bytes.toByteArray());
    index.add(new Entry(block.sortKey(), size, bytes.size()));
    size += bytes.size();
  }

  /** The blocks in ascending key order (ties keep arrival order). */
  @Override
  public Iterator<RowBlock> iterator() {
    try {
      out.flush();
      List<Entry> sorted = new ArrayList<>(index);
      sorted.sort(Comparator.comparing(Entry::key));
      RandomAccessFile in = new RandomAccessFile(scratch.toFile(), "r");
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < sorted.size();
        }

        @Override
        public RowBlock next() {
          Entry e = sorted.get(next++);
          try {
            byte[] b = new byte[e.length];
            in.seek(e.offset);
            in.readFully(b);
            if (next == sorted.size()) {
              in.close();
            }
            return RowBlock.Coder.of().decode(new java.io.ByteArrayInputStream(b));
          } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(scratch);
  }
}
