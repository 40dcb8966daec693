package dev.pypidb.pipelines.tables;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * One project's rows from a normalize output without reading the rest: the shard from the
 * name's hash, the row group from the footer's project ranges ({@link ProjectRowGroups}), and
 * only that group decoded. The most recently decoded groups are kept, so neighbours are cheap.
 */
public final class ProjectLookup implements Closeable {
  private static final int CACHED_GROUPS = 64;

  private final TableFiles tableFiles;
  private final int shards;
  private final Map<Table, ProjectRowGroups[]> files = new EnumMap<>(Table.class);
  private final Map<String, List<GenericRecord>> decoded = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<GenericRecord>> eldest) {
      return size() > CACHED_GROUPS;
    }
  };

  /** Looks projects up in the normalize output {@code root} (any store). */
  public ProjectLookup(String root) throws IOException {
    this.tableFiles = TableFiles.of(root);
    this.shards = tableFiles.shardCount();
  }

  /** The project's rows of {@code table}, in file order; empty when it has none. */
  public List<GenericRecord> rows(Table table, String project) throws IOException {
    int shard = WriteTables.shardOf(project, shards);
    ProjectRowGroups[] byShard = files.computeIfAbsent(table, t -> new ProjectRowGroups[shards]);
    if (byShard[shard] == null) {
      byShard[shard] = ProjectRowGroups.open(tableFiles.shard(table, shard, shards));
    }
    ProjectRowGroups file = byShard[shard];
    ProjectRowGroups.Group g = find(file.groups(), project);
    if (g == null) {
      return List.of();
    }
    String key = table.dirName() + "/" + shard + "/" + g.index();
    List<GenericRecord> rows = decoded.get(key);
    if (rows == null) {
      rows = file.rows(g);
      decoded.put(key, rows);
    }
    List<GenericRecord> out = new ArrayList<>();
    for (GenericRecord r : rows) {
      if (project.equals(r.get("name").toString())) {
        out.add(r);
      }
    }
    return out;
  }

  /** The group whose [first, last] range holds {@code project}, or null. */
  private static ProjectRowGroups.Group find(List<ProjectRowGroups.Group> groups, String project) {
    int lo = 0;
    int hi = groups.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      ProjectRowGroups.Group g = groups.get(mid);
      if (project.compareTo(g.first()) < 0) {
        hi = mid - 1;
      } else if (project.compareTo(g.last()) > 0) {
        lo = mid + 1;
      } else {
        return g;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (ProjectRowGroups[] byShard : files.values()) {
      for (ProjectRowGroups f : byShard) {
        try {
          if (f != null) {
            f.close();
          }
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
