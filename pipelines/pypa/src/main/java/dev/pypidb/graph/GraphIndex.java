package dev.pypidb.graph;

import dev.pypidb.pypa.resolver.PackageIndex;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PackageIndex} over the graph files of one set of tables (one per shard): a project
 * is looked up in each file in turn (a binary search each) and decoded from the one that holds
 * it. Holds no project in memory; the resolver caches what it uses.
 */
public final class GraphIndex implements PackageIndex, AutoCloseable {
  private final List<GraphFile> files;
  private final AtomicLong lookups = new AtomicLong();

  public GraphIndex(List<GraphFile> files) {
    this.files = List.copyOf(files);
  }

  /** Opens {@code paths}, all built by {@code builder}; a file built otherwise is an error. */
  public static GraphIndex open(List<java.nio.file.Path> paths, String builder) throws IOException {
    List<GraphFile> files = new ArrayList<>();
    try {
      for (java.nio.file.Path p : paths) {
        GraphFile f = GraphFile.open(p);
        files.add(f);
        if (!f.builder().equals(builder)) {
          throw new GraphFormatException(p + " was built by '" + f.builder() + "', not by '"
              + builder + "'");
        }
      }
    } catch (IOException | RuntimeException e) {
      for (GraphFile f : files) {
        f.close();
      }
      throw e;
    }
    return new GraphIndex(files);
  }

  @Override
  public ProjectData project(String canonicalName) {
    lookups.incrementAndGet();
    for (GraphFile f : files) {
      ProjectData p = f.project(canonicalName);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** Projects looked up so far (known or not). */
  public long lookups() {
    return lookups.get();
  }

  /** Number of projects in all files. */
  public long size() {
    long n = 0;
    for (GraphFile f : files) {
      n += f.size();
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (GraphFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
