package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageInputFile;
import dev.pypidb.pipelines.storage.StorageOutputFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;

/**
 * Writes one shard file of a project-keyed table with row groups that end at content-defined
 * project boundaries: a group closes after a project whose name hashes to a boundary (one
 * project in {@code groupProjects}, on average). Where groups end depends only on project
 * names, so an update that rewrites the groups holding changed projects and copies the others'
 * bytes ({@link ProjectRowGroups}) writes the same groups as a full run. The footer lists each
 * group's first and last project.
 *
 * <p>Each group is written as a small Parquet file of its own and appended, so every group of
 * every file, copied or not, is laid out alike (and none has page indexes).
 */
public final class ProjectRowGroupWriter implements Closeable {
  /** Footer key: one line per row group, {@code first<TAB>last} project. */
  public static final String GROUPS_KEY = "pypidb.row_groups";
  /** Footer key: the boundary rule's average projects per group. */
  public static final String GROUP_PROJECTS_KEY = "pypidb.group_projects";
  public static final int DEFAULT_GROUP_PROJECTS = 16;

  private final Table table;
  private final int groupProjects;
  private final Path scratch;
  private final ParquetFileWriter out;
  private final StringBuilder groups = new StringBuilder();
  private ParquetWriter<GenericRecord> segment;
  private String first;
  private String last;
  private long rows;
  private int groupCount;
  private boolean closed;

  /**
   * Writes {@code file} (any store); each row group is first written to a file in the local
   * directory {@code scratchDir}.
   */
  public ProjectRowGroupWriter(String file, Table table, int groupProjects, Path scratchDir) throws IOException {
    if (groupProjects < 1) {
      throw new IllegalArgumentException("groupProjects must be at least 1, got " + groupProjects);
    }
    this.table = table;
    this.groupProjects = groupProjects;
    Files.createDirectories(scratchDir);
    this.scratch = scratchDir.resolve("." + Storage.name(file) + "." + table.dirName().replace('/', '.') + ".group");
    WriteSupport.WriteContext context = new RowWriteSupport(table.schema()).init(new Configuration(false));
    this.out = new ParquetFileWriter(new StorageOutputFile(file), context.getSchema(),
        ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
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
    if (segment == null) {
      segment = ParquetFiles.groupWriter(scratch.toString(), table.schema());
      first = project;
    }
    for (GenericRecord r : projectRows) {
      segment.write(r);
    }
    rows += projectRows.size();
    last = project;
    if (endsGroup(project, groupProjects)) {
      closeGroup();
    }
  }

  /** Whether the rows written so far end at a group boundary (nothing is pending). */
  public boolean atBoundary() {
    return segment == null;
  }

  /** Copies an existing group's bytes; only at a boundary, where a full run would start one too. */
  void copyGroup(ProjectRowGroups from, ProjectRowGroups.Group group) throws IOException {
    if (segment != null) {
      throw new IllegalStateException("cannot copy row group " + group.first() + ".." + group.last()
          + " after " + last + ", which does not end a group");
    }
    out.appendRowGroup(from.stream(), group.block(), false);
    recordGroup(group.first(), group.last());
    rows += group.block().getRowCount();
  }

  private void closeGroup() throws IOException {
    segment.close();
    segment = null;
    out.appendFile(new StorageInputFile(scratch.toString()));
    recordGroup(first, last);
  }

  private void recordGroup(String from, String to) {
    groups.append(from).append('\t').append(to).append('\n');
    groupCount++;
  }

  public long rows() {
    return rows;
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
      if (segment != null) {
        closeGroup();
      }
      Map<String, String> meta = new HashMap<>(new RowWriteSupport(table.schema())
          .init(new Configuration(false)).getExtraMetaData());
      meta.put(GROUPS_KEY, groups.toString());
      meta.put(GROUP_PROJECTS_KEY, Integer.toString(groupProjects));
      out.end(meta);
    } finally {
      Files.deleteIfExists(scratch);
    }
  }
}
