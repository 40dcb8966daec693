package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.storage.StorageOutputFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one shard file of a project-keyed table with row groups that end at content-defined
 * project boundaries: a group closes after a project whose name hashes to a boundary (one
 * project in {@code groupProjects}, on average). Where groups end depends only on project
 * names, so an update that rewrites the groups holding changed projects and copies the others'
 * bytes ({@link ProjectRowGroups}) writes the same groups as a full run. The footer lists each
 * group's first and last project.
 *
 * <p>A new group is encoded in memory and written to the file as one row group, whatever its
 * size, as {@link ParquetWriter} would with the same properties ({@link ParquetFiles#properties});
 * a copied group keeps its bytes. (A new group has page indexes, a copied one none.)
 */
public final class ProjectRowGroupWriter implements Closeable {
  /** Footer key: one line per row group, {@code first<TAB>last} project. */
  public static final String GROUPS_KEY = "pypidb.row_groups";
  /** Footer key: the boundary rule's average projects per group. */
  public static final String GROUP_PROJECTS_KEY = "pypidb.group_projects";
  public static final int DEFAULT_GROUP_PROJECTS = 16;

  private final int groupProjects;
  private final ParquetFileWriter out;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final RowWriteSupport rows;
  private final MessageColumnIO columnIo;
  private final Map<String, String> metadata;
  private final StringBuilder groups = new StringBuilder();
  /** The group being written: its pages and columns, null at a boundary. */
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private RecordConsumer consumer;
  private long groupRows;
  private String first;
  private String last;
  private long rowCount;
  private int groupCount;
  private boolean closed;

  /** Writes {@code file} (any store). */
  public ProjectRowGroupWriter(String file, Table table, int groupProjects) throws IOException {
    if (groupProjects < 1) {
      throw new IllegalArgumentException("groupProjects must be at least 1, got " + groupProjects);
    }
    this.groupProjects = groupProjects;
    this.rows = new RowWriteSupport(table.schema());
    WriteSupport.WriteContext context = rows.init(new Configuration(false));
    this.schema = context.getSchema();
    this.metadata = context.getExtraMetaData();
    this.properties = ParquetFiles.properties(table.schema());
    this.codecs = new CodecFactory(new Configuration(false), properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(ParquetFiles.CODEC);
    this.columnIo = new ColumnIOFactory(false).getColumnIO(schema);
    this.out = new ParquetFileWriter(new StorageOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
        ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
    out.start();
  }

  /** Whether a group ends after {@code project}: a hash independent of the shard's. */
  public static boolean endsGroup(String project, int groupProjects) {
    int h = project.hashCode() ^ 0x5bd1e995;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Integer.remainderUnsigned(h, groupProjects) == 0;
  }

  public int groupProjects() {
    return groupProjects;
  }

  /** Appends one project's rows (projects in name order); a project without rows is skipped. */
  public void writeProject(String project, List<GenericRecord> projectRows) throws IOException {
    if (projectRows.isEmpty()) {
      return;
    }
    if (pages == null) {
      pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
          properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
      columns = properties.newColumnWriteStore(schema, pages, pages);
      consumer = columnIo.getRecordWriter(columns);
      rows.prepareForWrite(consumer);
      groupRows = 0;
      first = project;
    }
    for (GenericRecord r : projectRows) {
      rows.write(r);
    }
    groupRows += projectRows.size();
    rowCount += projectRows.size();
    last = project;
    if (endsGroup(project, groupProjects)) {
      closeGroup();
    }
  }

  /** Whether the rows written so far end at a group boundary (nothing is pending). */
  public boolean atBoundary() {
    return pages == null;
  }

  /** Copies an existing group's bytes; only at a boundary, where a full run would start one too. */
  void copyGroup(ProjectRowGroups from, ProjectRowGroups.Group group) throws IOException {
    if (pages != null) {
      throw new IllegalStateException("cannot copy row group " + group.first() + ".." + group.last()
          + " after " + last + ", which does not end a group");
    }
    out.appendRowGroup(from.stream(), group.block(), false);
    recordGroup(group.first(), group.last());
    rowCount += group.block().getRowCount();
  }

  /** Writes the group being built as one row group (what ParquetWriter does when it flushes one). */
  private void closeGroup() throws IOException {
    consumer.flush();
    out.startBlock(groupRows);
    columns.flush();
    pages.flushToFileWriter(out);
    out.endBlock();
    columns.close();
    pages = null;
    columns = null;
    consumer = null;
    recordGroup(first, last);
  }

  private void recordGroup(String from, String to) {
    groups.append(from).append('\t').append(to).append('\n');
    groupCount++;
  }

  public long rows() {
    return rowCount;
  }

  public int groups() {
    return groupCount;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (pages != null) {
        closeGroup();
      }
      Map<String, String> meta = new HashMap<>(metadata);
      meta.put(GROUPS_KEY, groups.toString());
      meta.put(GROUP_PROJECTS_KEY, Integer.toString(groupProjects));
      out.end(meta);
    } finally {
      codecs.release();
    }
  }
}
