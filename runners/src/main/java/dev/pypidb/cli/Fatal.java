package dev.pypidb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a command ends when something goes wrong that no code handles: one line on stderr that
 * says what happened and what to do, a non-zero exit status, and never a hang.
 *
 * <ul>
 *   <li>An {@link Error} that escapes any thread (a worker's {@code OutOfMemoryError}, a
 *       {@code StackOverflowError}, a class that cannot load) ends the process at once: a
 *       runner that lost a worker thread may otherwise wait for it forever.
 *   <li>Running out of memory says which runner and heap were in use and what to use instead.
 *       The launcher ({@code scripts/pypidb}) also starts the JVM with
 *       {@code -XX:OnOutOfMemoryError}, which prints the line {@link #prepare} leaves in the
 *       file named by the {@code pypidb.oomNote} property and kills the JVM: that covers an
 *       {@code OutOfMemoryError} wherever the JVM throws it, before any code could swallow it.
 *   <li>{@link #exit} ends the process even when shutdown hooks or non-daemon threads would
 *       keep it alive.
 * </ul>
 */
final class Fatal {
  /** Exit status when memory ran out. */
  static final int OUT_OF_MEMORY = 3;
  /** How long shutdown hooks get before the process is halted. */
  private static final long EXIT_GRACE_MS = 20_000;

  private static volatile String runner = null;

  private Fatal() {}

  /** Makes any {@link Error} that escapes a thread end the process with one line on stderr. */
  static void install() {
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof Error) {
        String line = outOfMemory(e) ? outOfMemoryAdvice(runner, Runtime.getRuntime().maxMemory())
            : "pypidb: fatal error in thread " + thread.getName() + ": " + Main.oneLine(e);
        System.err.println(line);
        if (System.getenv("PYPIDB_DEBUG") != null) {
          e.printStackTrace();
        }
        Runtime.getRuntime().halt(outOfMemory(e) ? OUT_OF_MEMORY : 1);
      } else {
        // An exception in a runner's helper thread: reported, the run decides whether it failed.
        System.err.println("pypidb: thread " + thread.getName() + " failed: " + Main.oneLine(e));
        if (System.getenv("PYPIDB_DEBUG") != null) {
          e.printStackTrace();
        }
      }
    });
    prepare(null);
  }

  /**
   * Records which runner the command uses (e.g. {@code DirectRunner}, {@code FlinkRunner
   * [local]}), so that an out-of-memory report can say what to do; null before it is known.
   */
  static void prepare(String runnerDescription) {
    runner = runnerDescription;
    String note = System.getProperty("pypidb.oomNote");
    if (note != null && !note.isEmpty()) {
      try {
        Files.writeString(Path.of(note), outOfMemoryAdvice(runner, Runtime.getRuntime().maxMemory()) + "\n",
            StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        // The launcher's own generic line stays in place.
      }
    }
  }

  /** Whether {@code e} or one of its causes is an out-of-memory error (here or on a worker). */
  static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError || String.valueOf(t).contains("java.lang.OutOfMemoryError")) {
        return true;
      }
    }
    return false;
  }

  /** The line to print when memory ran out, with what to do about it. */
  static String outOfMemoryAdvice(String runner, long maxHeapBytes) {
    String heap = gigabytes(maxHeapBytes);
    String more = "PYPIDB_JAVA_OPTS=-Xmx" + Math.max(2, (long) Math.ceil(maxHeapBytes * 2.0 / (1L << 30))) + "g";
    if (runner == null) {
      return "pypidb: out of memory (Java heap " + heap + "): give the JVM more heap, e.g. " + more;
    }
    if (runner.equals("DirectRunner")) {
      return "pypidb: out of memory on the DirectRunner (Java heap " + heap + "; it holds whole stages in"
          + " memory and is meant for tests): run on embedded Flink, the default (leave out --runner), or give"
          + " it more heap, e.g. " + more;
    }
    if (runner.startsWith("FlinkRunner [")) {
      return "pypidb: out of memory on embedded Flink (Java heap " + heap + "): give the JVM more heap,"
          + " e.g. " + more + ", or submit to a Flink cluster with --flinkMaster=HOST:PORT";
    }
    return "pypidb: out of memory on " + runner + " (a TaskManager, or this client with a Java heap of " + heap
        + "): give the TaskManagers more memory (taskmanager.memory.process.size) or lower --parallelism;"
        + " for the client, " + more;
  }

  private static String gigabytes(long bytes) {
    return bytes < (1L << 30) ? (bytes >> 20) + " MB" : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
  }

  /**
   * Ends the process with {@code status}: shutdown hooks run, but if they (or anything else)
   * take longer than a grace period the process is halted.
   */
  static void exit(int status) {
    String note = System.getProperty("pypidb.oomNote");
    if (note != null && !note.isEmpty()) {
      try {
        Files.deleteIfExists(Path.of(note));
      } catch (IOException | RuntimeException e) {
        // a stale note in the temporary directory is harmless
      }
    }
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(EXIT_GRACE_MS);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("pypidb: shutdown took over " + EXIT_GRACE_MS / 1000 + " s; halting");
      Runtime.getRuntime().halt(status);
    }, "pypidb-exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.exit(status);
  }
}
