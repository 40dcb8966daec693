package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.resolver.IndexJson;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resolver's view of a normalize output as one {@link IndexJson} document: what resolve
 * ships to its workers, in a form other tools (and the resolvelib differential) can read.
 */
public final class GraphExport {
  private GraphExport() {}

  /** Writes the graph of every project, or of {@code only} when not null. */
  public static int write(String tables, Path out, Set<String> only) throws IOException {
    int shards = ShardReader.shardCount(tables);
    List<ProjectData> projects = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      try (ShardReader r = new ShardReader(tables, List.of(Table.RELEASES, Table.FILES, Table.REQUIREMENTS,
          Table.SDIST_METADATA), shard, shards)) {
        while (r.next()) {
          if (only == null || only.contains(r.project())) {
            projects.add(ProjectGraph.build(r.project(), r.rows(Table.RELEASES), r.rows(Table.FILES),
                r.rows(Table.REQUIREMENTS), r.rows(Table.SDIST_METADATA)));
          }
        }
      }
    }
    projects.sort((a, b) -> a.name().compareTo(b.name()));
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      IndexJson.write(projects, o);
    }
    return projects.size();
  }
}
