package dev.pypidb.fetch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A progress line on stderr every so often: projects done, changed, failed, requests, bytes, rate, ETA. */
final class Progress implements AutoCloseable {
  private final long total;
  private final FetchStats stats;
  private final long start = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ScheduledExecutorService timer;

  Progress(long total, FetchStats stats, Duration every) {
    this.total = total;
    this.stats = stats;
    if (every.isZero() || every.isNegative()) {
      timer = null;
    } else {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pypidb-fetch-progress");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(() -> System.err.println(line()), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  void done(ProjectResult r) {
    done.incrementAndGet();
    if (r.changed()) {
      changed.incrementAndGet();
    }
    if (r.status().equals(ProjectResult.FAILED)) {
      failed.incrementAndGet();
    }
  }

  String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    long d = done.get();
    String eta = d == 0 ? "?" : format((long) (seconds / d * (total - d)));
    return String.format("fetch: %,d/%,d projects (%,d changed, %,d failed), %,d requests (%.0f/s), %.1f MB, ETA %s",
        d, total, changed.get(), failed.get(), stats.requests(), stats.requests() / Math.max(seconds, 1e-3),
        stats.bytes() / 1e6, eta);
  }

  private static String format(long s) {
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
        : s + "s";
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
