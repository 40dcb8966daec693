package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.options.ResolveOptions;
import dev.pypidb.pipelines.resolve.ResolvePipeline;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.Manifests;
import java.io.IOException;

/** {@code pypidb resolve}. */
final class ResolveCommand implements Command {
  @Override
  public String name() {
    return "resolve";
  }

  @Override
  public String summary() {
    return "resolve environments on targets in bulk: success rates, explained failures, cache";
  }

  @Override
  public String help() {
    return """
        usage: pypidb resolve --tables=DIR --environments=FILE|DIR --output=DIR
                              [--targets=FILE] [--cache=DIR] [--policy=wheels+sdist|wheels-only]
                              [--popular=FILE] [--top=N] [--stepBudget=N] [--timeBudgetMs=N]

        Resolves every environment on every target with a PubGrub resolver over the
        normalized tables, and writes under --output:
          resolutions/   one row per (environment, target, policy): status, pins, or the
                         failure's category and explanation
          success_rate/  overall, per target, per policy, per target and policy (weighted by
                         target weights and, with --popular, environment downloads)
          manifest.json  counts, cache hits/misses/invalidations, graph size per release

        --environments  JSON lines ({"id": ..., "requirements": [...]} or a bare array),
                        a directory of requirements files (*.txt), or a top-pypi-packages
                        JSON (each of the top --top projects alone)
        --targets       one target per line, optional weight; default: the popular targets
        --cache=DIR     reuse results whose consulted projects did not change; rewritten
        --policy        wheels+sdist (an sdist when no wheel fits), wheels-only, or both
                        comma-separated
        --stepBudget    resolver steps per resolution before giving up (budget_exhausted,
                        a verdict: the same on every machine); default 100000
        --timeBudgetMs  safety net: solver CPU milliseconds per resolution, not counting
                        reading projects; when it fires first the row is time_limit, which
                        is not a verdict (left out of the success rates); default 60000
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    ResolveOptions options = PipelineRun.options(ResolveOptions.class, args);
    PipelineRun.run("resolve", options, ResolvePipeline::build);
    printSummary(options.getOutput());
    return 0;
  }

  static void printSummary(String output) throws IOException {
    JsonNode m = Manifests.read(output);
    JsonNode stats = m.has("stages") && m.get("stages").has("resolve")
        ? m.get("stages").get("resolve").get("stats") : m.get("stats");
    long ok = stats.path("resolved").asLong();
    long failed = stats.path("failed").asLong();
    long timeLimited = stats.path("time_limited").asLong();
    System.out.printf("resolve: %,d resolutions, %,d resolved, %,d failed, %,d stopped by the time limit"
        + " (cache: %,d hits, %,d misses, %,d invalidated)%n",
        ok + failed + timeLimited, ok, failed, timeLimited, stats.path("cache_hits").asLong(),
        stats.path("cache_misses").asLong(), stats.path("cache_invalidated").asLong());
    if (stats.has("projects_read_from_graph")) {
      System.out.printf("  projects read from the resolver graph: %,d%n", stats.path("projects_read_from_graph").asLong());
    }
    if (stats.has("projects_read_from_tables")) {
      System.out.printf("  projects read from the tables (no resolver graph): %,d%n",
          stats.path("projects_read_from_tables").asLong());
    }
    stats.fields().forEachRemaining(s -> {
      if (s.getKey().startsWith("cache_invalidated_by ")) {
        System.out.printf("  invalidated by a change to %s: %,d%n",
            s.getKey().substring("cache_invalidated_by ".length()), s.getValue().asLong());
      }
    });
    System.out.println("  output: " + Storage.display(Storage.resolve(output, "resolutions")));
  }
}
