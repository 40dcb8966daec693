package dev.pypidb.pipelines.tables;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Walks shard k of several normalize tables together, one project at a time. Normalize writes
 * every project-keyed table with the same shards, each holding complete projects in name order,
 * so a merge walk sees all of a project's rows at once without any shuffle.
 */
public final class ShardReader implements Closeable {
  private final Map<Table, Cursor> cursors = new EnumMap<>(Table.class);
  private String project;
  private final Map<Table, List<GenericRecord>> current = new EnumMap<>(Table.class);

  /** Opens shard {@code shard} of {@code shards} of each table of the normalize output {@code root}. */
  public ShardReader(String root, List<Table> tables, int shard, int shards) throws IOException {
    TableFiles files = TableFiles.of(root);
    for (Table t : tables) {
      cursors.put(t, new Cursor(ParquetFiles.reader(files.shard(t, shard, shards))));
    }
  }

  /** The number of shards of a normalize output (the part files of its releases table). */
  public static int shardCount(String root) throws IOException {
    return TableFiles.of(root).shardCount();
  }

  /** Moves to the next project (in name order); false when every table is exhausted. */
  public boolean next() throws IOException {
    String min = null;
    for (Cursor c : cursors.values()) {
      String name = c.peekName();
      if (name != null && (min == null || name.compareTo(min) < 0)) {
        min = name;
      }
    }
    if (min == null) {
      return false;
    }
    project = min;
    for (Map.Entry<Table, Cursor> e : cursors.entrySet()) {
      current.put(e.getKey(), e.getValue().take(min));
    }
    return true;
  }

  public String project() {
    return project;
  }

  /** The current project's rows of {@code table} (empty when it has none). */
  public List<GenericRecord> rows(Table table) {
    return current.getOrDefault(table, List.of());
  }

  @Override
  public void close() throws IOException {
    for (Cursor c : cursors.values()) {
      c.reader.close();
    }
  }

  private static final class Cursor {
    private final ParquetReader<GenericRecord> reader;
    private GenericRecord head;
    private boolean done;

    Cursor(ParquetReader<GenericRecord> reader) {
      this.reader = reader;
    }

    String peekName() throws IOException {
      if (head == null && !done) {
        head = reader.read();
        done = head == null;
      }
      return head == null ? null : head.get("name").toString();
    }

    List<GenericRecord> take(String name) throws IOException {
      List<GenericRecord> out = new ArrayList<>();
      while (name.equals(peekName())) {
        out.add(head);
        head = null;
      }
      return out;
    }
  }
}
