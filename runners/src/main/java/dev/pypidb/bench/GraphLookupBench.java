package dev.pypidb.bench;

import dev.pypidb.compact.CompactDb;
import dev.pypidb.graph.GraphFile;
import dev.pypidb.graph.GraphIndex;
import dev.pypidb.pipelines.resolve.TablesIndex;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pypa.resolver.PackageIndex;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * How long the resolver waits for one project, by source: the resolver graph (memory-mapped
 * graph files), the tables' row groups (the path before the graph), and, when {@code
 * TABLES/compact/pypidb.db} exists, the compact database (its own record type, a lower bound
 * for an index built on it). {@code java -cp pypidb.jar dev.pypidb.bench.GraphLookupBench
 * TABLES [N] [SEED]}: N projects drawn at random (seeded) from all of them, each looked up once
 * per source after a warm-up on other projects; wall and thread CPU time per lookup; then the
 * largest projects of the graph.
 */
public final class GraphLookupBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private GraphLookupBench() {}

  public static void main(String[] args) throws IOException {
    Path tables = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    List<Path> files = ResolverGraphFiles.of(tables.toString()).stream().map(Path::of).toList();
    if (files.isEmpty()) {
      throw new IOException(tables + " has no resolver graph");
    }
    List<String> names = new ArrayList<>();
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
      try (GraphFile g = GraphFile.open(f)) {
        names.addAll(g.namesInFileOrder());
      }
    }
    Collections.sort(names);
    System.out.printf("resolver graph: %d files, %,d bytes, %,d projects%n", files.size(), bytes, names.size());
    Collections.shuffle(names, new Random(seed));
    List<String> warm = names.subList(0, Math.min(2000, names.size() / 4));
    List<String> sample = names.subList(warm.size(), Math.min(names.size(), warm.size() + n));

    long t0 = System.nanoTime();
    try (GraphIndex graph = GraphIndex.open(files, ResolverGraphFiles.BUILDER)) {
      System.out.printf("open: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
      time("resolver graph", graph::project, warm, sample);
      biggest(graph, names);
    }
    try (TablesIndex rows = new TablesIndex(tables.toString())) {
      int m = Math.min(sample.size(), 300);
      time("tables (row groups)", rows::project, warm.subList(0, Math.min(warm.size(), 100)), sample.subList(0, m));
    }
    Path compact = tables.resolve("compact").resolve("pypidb.db");
    if (Files.isRegularFile(compact)) {
      try (CompactDb db = CompactDb.open(compact)) {
        time("compact database (Project, not ProjectData)", name -> db.project(name).orElse(null), warm, sample);
      }
    }
  }

  private static void time(String what, Function<String, Object> lookup, List<String> warm, List<String> sample) {
    for (String w : warm) {
      lookup.apply(w);
    }
    long[] wall = new long[sample.size()];
    long[] cpu = new long[sample.size()];
    for (int i = 0; i < sample.size(); i++) {
      long c = CPU.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      lookup.apply(sample.get(i));
      wall[i] = System.nanoTime() - t;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c;
    }
    System.out.printf("%s: wall %s%n    thread CPU %s%n", what, stats(wall), stats(cpu));
  }

  /** The ten largest projects (most distributions), each looked up once more. */
  private static void biggest(PackageIndex index, List<String> names) {
    List<Object[]> sized = new ArrayList<>();
    for (String name : names) {
      ProjectData p = index.project(name);
      int dists = p.releases().stream().mapToInt(r -> r.distributions().size()).sum();
      sized.add(new Object[] {name, dists, p.releases().size()});
    }
    sized.sort((a, b) -> Integer.compare((Integer) b[1], (Integer) a[1]));
    for (Object[] s : sized.subList(0, Math.min(10, sized.size()))) {
      long t = System.nanoTime();
      index.project((String) s[0]);
      System.out.printf("  %-30s %,6d releases %,7d files: %.2f ms%n", s[0], s[2], s[1], (System.nanoTime() - t) / 1e6);
    }
  }

  static String stats(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format("n=%d median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us, mean %.1f us", s.length,
        s[s.length / 2] / 1e3, s[(int) (s.length * 0.9)] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
        s[s.length - 1] / 1e3, Arrays.stream(s).average().orElse(0) / 1e3);
  }
}
