package dev.pypidb.graph;

import dev.pypidb.pypa.resolver.ProjectData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Writes one graph file (docs/graph-format.md): the header, each project's blob in the order
 * given, then the entry table sorted by name and the trailer. The same projects in the same
 * order give the same bytes.
 */
public final class GraphFileWriter implements AutoCloseable {
  private final String name;
  private final OutputStream out;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private long offset;
  private boolean closed;

  private record Entry(byte[] name, long offset, int length, int crc) {}

  /**
   * Writes the file at {@code path} (its directories made when missing).
   *
   * @param builder what built the projects (a version of the rules that turn table rows into
   *     {@link ProjectData}); readers use a file only when it is the one they expect
   */
  public GraphFileWriter(Path path, String builder) throws IOException {
    this(open(path), path.toString(), builder);
  }

  /**
   * Writes the file to {@code out} (which this writer closes), for files kept elsewhere than in
   * a local path; {@code name} names it in error messages.
   */
  public GraphFileWriter(OutputStream out, String name, String builder) throws IOException {
    this.name = name;
    this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
    byte[] b = builder.getBytes(StandardCharsets.UTF_8);
    if (b.length > GraphFile.MAX_BUILDER) {
      out.close();
      throw new IllegalArgumentException("builder name longer than " + GraphFile.MAX_BUILDER + " bytes");
    }
    ByteBuffer h = ByteBuffer.allocate(GraphFile.MAGIC.length + 8 + b.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    h.put(GraphFile.MAGIC).putInt(GraphFile.VERSION).putInt(b.length).put(b);
    write(h.array());
  }

  private static OutputStream open(Path path) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    return Files.newOutputStream(path);
  }

  /** Adds a project (each name once). */
  public void add(ProjectData project) throws IOException {
    addBlob(project.name(), GraphCodec.encode(project));
  }

  /** Adds a project's blob as another graph file holds it ({@link GraphFile#blob}). */
  public void addBlob(String name, byte[] blob) throws IOException {
    if (!names.add(name)) {
      throw new IllegalArgumentException("project " + name + " added twice to " + name);
    }
    CRC32 crc = new CRC32();
    crc.update(blob);
    entries.add(new Entry(name.getBytes(StandardCharsets.UTF_8), offset, blob.length,
        (int) crc.getValue()));
    write(blob);
  }

  /** Projects added so far. */
  public int size() {
    return entries.size();
  }

  private void write(byte[] b) throws IOException {
    out.write(b);
    offset += b.length;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      entries.sort((a, b) -> GraphFile.compare(a.name(), b.name()));
      long entriesOffset = offset;
      ByteBuffer table = ByteBuffer.allocate(entries.size() * GraphFile.ENTRY_SIZE)
          .order(ByteOrder.LITTLE_ENDIAN);
      long nameOffset = 0;
      for (Entry e : entries) {
        table.putLong(e.offset()).putInt(e.length()).putInt(e.crc())
            .putInt((int) nameOffset).putInt(e.name().length);
        nameOffset += e.name().length;
      }
      if (nameOffset > Integer.MAX_VALUE) {
        throw new IOException("project names of " + name + " exceed 2 GiB");
      }
      CRC32 crc = new CRC32();
      crc.update(table.array());
      write(table.array());
      long namesOffset = offset;
      for (Entry e : entries) {
        crc.update(e.name());
        write(e.name());
      }
      ByteBuffer t = ByteBuffer.allocate(GraphFile.TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      t.putLong(entriesOffset).putInt(entries.size()).putLong(namesOffset).putLong(nameOffset)
          .putInt((int) crc.getValue()).put(GraphFile.END_MAGIC);
      write(t.array());
    }
  }
}
