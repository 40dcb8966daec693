package dev.pypidb.pypa.resolver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * The clock of one resolution's {@link Budget#maxSolverMillis()} safety net: the resolving
 * thread's CPU time (wall time where the JVM cannot measure it), minus what {@link #excluding}
 * spends loading data. Other threads and other processes on the machine do not move it, nor do
 * slow reads, nor what earlier resolutions left (or did not leave) in the resolver's caches.
 */
final class SolverClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported()
      && THREADS.isThreadCpuTimeEnabled();

  private final long start;
  private long excluded;
  private int depth;

  SolverClock() {
    this.start = now();
  }

  private static long now() {
    return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** Runs {@code load} off the clock (nested calls are measured once, by the outermost). */
  <T> T excluding(Supplier<T> load) {
    if (depth > 0) {
      return load.get();
    }
    depth++;
    long t0 = now();
    try {
      return load.get();
    } finally {
      excluded += now() - t0;
      depth--;
    }
  }

  /** Nanoseconds the solver itself has used so far. */
  long solverNanos() {
    return now() - start - excluded;
  }
}
