package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.abistats.AbiStatsPipeline;
import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.options.UpdateOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pipelines.update.UpdatePipeline;
import java.io.IOException;
import java.util.SortedSet;

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
    String out = options.getOutput();
    PipelineRun.run("update", options, UpdatePipeline::build);
    printSummary(out);
    if (options.getCache() == null) {
      String cache = Storage.resolve(out, AllCommand.DEFAULT_CACHE);
      copyCache(Storage.resolve(options.getPrevious(), AllCommand.DEFAULT_CACHE), cache);
      options.setCache(cache);
    }
    String previous = options.getPrevious();
    SortedSet<String> changed = UpdatePipeline.changedProjects(out);
    AllCommand.runStagesAfterTables(options,
        (p, o) -> AbiStatsPipeline.buildUpdate(p, o, previous, changed),
        (p, o) -> ExportDbPipeline.buildUpdate(p, o, previous, changed));
    return 0;
  }

  /** What changed and what was reused, from the manifest. */
  static void printSummary(String output) throws IOException {
    NormalizeCommand.printSummary(output);
    JsonNode stats = Manifests.read(output).path("stats");
    System.out.println("update:");
    stats.fields().forEachRemaining(s -> {
      if (s.getKey().startsWith("update ")) {
        System.out.printf("  %-60s %,10d%n", s.getKey().substring("update ".length()), s.getValue().asLong());
      }
    });
  }

  /**
   * The previous resolve cache, copied so that the previous output stays as it was: its
   * manifest and the files it lists (a cache on an object store has other files beside them).
   */
  static void copyCache(String from, String to) throws IOException {
    JsonNode manifest = Manifests.read(from);
    if (manifest == null) {
      return;
    }
    String table = Table.RESOLVE_CACHE.dirName();
    for (String f : TableFiles.of(from).files(table)) {
      String rel = f.substring(Storage.resolve(from, table).length() + 1);
      Storage.copy(f, Storage.resolve(Storage.resolve(to, table), rel));
    }
    Storage.copy(Storage.resolve(from, Manifests.FILE), Storage.resolve(to, Manifests.FILE));
  }
}
