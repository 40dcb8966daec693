package dev.pypidb.cli;

import dev.pypidb.pipelines.abistats.AbiStatsPipeline;
import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.AllOptions;
import dev.pypidb.pipelines.resolve.ResolvePipeline;
import dev.pypidb.pipelines.storage.Storage;

/**
 * {@code pypidb all}: the pipelines one after another on one output directory — normalize,
 * then the stages that read its tables.
 */
final class AllCommand implements Command {
  @Override
  public String name() {
    return "all";
  }

  @Override
  public String summary() {
    return "normalize, then every stage that reads its tables, into one directory";
  }

  @Override
  public String help() {
    return """
        usage: pypidb all --input=PATH[,PATH...] --output=DIR [--popular=FILE]
                          [--environments=FILE|DIR] [--targets=FILE] [options]

        Runs normalize, abi-stats, resolve and export-db in turn, each reading the
        tables the previous wrote under DIR. Takes the options of each. The resolve
        cache goes to DIR/resolve-cache unless --cache names another directory.
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    AllOptions options = PipelineRun.options(AllOptions.class, args);
    String out = options.getOutput();
    PipelineRun.run("normalize", options, NormalizePipeline::build);
    NormalizeCommand.printSummary(out);
    if (options.getCache() == null) {
      options.setCache(Storage.resolve(out, DEFAULT_CACHE));
    }
    runStagesAfterTables(options, AbiStatsPipeline::build, ExportDbPipeline::build);
    return 0;
  }

  /** Where all and update keep the resolve cache unless --cache says otherwise. */
  static final String DEFAULT_CACHE = "resolve-cache";

  /** abi-stats, resolve (with --environments) and export-db over the tables in --output. */
  static <T extends AllOptions> void runStagesAfterTables(T options, PipelineRun.Builder<T> abiStats,
      PipelineRun.Builder<T> exportDb) throws Exception {
    String out = options.getOutput();
    options.setTables(out);
    PipelineRun.run("abi-stats", options, abiStats);
    AbiStatsCommand.printSummary(out);
    if (options.getEnvironments() != null) {
      PipelineRun.run("resolve", options, ResolvePipeline::build);
      ResolveCommand.printSummary(out);
    }
    PipelineRun.run("export-db", options, exportDb);
    ExportDbCommand.printSummary(out);
  }
}
