package dev.pypidb.pipelines.tables;

import dev.pypidb.graph.GraphFileWriter;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the resolver graph lies beside the project tables: {@code resolver_graph/}, one graph
 * file ({@link dev.pypidb.graph.GraphFile}) per shard, holding each project of the shard as
 * the resolver reads it. Normalize writes it with the tables and update patches it with them,
 * so a set of tables and its graph always agree. Like the tables, it may lie in any store
 * ({@link Storage}): it is written as a stream, committed with the tables (listed by the
 * manifest on an object store) and found through the manifest ({@link TableFiles}); readers
 * map them through {@link LocalGraphFiles}.
 */
public final class ResolverGraphFiles {
  /** The directory under the tables. */
  public static final String DIR = "resolver_graph";

  /**
   * The rules that turn a project's rows into the resolver's {@code ProjectData}
   * ({@code ProjectGraph}); raise the number whenever they change, so that graphs built by
   * other rules are rebuilt (update) or not used (resolve reads the tables instead).
   */
  public static final String BUILDER = "pypidb ProjectGraph 1";

  private ResolverGraphFiles() {}

  public static String partName(int shard, int shards) {
    return String.format("part-%05d-of-%05d.graph", shard, shards);
  }

  /** A writer of the graph file at {@code location} (any store; an object appears when closed). */
  public static GraphFileWriter writer(String location) throws IOException {
    return new GraphFileWriter(Storage.create(location), Storage.display(location), BUILDER);
  }

  /** Writes a graph file without projects. */
  public static void writeEmpty(String location) throws IOException {
    writer(location).close();
  }

  /**
   * The graph files of {@code tables} (any store), one per shard in shard order, as its
   * manifest lists them; empty when any is missing.
   */
  public static List<String> of(String tables) throws IOException {
    int shards = ShardReader.shardCount(tables);
    Map<String, String> byName = new HashMap<>();
    for (String f : TableFiles.of(tables).files(DIR)) {
      byName.put(Storage.name(f), f);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      String f = byName.get(partName(i, shards));
      if (f == null || Storage.sizeIfExists(f) < 0) {
        return List.of();
      }
      out.add(f);
    }
    return out;
  }
}
