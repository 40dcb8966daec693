package dev.pypidb.pipelines.tables;

import dev.pypidb.graph.GraphFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the resolver graph lies beside the project tables: {@code resolver_graph/}, one graph
 * file ({@link dev.pypidb.graph.GraphFile}) per shard, holding each project of the shard as
 * the resolver reads it. Normalize writes it with the tables and update patches it with them,
 * so a set of tables and its graph always agree.
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

  /** Writes a graph file without projects. */
  public static void writeEmpty(Path file) throws IOException {
    new GraphFileWriter(file, BUILDER).close();
  }

  /** The graph files of {@code tables}, one per shard, or empty when any is missing. */
  public static List<Path> of(Path tables) throws IOException {
    int shards = ShardReader.shardCount(tables);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      Path p = tables.resolve(DIR).resolve(partName(i, shards));
      if (!Files.isRegularFile(p)) {
        return List.of();
      }
      out.add(p);
    }
    return out;
  }
}
