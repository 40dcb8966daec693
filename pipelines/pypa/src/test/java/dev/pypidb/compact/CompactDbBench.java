package dev.pypidb.compact;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Open time and lookup latency of a compact database: {@code CompactDbBench FILE [N]}, or the
 * JUnit test {@link CompactDbBenchTest} with {@code -Dpypidb.compact.bench=FILE}. Each timed
 * lookup is of a project not looked up before on that handle (a block-cache miss unless a
 * neighbour shared its block), after a warm-up on other projects.
 */
public final class CompactDbBench {
  private CompactDbBench() {}

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** Thread CPU time: on a busy machine, wall time also counts waiting for a core. */
  private static long cpu() {
    return CPU.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws IOException {
    run(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 2000, System.out);
  }

  static String stats(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    return String.format("n=%d median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us, mean %.1f us", s.length,
        s[s.length / 2] / 1e3, s[(int) (s.length * 0.9)] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
        s[s.length - 1] / 1e3, mean / 1e3);
  }

  public static void run(Path file, int n, PrintStream out) throws IOException {
    out.printf("file %s: %,d bytes%n", file, Files.size(file));
    long t0 = System.nanoTime();
    List<String> all;
    try (CompactDb db = CompactDb.open(file)) {
      long t1 = System.nanoTime();
      out.printf("first open (cold JVM): %.2f ms; %,d projects, %,d releases, %,d files, %,d sdist builds, %,d blocks%n",
          (t1 - t0) / 1e6, db.projectCount(), db.releaseCount(), db.fileCount(), db.sdistBuildCount(), db.blockCount());
      all = db.projects();
      out.printf("projects(): %.1f ms wall%n", (System.nanoTime() - t1) / 1e6);
    }
    long[] opens = new long[50];
    long[] opensCpu = new long[opens.length];
    for (int i = 0; i < opens.length; i++) {
      long s = System.nanoTime();
      long c = cpu();
      CompactDb.open(file).close();
      opensCpu[i] = cpu() - c;
      opens[i] = System.nanoTime() - s;
    }
    out.println("open (warm JVM), wall: " + stats(opens));
    out.println("open (warm JVM), cpu:  " + stats(opensCpu));

    List<String> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(42));
    int warm = Math.min(shuffled.size() / 2, Math.max(n, 2000));
    try (CompactDb db = CompactDb.open(file)) {
      for (String p : shuffled.subList(0, warm)) {
        List<String> vs = db.versions(p);
        if (!vs.isEmpty()) {
          Release r = db.release(p, vs.get(vs.size() - 1));
          if (!r.files().isEmpty()) {
            db.sha256(r.files().get(0).filename());
          }
        }
      }
    }
    List<String> sample = shuffled.subList(warm, Math.min(shuffled.size(), warm + n));
    if (sample.isEmpty()) {
      sample = shuffled;
    }
    long[] versions = new long[sample.size()];
    long[] releases = new long[sample.size()];
    long[] cached = new long[sample.size()];
    long[] versionsCpu = new long[sample.size()];
    long[] releasesCpu = new long[sample.size()];
    List<String[]> files = new ArrayList<>();
    try (CompactDb db = CompactDb.open(file); CompactDb db2 = CompactDb.open(file)) {
      for (int i = 0; i < sample.size(); i++) {
        String p = sample.get(i);
        long s = System.nanoTime();
        long c = cpu();
        List<String> vs = db.versions(p);
        versionsCpu[i] = cpu() - c;
        versions[i] = System.nanoTime() - s;
        String v = vs.get(new Random(i).nextInt(vs.size()));
        s = System.nanoTime();
        Release r = db.release(p, v);
        cached[i] = System.nanoTime() - s;
        // A second handle has nothing cached: release() alone, from disk.
        s = System.nanoTime();
        c = cpu();
        Release r2 = db2.release(p, v);
        releasesCpu[i] = cpu() - c;
        releases[i] = System.nanoTime() - s;
        if (!r.equals(r2)) {
          throw new AssertionError(p + " " + v);
        }
        for (DistFile f : r.files()) {
          files.add(new String[] {f.filename(), f.sha256()});
          break;
        }
      }
    }
    out.println("versions(project), uncached, wall: " + stats(versions));
    out.println("versions(project), uncached, cpu:  " + stats(versionsCpu));
    out.println("release(project, version), uncached, wall: " + stats(releases));
    out.println("release(project, version), uncached, cpu:  " + stats(releasesCpu));
    out.println("release(project, version) after versions(): " + stats(cached));
    if (!files.isEmpty()) {
      long[] hashes = new long[files.size()];
      try (CompactDb db = CompactDb.open(file)) {
        for (int i = 0; i < files.size(); i++) {
          long s = System.nanoTime();
          String h = db.sha256(files.get(i)[0]).orElse(null);
          hashes[i] = System.nanoTime() - s;
          if (!java.util.Objects.equals(h, files.get(i)[1])) {
            throw new AssertionError(files.get(i)[0]);
          }
        }
      }
      out.println("sha256(filename), uncached: " + stats(hashes));
    }
  }
}
