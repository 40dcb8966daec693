package dev.pypidb.pipelines.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run, per stage, logged by this JVM every 30 seconds while anything moves.
 * Stages count from inside DoFns, so it works the same on every runner (on a cluster, each
 * TaskManager logs its own share).
 */
public final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger("pypidb.progress");
  private static final long INTERVAL_MS = Long.getLong("pypidb.progress.intervalMs", 30_000L);
  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
  private static volatile Thread reporter;

  private Progress() {}

  /** Adds {@code n} to a stage's counter, e.g. {@code add("normalize: projects", 1)}. */
  public static void add(String stage, long n) {
    COUNTS.computeIfAbsent(stage, s -> new AtomicLong()).addAndGet(n);
    ensureReporter();
  }

  private static void ensureReporter() {
    if (reporter != null) {
      return;
    }
    synchronized (Progress.class) {
      if (reporter != null) {
        return;
      }
      Thread t = new Thread(Progress::report, "pypidb-progress");
      t.setDaemon(true);
      t.start();
      reporter = t;
    }
  }

  private static void report() {
    long start = System.currentTimeMillis();
    String last = "";
    while (true) {
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      String now = snapshot();
      if (!now.equals(last)) {
        LOG.info("progress after {}s: {}", (System.currentTimeMillis() - start) / 1000, now);
        last = now;
      }
    }
  }

  /** The counters as one line. */
  public static String snapshot() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(COUNTS).forEach((k, v) -> {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(k).append(' ').append(String.format("%,d", v.get()));
    });
    return out.toString();
  }
}
