package dev.pypidb.cli;

import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.options.ExportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
    printSummary(Path.of(options.getOutput()));
    return 0;
  }

  static void printSummary(Path output) throws IOException {
    Path machNix = output.resolve("mach-nix");
    long files;
    long bytes = 0;
    try (Stream<Path> s = Files.walk(machNix)) {
      var list = s.filter(p -> p.toString().endsWith(".json")).toList();
      files = list.size();
      for (Path p : list) {
        bytes += Files.size(p);
      }
    }
    System.out.printf("export-db: %,d pypi-deps-db bucket files, %,d bytes, under %s%n", files, bytes, machNix.toAbsolutePath());
    Path compact = output.resolve("compact");
    if (Files.isDirectory(compact)) {
      System.out.println("  compact database: " + compact.toAbsolutePath());
    }
  }
}
