package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RawRecordCoder;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Regroups one shard's records by project, in project-name order, without holding them in
 * memory: records go to a scratch file as they arrive, only (project, offset) stays in memory,
 * and {@link #forEachProject} reads them back project by project.
 */
final class ProjectGroups implements Closeable {
  private record Entry(String project, long offset, int length) {}

  private final Path scratch;
  private final OutputStream out;
  private final List<Entry> index = new ArrayList<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private long size;

  ProjectGroups(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.scratch = Files.createTempFile(dir, ".group-", ".records");
    this.out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16);
  }

  void add(String project, RawRecord record) throws IOException {
    buffer.reset();
    RawRecordCoder.of().encode(record, buffer);
    buffer.writeTo(out);
    index.add(new Entry(project, size, buffer.size()));
    size += buffer.size();
  }

  /** Calls {@code action} once per project, in name order, with all of its records. */
  void forEachProject(BiConsumer<String, List<RawRecord>> action) throws IOException {
    out.flush();
    List<Entry> sorted = new ArrayList<>(index);
    sorted.sort(Comparator.comparing(Entry::project));
    try (RandomAccessFile in = new RandomAccessFile(scratch.toFile(), "r")) {
      int i = 0;
      while (i < sorted.size()) {
        String project = sorted.get(i).project();
        List<RawRecord> records = new ArrayList<>();
        for (; i < sorted.size() && sorted.get(i).project().equals(project); i++) {
          Entry e = sorted.get(i);
          byte[] b = new byte[e.length()];
          in.seek(e.offset());
          in.readFully(b);
          records.add(RawRecordCoder.of().decode(new ByteArrayInputStream(b)));
        }
        action.accept(project, records);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  int records() {
    return index.size();
  }

  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(scratch);
  }
}
