package dev.pypidb.cli;

import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.options.ExportOptions;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;

/** {@code pypidb export-db}. */
final class ExportDbCommand implements Command {
  @Override
  public String name() {
    return "export-db";
  }

  @Override
  public String summary() {
    return "the tables as mach-nix's pypi-deps-db and as pypidb's compact database";
  }

  @Override
  public String help() {
    return """
        usage: pypidb export-db --tables=DIR --output=DIR [options]

        Writes under --output:
          mach-nix/wheel/XX.json, sdist/XX.json, sdist-errors/XX.json   pypi-deps-db's layout
          mach-nix/pypi/XX.json      nix-pypi-fetcher's hash index (when sha256 are known)
          mach-nix/UNIX_TIMESTAMP    the snapshot's time
          compact/pypidb.db          pypidb's compact database (docs/compact-format.md)

        XX = first two hex digits of sha256 of the name lower-cased with _ replaced by -.
        Identical payloads are written once and referenced ("ver@filename", a version, or a
        python key), one level deep; the same tables always give the same bytes.
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    ExportOptions options = PipelineRun.options(ExportOptions.class, args);
    PipelineRun.run("export-db", options, ExportDbPipeline::build);
    printSummary(options.getOutput());
    return 0;
  }

  static void printSummary(String output) throws IOException {
    String machNix = Storage.resolve(output, "mach-nix");
    long files = 0;
    long bytes = 0;
    for (Storage.Entry e : Storage.walkFiles(machNix)) {
      if (e.name().endsWith(".json")) {
        files++;
        bytes += e.size();
      }
    }
    System.out.printf("export-db: %,d pypi-deps-db bucket files, %,d bytes, under %s%n", files, bytes,
        Storage.display(machNix));
    String compact = Storage.resolve(Storage.resolve(output, "compact"), ExportDbPipeline.COMPACT_FILE);
    if (Storage.isFile(compact)) {
      System.out.println("  compact database: " + Storage.display(compact));
    }
  }
}
