package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.NormalizeOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.Manifests;
import java.io.IOException;

/** {@code pypidb normalize}. */
final class NormalizeCommand implements Command {
  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public String summary() {
    return "raw PyPI metadata to release, file, wheel-tag and requirement tables";
  }

  @Override
  public String help() {
    return """
        usage: pypidb normalize --input=PATH[,PATH...] --output=DIR [options]

        Reads raw PyPI metadata and writes Parquet tables under DIR:
          releases/ files/ wheel_tags/ requirements/ sdist_metadata/ fingerprints/
          dead_letter/ and manifest.json (records read, written, dead-lettered per input).

        Inputs (files, directories or globs; the format is detected per file):
          bigquery     distribution_metadata rows: NDJSON (.jsonl, .json, optionally .gz),
                       Avro (.avro) or Parquet (.parquet) exports
          pypi-json    /pypi/<name>/json and /pypi/<name>/<version>/json documents
          simple-json  PEP 691 project pages, PEP 658 <file>.metadata beside them
          deps-db      a pypi-deps-db checkout (wheel/, sdist/, sdist-errors/ buckets)

        Options:
          --input=...        raw metadata (required)
          --output=DIR       where the tables go (required)
          --format=NAME      read every input as this format instead of detecting it
          --shards=N         Parquet files per large table (default 4)
          --groupProjects=N  projects per Parquet row group, on average (default 16);
                             update rewrites only the groups holding changed projects
          --runner=FlinkRunner | DirectRunner   (default FlinkRunner)
          --flinkMaster=[local] | host:port     with FlinkRunner (default [local]:
                                                embedded, one slot per core)
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    NormalizeOptions options = PipelineRun.options(NormalizeOptions.class, args);
    PipelineRun.run("normalize", options, NormalizePipeline::build);
    printSummary(options.getOutput());
    return 0;
  }

  /** Counts per table and dead letters, from the manifest. */
  static void printSummary(String output) throws IOException {
    JsonNode m = Manifests.read(output);
    JsonNode totals = m.get("totals");
    System.out.printf("normalize: %,d records read, %,d written, %,d dead-lettered (%s)%n",
        totals.get("records_read").asLong(), totals.get("records_written").asLong(),
        totals.get("dead_lettered").asLong(), totals.get("reconciles").asBoolean() ? "reconciles" : "DOES NOT RECONCILE");
    m.get("tables").fields().forEachRemaining(t ->
        System.out.printf("  %-15s %,12d rows%n", t.getKey(), t.getValue().get("rows").asLong()));
    System.out.println("  output: " + Storage.display(output));
  }
}
