package dev.pypidb.cli;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.options.PypidbOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Parses Beam options for a command, builds its pipeline, runs it to the end. */
final class PipelineRun {
  private PipelineRun() {}

  /** How a command adds its transforms to a pipeline. */
  interface Builder<T extends PypidbOptions> {
    void build(Pipeline p, T options) throws Exception;
  }

  private static final ThreadLocal<String[]> originalArgs = ThreadLocal.withInitial(() -> new String[0]);

  private static volatile String runnerDescription;

  static <T extends PypidbOptions> T options(Class<T> type, String[] args) {
    String[] withDefaults = withDefaultRunner(args);
    originalArgs.set(withDefaults);
    PipelineOptionsFactory.register(type);
    T options;
    try {
      options = PipelineOptionsFactory.fromArgs(withDefaults).as(type);
    } catch (IllegalArgumentException e) {
      throw new UsageException(Main.oneLine(e));
    }
    if (options.getShards() < 1) {
      throw new UsageException("--shards must be at least 1");
    }
    useAllCoresOnEmbeddedFlink(options);
    runnerDescription = describe(options);
    Fatal.prepare(runnerDescription);
    configureStorage(options, withDefaults);
    return options;
  }

  /** The options whose values are locations: local paths, hdfs:// or s3:// URLs. */
  static final List<String> LOCATION_OPTIONS = List.of("input", "output", "tables", "previous", "cache",
      "environments", "targets", "popular", "changes", "changedProjects");

  /** Sets up the stores the command's locations name ({@link StorageSetup}). */
  static void configureStorage(PipelineOptions options, String[] args) {
    List<String> locations = new ArrayList<>();
    java.util.Set<String> explicit = new java.util.HashSet<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        continue;
      }
      String name = a.substring(2, a.indexOf('='));
      explicit.add(name);
      if (LOCATION_OPTIONS.contains(name)) {
        locations.addAll(List.of(a.substring(a.indexOf('=') + 1).split(",")));
      }
    }
    StorageSetup.configure(options, locations, explicit);
  }

  /**
   * The command's arguments with the default runner made explicit: embedded Flink
   * ({@code --runner=FlinkRunner --flinkMaster=[local]}) unless {@code --runner} names another;
   * a FlinkRunner without {@code --flinkMaster} runs embedded too.
   */
  static String[] withDefaultRunner(String[] args) {
    List<String> out = new ArrayList<>(List.of(args));
    String runner = null;
    boolean master = false;
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      } else if (a.startsWith("--flinkMaster=")) {
        master = true;
      }
    }
    if (runner == null) {
      runner = "FlinkRunner";
      out.add(0, "--runner=FlinkRunner");
    }
    if (!master && (runner.equals("FlinkRunner") || runner.endsWith(".FlinkRunner"))) {
      out.add(1, "--flinkMaster=[local]");
    }
    return out.toArray(new String[0]);
  }

  /** The runner of the command being run, as an out-of-memory report names it; null before options. */
  static String runnerDescription() {
    return runnerDescription;
  }

  private static String describe(PypidbOptions options) {
    String name = options.getRunner().getSimpleName();
    if (!name.equals("FlinkRunner")) {
      return name;
    }
    org.apache.beam.runners.flink.FlinkPipelineOptions flink =
        options.as(org.apache.beam.runners.flink.FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    return master.startsWith("[") ? name + " " + master : name + " on " + master;
  }

  /**
   * Beam's FlinkRunner runs an embedded cluster with parallelism 1 unless told otherwise; on
   * this machine's cores it should use them all. A real cluster keeps its own default.
   */
  static void useAllCoresOnEmbeddedFlink(PypidbOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return;
    }
    org.apache.beam.runners.flink.FlinkPipelineOptions flink =
        options.as(org.apache.beam.runners.flink.FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    boolean embedded = master == null || master.equals("[local]") || master.equals("[auto]");
    if (embedded && flink.getParallelism() < 1) {
      flink.setParallelism(Runtime.getRuntime().availableProcessors());
    }
    // pypidb's DoFns never modify their inputs, so Flink need not copy every element.
    if (!java.util.Arrays.asList(originalArgs.get()).toString().contains("--fasterCopy")) {
      flink.setFasterCopy(true);
    }
  }

  /** Runs the pipeline; returns its wall time in milliseconds. */
  static <T extends PypidbOptions> long run(String what, T options, Builder<T> builder) throws Exception {
    if (options.getOutput() == null) {
      throw new UsageException("--output is required");
    }
    ensureWritable(options.getOutput());
    Progress.start("pypidb " + what, !onCluster(options));
    Pipeline p = Pipeline.create(options);
    try {
      builder.build(p, options);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new UsageException(Main.oneLine(e));
    }
    String planned = Progress.plannedTotals();
    System.err.printf("pypidb %s: running on %s%s%s ...%n", what, runnerDescription, parallelism(options),
        planned.isEmpty() ? "" : "; to do: " + planned);
    if (onCluster(options)) {
      String master = options.as(org.apache.beam.runners.flink.FlinkPipelineOptions.class).getFlinkMaster();
      System.err.printf("pypidb %s: progress per operator in the Flink web UI, http://%s (each TaskManager"
          + " logs its counts)%n", what, master);
    }
    long start = System.nanoTime();
    PipelineResult result = p.run();
    PipelineResult.State state = result.waitUntilFinish();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(what + " ended in state " + state);
    }
    String did = Progress.snapshot();
    System.err.printf("pypidb %s: done in %.1f s%s%n", what, millis / 1000.0, did.isEmpty() ? "" : " (" + did + ")");
    return millis;
  }

  /** Whether the DoFns run on a Flink cluster, not in this JVM. */
  static boolean onCluster(PypidbOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return false;
    }
    String master = options.as(org.apache.beam.runners.flink.FlinkPipelineOptions.class).getFlinkMaster();
    return master != null && !master.startsWith("[");
  }

  private static String parallelism(PypidbOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return "";
    }
    int n = options.as(org.apache.beam.runners.flink.FlinkPipelineOptions.class).getParallelism();
    return n > 0 ? ", parallelism " + n : "";
  }

  static void ensureWritable(String output) {
    try {
      Storage.checkWritable(output);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("output " + Storage.display(output) + " is not writable: " + Main.oneLine(e));
    }
  }
}
