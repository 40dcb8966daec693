package dev.pypidb.pipelines.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a run is, per stage, logged by this JVM while anything moves: done of the total,
 * percent and time left where the total is known, the counter alone where it is not.
 *
 * <p>A pipeline plans its stages while it is built ({@link #plan} with a total known up front,
 * such as the bytes of the input files; {@link #planAfter} with a total that is another
 * counter's value once an upstream stage has finished, such as the records read). DoFns count
 * with {@link #add} (a stage shown in the report) or {@link #tally} (a counter that only serves
 * as a total). Counts live in this JVM: the DirectRunner and embedded Flink run every DoFn in
 * the client, so its report covers the whole run; on a Flink cluster each TaskManager logs the
 * counters of its own share (without totals, which only the client knows).
 */
public final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger("pypidb.progress");
  /** The longest pause between two reports; the first come sooner. */
  private static final long INTERVAL_MS = Long.getLong("pypidb.progress.intervalMs", 30_000L);
  /** Below this much time in a stage its rate is too noisy for an estimate of the time left. */
  private static final long MIN_ETA_NANOS = 3_000_000_000L;

  private static final Map<String, Stage> STAGES = new ConcurrentHashMap<>();
  /** Stages in the order they were planned or first counted. */
  private static final List<Stage> ORDER = new CopyOnWriteArrayList<>();
  private static volatile String run = "";
  /** False in a client whose DoFns run elsewhere (a Flink cluster): it has nothing to count. */
  private static volatile boolean reportHere = true;
  private static volatile long runStartNanos = System.nanoTime();
  private static volatile Thread reporter;

  private Progress() {}

  /** What a stage counts, and how its total becomes known. */
  private static final class Stage {
    final String name;
    final AtomicLong done = new AtomicLong();
    volatile boolean shown;
    volatile String unit = "";
    /** The total when known up front; -1 when it is another counter's value, or unknown. */
    volatile long total = -1;
    /** The counter whose value is the total, once {@link #after} has finished. */
    volatile String totalFrom;
    volatile String after;
    volatile long firstNanos;

    Stage(String name) {
      this.name = name;
    }
  }

  private static Stage stage(String name) {
    Stage s = STAGES.get(name);
    if (s != null) {
      return s;
    }
    synchronized (Progress.class) {
      return STAGES.computeIfAbsent(name, n -> {
        Stage created = new Stage(n);
        ORDER.add(created);
        return created;
      });
    }
  }

  /**
   * Starts the report of a new run in this JVM: forgets the stages of the previous one (the
   * pipelines of {@code pypidb all} run one after another).
   */
  public static synchronized void start(String runName) {
    start(runName, true);
  }

  /**
   * As {@link #start(String)}; with {@code countedHere} false (the DoFns run on a cluster) this
   * JVM keeps the plan for the summary line but reports nothing while the run goes on.
   */
  public static synchronized void start(String runName, boolean countedHere) {
    STAGES.clear();
    ORDER.clear();
    run = runName;
    runStartNanos = System.nanoTime();
    reportHere = countedHere;
    ensureReporter();
  }

  /** Declares a shown stage whose total is known before the run, in {@code unit}s ("bytes" prints sizes). */
  public static void plan(String stageName, long total, String unit) {
    Stage s = stage(stageName);
    s.unit = unit;
    s.total = total;
    s.shown = true;
  }

  /**
   * Declares a shown stage whose total is the value of counter {@code totalFrom} once stage
   * {@code after} has finished (before that, the stage shows its count alone).
   */
  public static void planAfter(String stageName, String unit, String totalFrom, String after) {
    Stage s = stage(stageName);
    s.unit = unit;
    s.totalFrom = totalFrom;
    s.after = after;
    s.shown = true;
    stage(totalFrom);
  }

  /** Adds {@code n} to a shown stage, e.g. {@code add("export", 1)}. */
  public static void add(String stageName, long n) {
    Stage s = stage(stageName);
    s.shown = true;
    count(s, n);
  }

  /** Adds {@code n} to a counter that is not shown, only used as another stage's total. */
  public static void tally(String counter, long n) {
    count(stage(counter), n);
  }

  private static void count(Stage s, long n) {
    if (s.firstNanos == 0) {
      s.firstNanos = System.nanoTime();
    }
    s.done.addAndGet(n);
    ensureReporter();
  }

  /** The current value of a counter (0 when it never counted). */
  public static long value(String counter) {
    Stage s = STAGES.get(counter);
    return s == null ? 0 : s.done.get();
  }

  /** The stage's total, or -1 while unknown. */
  private static long total(Stage s) {
    if (s.total >= 0) {
      return s.total;
    }
    if (s.totalFrom != null && finished(STAGES.get(s.after))) {
      return value(s.totalFrom);
    }
    return -1;
  }

  /** Whether a stage has done all of its known total (a missing stage has nothing to do). */
  private static boolean finished(Stage s) {
    if (s == null) {
      return true;
    }
    long total = total(s);
    return total >= 0 && s.done.get() >= total;
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
    String last = "";
    int reports = 0;
    while (true) {
      try {
        // 10 s, 20 s, then every 30 s: a short run still says how it goes.
        Thread.sleep(Math.min(INTERVAL_MS, 10_000L * (reports + 1)));
      } catch (InterruptedException e) {
        return;
      }
      String now = reportHere ? line(System.nanoTime()) : "";
      if (!now.isEmpty() && !now.equals(last)) {
        LOG.info("{} {}: {}", run, clock((System.nanoTime() - runStartNanos) / 1_000_000_000L), now);
        last = now;
        reports++;
      }
    }
  }

  /** The shown stages, one after another: done of total, percent and time left where known. */
  static String line(long nowNanos) {
    List<String> parts = new ArrayList<>();
    for (Stage s : ORDER) {
      if (!s.shown) {
        continue;
      }
      long done = s.done.get();
      long total = total(s);
      if (total == 0) {
        continue; // nothing of this kind in this run (e.g. no line-format input to parse)
      }
      StringBuilder b = new StringBuilder(s.name).append(' ');
      if (total < 0) {
        if (done == 0) {
          continue; // not started, total unknown: nothing to say yet
        }
        b.append(amount(done, s.unit));
      } else if (done == 0) {
        b.append("waiting (").append(amount(total, s.unit)).append(')');
      } else if (done >= total) {
        b.append(amount(done, s.unit)).append(", done");
      } else {
        b.append(amount(done, s.unit, total)).append(" (").append(done * 100 / total).append(" %");
        long elapsed = nowNanos - s.firstNanos;
        if (elapsed >= MIN_ETA_NANOS) {
          long left = (long) ((double) elapsed * (total - done) / done / 1e9);
          b.append(", ").append(clock(left)).append(" left");
        }
        b.append(')');
      }
      parts.add(b.toString());
    }
    return String.join(" | ", parts);
  }

  /** What the finished run did, one line: every shown stage's count. */
  public static String snapshot() {
    List<String> parts = new ArrayList<>();
    for (Stage s : ORDER) {
      if (s.shown && s.done.get() > 0) {
        parts.add(s.name + " " + amount(s.done.get(), s.unit));
      }
    }
    return String.join(", ", parts);
  }

  /** The planned totals known before the run, one line ("read 14.7 MB"), empty when none. */
  public static String plannedTotals() {
    List<String> parts = new ArrayList<>();
    for (Stage s : ORDER) {
      if (s.shown && s.total > 0) {
        parts.add(s.name + " " + amount(s.total, s.unit));
      }
    }
    return String.join(", ", parts);
  }

  private static String amount(long n, String unit) {
    return unit.equals("bytes") ? bytes(n) : String.format(Locale.ROOT, "%,d%s", n, unit.isEmpty() ? "" : " " + unit);
  }

  private static String amount(long n, String unit, long total) {
    if (unit.equals("bytes")) {
      return bytes(n) + " of " + bytes(total);
    }
    return String.format(Locale.ROOT, "%,d of %,d%s", n, total, unit.isEmpty() ? "" : " " + unit);
  }

  /** A byte count for people: 812 B, 14.7 MB, 1.21 GB (powers of 1000, as file managers show). */
  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double v = n;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  /** Seconds as m:ss or h:mm:ss. */
  static String clock(long seconds) {
    long s = Math.max(0, seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
