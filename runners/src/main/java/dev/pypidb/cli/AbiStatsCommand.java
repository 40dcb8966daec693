package dev.pypidb.cli;

import dev.pypidb.pipelines.abistats.AbiStatsPipeline;
import dev.pypidb.pipelines.options.AbiStatsOptions;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;

/** {@code pypidb abi-stats}. */
final class AbiStatsCommand implements Command {
  @Override
  public String name() {
    return "abi-stats";
  }

  @Override
  public String summary() {
    return "wheel ABI adoption statistics and an HTML report from normalized tables";
  }

  @Override
  public String help() {
    return """
        usage: pypidb abi-stats --tables=DIR --output=DIR [--popular=FILE] [--top=360]
                                [--targets=FILE] [options]

        Reads a normalize output and writes under --output:
          abi_stats/by_abi          releases per (interpreter, ABI): cp38 vs cp38m, abi3, cp313t
          abi_stats/by_platform     wheels per platform tag: family, glibc/musl/OS version, arch
          abi_stats/by_month        wheels per upload month and platform policy
          abi_stats/project_latest  each project's newest release: pure/binary, abi3, policies
          abi_stats/readiness       top-N popular projects x targets: installable wheel or not
          abi_stats/summary         totals, and wheels excluded for invalid filenames
          report/index.html         charts with their numbers; report/csv/ copies of the tables

        Counting: a release counts for an (interpreter, ABI) when any of its wheel files
        carries it after expanding compressed tag sets (each distinct value once); wheels
        whose filename does not parse are excluded and counted in summary.

        Options:
          --tables=DIR     normalize output (default: --output)
          --popular=FILE   top-pypi-packages JSON for the readiness board
          --top=N          how many popular projects (default 360)
          --targets=FILE   targets (default: the popular targets, see README)
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    AbiStatsOptions options = PipelineRun.options(AbiStatsOptions.class, args);
    PipelineRun.run("abi-stats", options, AbiStatsPipeline::build);
    printSummary(options.getOutput());
    return 0;
  }

  static void printSummary(String output) throws java.io.IOException {
    String report = Storage.resolve(output, "report/index.html");
    System.out.println("abi-stats: tables under " + Storage.display(Storage.resolve(output, "abi_stats")));
    if (Storage.isFile(report)) {
      System.out.println("  report: " + Storage.display(report));
    }
  }
}
