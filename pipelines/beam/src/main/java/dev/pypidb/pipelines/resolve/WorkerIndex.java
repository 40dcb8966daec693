package dev.pypidb.pipelines.resolve;

import dev.pypidb.graph.GraphFormatException;
import dev.pypidb.graph.GraphIndex;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.LocalGraphFiles;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pypa.resolver.PackageIndex;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package index and the {@link Resolver} that every resolve worker of a JVM shares for one
 * set of tables: the resolver graph memory-mapped ({@link GraphIndex}), or, for tables written
 * before the graph existed, the tables' row groups ({@link TablesIndex}). Graph files of another
 * store than the local disk (HDFS, S3) are mapped from local copies ({@link LocalGraphFiles}),
 * made once per JVM and deleted with the index. One resolver means one
 * bounded set of caches per JVM, however many DoFn instances the runner makes. Counts the
 * projects each thread reads, so a resolution's count is its own.
 */
final class WorkerIndex implements PackageIndex {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerIndex.class);
  private static final Map<String, WorkerIndex> SHARED = new HashMap<>();

  private final String key;
  private final PackageIndex index;
  private final AutoCloseable source;
  private final boolean graph;
  private final Resolver resolver;
  private final ThreadLocal<long[]> reads = ThreadLocal.withInitial(() -> new long[1]);
  private int users;

  private WorkerIndex(String key, PackageIndex index, AutoCloseable source, boolean graph) {
    this.key = key;
    this.index = index;
    this.source = source;
    this.graph = graph;
    this.resolver = new Resolver(this);
  }

  /** The shared index of {@code tables} (any store; opened on first use); {@link #release} when done. */
  static synchronized WorkerIndex acquire(String tables) throws IOException {
    List<String> files = ResolverGraphFiles.of(tables);
    StringBuilder key = new StringBuilder(Storage.absolute(tables));
    for (String f : files) {
      key.append('|').append(f).append(' ').append(Storage.sizeIfExists(f)).append(' ')
          .append(Storage.isLocal(f) ? Files.getLastModifiedTime(Storage.localPath(f)).toMillis() : 0);
    }
    WorkerIndex w = SHARED.get(key.toString());
    if (w == null) {
      w = open(key.toString(), tables, files);
      SHARED.put(w.key, w);
    }
    w.users++;
    return w;
  }

  private static WorkerIndex open(String key, String tables, List<String> files) throws IOException {
    if (files.isEmpty()) {
      LOG.warn("{} has no {}/ (written before pypidb had it): reading projects from the tables'"
          + " row groups, which is slower; normalize again to get it", Storage.display(tables), ResolverGraphFiles.DIR);
    } else {
      LocalGraphFiles local = new LocalGraphFiles();
      try {
        GraphIndex g = GraphIndex.open(local.local(files), ResolverGraphFiles.BUILDER);
        return new WorkerIndex(key, g, () -> {
          try (local) {
            g.close();
          }
        }, true);
      } catch (GraphFormatException e) {
        local.close();
        LOG.warn("not using the resolver graph of {} ({}); reading projects from the tables",
            Storage.display(tables), e.getMessage());
      } catch (IOException | RuntimeException e) {
        local.close();
        throw e;
      }
    }
    TablesIndex t = new TablesIndex(tables);
    return new WorkerIndex(key, t, t, false);
  }

  /** Gives the index back; the last user closes it. */
  void release() throws Exception {
    synchronized (WorkerIndex.class) {
      if (--users > 0) {
        return;
      }
      SHARED.remove(key);
    }
    source.close();
  }

  Resolver resolver() {
    return resolver;
  }

  /** Whether projects come from the resolver graph (else from the tables' row groups). */
  boolean fromGraph() {
    return graph;
  }

  /** Projects this thread has read from the index so far. */
  long readByThisThread() {
    return reads.get()[0];
  }

  @Override
  public ProjectData project(String canonicalName) {
    reads.get()[0]++;
    return index.project(canonicalName);
  }
}
