package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageInputFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The row groups of a shard file written by {@link ProjectRowGroupWriter}: which projects each
 * holds, its rows on demand, and its bytes for copying into a new file.
 */
public final class ProjectRowGroups implements Closeable {
  /** A row group and the first and last project in it. */
  public record Group(int index, String first, String last, BlockMetaData block) {}

  private final String file;
  private final ParquetFileReader reader;
  private final List<Group> groups = new ArrayList<>();
  private final int groupProjects;
  private SeekableInputStream stream;
  private MessageColumnIO io;
  private RecordMaterializer<GenericRecord> materializer;

  private ProjectRowGroups(String file) throws IOException {
    this.file = file;
    this.reader = ParquetFileReader.open(new StorageInputFile(file));
    Map<String, String> meta = reader.getFooter().getFileMetaData().getKeyValueMetaData();
    String listed = meta.get(ProjectRowGroupWriter.GROUPS_KEY);
    String per = meta.get(ProjectRowGroupWriter.GROUP_PROJECTS_KEY);
    List<BlockMetaData> blocks = reader.getRowGroups();
    if (listed == null && per == null && blocks.isEmpty()) {
      // An empty shard (written when finalizing, for a shard no project fell into): no groups,
      // and no boundary rule of its own.
      this.groupProjects = 0;
      return;
    }
    if (listed == null || per == null) {
      reader.close();
      throw new IOException(Storage.display(file) + " does not list its row groups' projects (written by an older"
          + " pypidb): run normalize again to update from it");
    }
    String[] lines = listed.isEmpty() ? new String[0] : listed.split("\n");
    if (lines.length != blocks.size()) {
      reader.close();
      throw new IOException(Storage.display(file) + " lists " + lines.length + " row groups in its footer but has " + blocks.size());
    }
    for (int i = 0; i < lines.length; i++) {
      int tab = lines[i].indexOf('\t');
      groups.add(new Group(i, lines[i].substring(0, tab), lines[i].substring(tab + 1), blocks.get(i)));
    }
    this.groupProjects = Integer.parseInt(per);
  }

  /** The row groups of {@code file} (any store). */
  public static ProjectRowGroups open(String file) throws IOException {
    return new ProjectRowGroups(file);
  }

  public List<Group> groups() {
    return groups;
  }

  /** The boundary rule's average projects per group; 0 for an empty shard, which has none. */
  public int groupProjects() {
    return groupProjects;
  }

  /** Every row of one group, in file order. */
  public List<GenericRecord> rows(Group g) throws IOException {
    if (io == null) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Map<String, String> meta = reader.getFooter().getFileMetaData().getKeyValueMetaData();
      Configuration conf = new Configuration(false);
      AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
      ReadSupport.ReadContext context = support.init(new InitContext(conf, toSets(meta), schema));
      materializer = support.prepareForRead(conf, meta, schema, context);
      io = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), schema);
    }
    PageReadStore pages = reader.readRowGroup(g.index());
    RecordReader<GenericRecord> records = io.getRecordReader(pages, materializer);
    List<GenericRecord> out = new ArrayList<>((int) pages.getRowCount());
    for (long i = 0; i < pages.getRowCount(); i++) {
      out.add(records.read());
    }
    return out;
  }

  private static Map<String, java.util.Set<String>> toSets(Map<String, String> meta) {
    Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
    meta.forEach((k, v) -> out.put(k, java.util.Set.of(v)));
    return out;
  }

  /** A stream over the file, for copying groups' bytes. */
  SeekableInputStream stream() throws IOException {
    if (stream == null) {
      stream = new StorageInputFile(file).newStream();
    }
    return stream;
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      if (stream != null) {
        stream.close();
      }
    }
  }
}
