package dev.pypidb.pipelines.resolve;

import dev.pypidb.graph.GraphFile;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.LocalGraphFiles;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.IndexJson;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolver's view of a normalize output as one {@link IndexJson} document, for other tools
 * (the resolvelib differential reads it): every project, or only those a set of environments
 * can reach. Read from the resolver graph when the tables have one, else from the tables; the
 * tables and the document may lie in any store ({@link Storage}).
 */
public final class GraphExport {
  private GraphExport() {}

  /** Writes the graph of every project, or of {@code only} when not null. */
  public static int write(String tables, String out, Set<String> only) throws IOException {
    List<ProjectData> projects = new ArrayList<>();
    List<String> graph = ResolverGraphFiles.of(tables);
    if (only != null) {
      try (WorkerIndexHandle index = new WorkerIndexHandle(tables)) {
        for (String name : new TreeSet<>(only)) {
          ProjectData p = index.worker.project(name);
          if (p != null) {
            projects.add(p);
          }
        }
      }
    } else if (!graph.isEmpty()) {
      try (LocalGraphFiles local = new LocalGraphFiles()) {
        for (String f : graph) {
          try (GraphFile g = local.open(f)) {
            for (String name : g.namesInFileOrder()) {
              projects.add(g.project(name));
            }
          }
        }
      }
    } else {
      int shards = ShardReader.shardCount(tables);
      for (int shard = 0; shard < shards; shard++) {
        try (ShardReader r = new ShardReader(tables, List.of(Table.RELEASES, Table.FILES,
            Table.REQUIREMENTS, Table.SDIST_METADATA), shard, shards)) {
          while (r.next()) {
            projects.add(ProjectGraph.build(r.project(), r.rows(Table.RELEASES),
                r.rows(Table.FILES), r.rows(Table.REQUIREMENTS), r.rows(Table.SDIST_METADATA)));
          }
        }
      }
    }
    projects.sort((a, b) -> a.name().compareTo(b.name()));
    try (OutputStream o = Storage.create(out)) {
      IndexJson.write(projects, o);
    }
    return projects.size();
  }

  /**
   * The projects {@code roots} can reach: the roots, and every project named by a requirement
   * of any file (or python key) of any release of a project reached, known to the tables or not.
   */
  public static Set<String> closure(String tables, Collection<String> roots) throws IOException {
    Set<String> seen = new HashSet<>(roots);
    ArrayDeque<String> todo = new ArrayDeque<>(roots);
    try (WorkerIndexHandle index = new WorkerIndexHandle(tables)) {
      while (!todo.isEmpty()) {
        ProjectData p = index.worker.project(todo.pop());
        if (p == null) {
          continue;
        }
        Set<String> raws = new HashSet<>();
        for (ReleaseData r : p.releases()) {
          for (Distribution d : r.distributions()) {
            raws.addAll(d.requirements());
            d.requirementsByPythonKey().values().forEach(raws::addAll);
          }
        }
        for (String raw : raws) {
          try {
            String name = Requirement.parse(raw).canonicalName();
            if (seen.add(name)) {
              todo.push(name);
            }
          } catch (InvalidRequirementException e) {
            // the resolver ignores it too
          }
        }
      }
    }
    return seen;
  }

  /** A {@link WorkerIndex} held for the duration of a try block. */
  private static final class WorkerIndexHandle implements AutoCloseable {
    final WorkerIndex worker;

    WorkerIndexHandle(String tables) throws IOException {
      worker = WorkerIndex.acquire(tables);
    }

    @Override
    public void close() throws IOException {
      try {
        worker.release();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }
}
