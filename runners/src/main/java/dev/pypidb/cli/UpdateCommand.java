package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.abistats.AbiStatsPipeline;
import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.options.UpdateOptions;
import dev.pypidb.pipelines.update.UpdatePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * {@code pypidb update}: the outputs of {@code all} for new raw metadata, computed from a
 * previous output by recomputing only what changed.
 */
final class UpdateCommand implements Command {
  @Override
  public String name() {
    return "update";
  }

  @Override
  public String summary() {
    return "update a previous output for new raw metadata, recomputing only what changed";
  }

  @Override
  public String help() {
    return """
        usage: pypidb update --previous=OLD_DIR --input=PATH[,PATH...] --output=NEW_DIR
                             [--changes=FEED] [--popular=FILE] [--environments=FILE|DIR]
                             [--targets=FILE] [options]

        Writes under NEW_DIR what `pypidb all --input=PATH... --output=NEW_DIR` would,
        starting from OLD_DIR (an all, normalize or update output; it is only read):
        projects whose raw records are unchanged (same fingerprint) keep their rows,
        whose Parquet row groups are copied as bytes; added, changed and removed
        projects are recomputed. Resolutions whose consulted projects are unchanged
        come from the resolve cache (OLD_DIR/resolve-cache, copied to
        NEW_DIR/resolve-cache unless --cache names one).

        Options:
          --previous=DIR     the output to update from (required)
          --input=...        the new raw metadata, all of it (required)
          --output=DIR       a new directory (required; not OLD_DIR)
          --changes=FILE     a change feed: (project, serial) events, one per line;
                             the projects it names are recomputed in any case
          --changedProjects=FILE
                             a partial update of a per-project raw tree (pypidb fetch's):
                             --input is that one directory, FILE names the project
                             directories that changed since OLD_DIR was computed from the
                             same tree; only they are read (pypidb sync writes FILE)
          and the options of `pypidb all`.
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    UpdateOptions options = PipelineRun.options(UpdateOptions.class, args);
    Path out = Path.of(options.getOutput());
    PipelineRun.run("update", options, UpdatePipeline::build);
    printSummary(out);
    if (options.getCache() == null) {
      Path cache = out.resolve(AllCommand.DEFAULT_CACHE);
      copyCache(Path.of(options.getPrevious()).resolve(AllCommand.DEFAULT_CACHE), cache);
      options.setCache(cache.toString());
    }
    String previous = options.getPrevious();
    SortedSet<String> changed = UpdatePipeline.changedProjects(out);
    AllCommand.runStagesAfterTables(options,
        (p, o) -> AbiStatsPipeline.buildUpdate(p, o, previous, changed),
        (p, o) -> ExportDbPipeline.buildUpdate(p, o, previous, changed));
    return 0;
  }

  /** What changed and what was reused, from the manifest. */
  static void printSummary(Path output) throws IOException {
    NormalizeCommand.printSummary(output);
    JsonNode stats = new ObjectMapper().readTree(output.resolve("manifest.json").toFile()).path("stats");
    System.out.println("update:");
    stats.fields().forEachRemaining(s -> {
      if (s.getKey().startsWith("update ")) {
        System.out.printf("  %-60s %,10d%n", s.getKey().substring("update ".length()), s.getValue().asLong());
      }
    });
  }

  /** The previous resolve cache, copied so that the previous output stays as it was. */
  static void copyCache(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
