package dev.pypidb.cli;

import dev.pypidb.pipelines.generate.SyntheticCorpus;
import dev.pypidb.pipelines.resolve.Environments;
import dev.pypidb.pipelines.resolve.GraphExport;
import dev.pypidb.pipelines.storage.StorageSetup;
import dev.pypidb.pypa.requirements.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** The command table. */
final class Commands {
  private Commands() {}

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    register(new DemoCommand());
    register(new AllCommand());
    register(new NormalizeCommand());
    register(new AbiStatsCommand());
    register(new ResolveCommand());
    register(new ExportDbCommand());
    register(new UpdateCommand());
    register(new FetchCommand());
    register(new SyncCommand());
    register(new SimpleCommand("generate", "synthetic BigQuery-shaped input for scale tests",
        """
        usage: pypidb generate --projects=N --output=DIR [--files=K] [--seed=S]
               pypidb generate --archives=N --output=DIR [--seed=S]

        --projects: writes K gzip NDJSON files (default 4) of BigQuery distribution_metadata
        rows for N synthetic projects whose shape follows the real corpus: versions per
        project, files per release, wheel tag mix, requirement counts (about 12 files per
        project).
        --archives: writes N distribution archives (sdists and wheels, alternating) for the
        archives input: sdists with the corpus sdists' mix of PKG-INFO, egg-info, setup.py,
        setup.cfg and pyproject.toml, and source files beside them; wheels with METADATA.
        """, args -> {
          int projects = -1;
          int archives = -1;
          int files = 4;
          long seed = 1;
          String output = null;
          for (String a : args) {
            if (a.startsWith("--projects=")) {
              projects = Integer.parseInt(a.substring(11));
            } else if (a.startsWith("--archives=")) {
              archives = Integer.parseInt(a.substring(11));
            } else if (a.startsWith("--files=")) {
              files = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("--seed=")) {
              seed = Long.parseLong(a.substring(7));
            } else if (a.startsWith("--output=")) {
              output = a.substring(9);
            } else {
              throw new UsageException("unknown option " + a);
            }
          }
          if ((projects < 1) == (archives < 1) || output == null || files < 1) {
            throw new UsageException("--output=DIR and one of --projects=N or --archives=N (N >= 1) are required");
          }
          long start = System.nanoTime();
          if (archives > 0) {
            long bytes = new dev.pypidb.pipelines.generate.SyntheticArchives(seed).write(Path.of(output), archives);
            System.out.printf("generate: %,d archives (%,d bytes) in %.1f s under %s%n", archives, bytes,
                (System.nanoTime() - start) / 1e9, output);
            return 0;
          }
          long rows = new SyntheticCorpus(projects, seed)
              .write(Path.of(output), files);
          System.out.printf("generate: %,d rows for %,d projects in %.1f s under %s%n", rows, projects,
              (System.nanoTime() - start) / 1e9, output);
          return 0;
        }));
    register(new SimpleCommand("graph", "the resolver's package graph of a normalize output as JSON",
        """
        usage: pypidb graph --tables=DIR --output=FILE.json [--environments=FILE|DIR [--top=N]]

        Writes the package graph resolve uses (every release, its files and their
        requirements, sdist builds per python key) as one pypidb-index/1 JSON document
        (format: dev.pypidb.pypa.resolver.IndexJson). The resolvelib differential reads it.
        With --environments (as resolve takes them), only the projects they can reach:
        those they name and, transitively, every project any release of those requires.
        """, args -> {
          String tables = null;
          String output = null;
          String environments = null;
          int top = 360; // resolve's default
          for (String a : args) {
            if (a.startsWith("--tables=")) {
              tables = a.substring(9);
            } else if (a.startsWith("--output=")) {
              output = a.substring(9);
            } else if (a.startsWith("--environments=")) {
              environments = a.substring(15);
            } else if (a.startsWith("--top=")) {
              top = Integer.parseInt(a.substring(6));
            } else {
              throw new UsageException("unknown option " + a);
            }
          }
          if (tables == null || output == null) {
            throw new UsageException("--tables and --output are required");
          }
          List<String> locations = new ArrayList<>(List.of(tables, output));
          if (environments != null) {
            locations.add(environments);
          }
          StorageSetup.configure(PipelineOptionsFactory.create(), locations, List.of());
          java.util.Set<String> only = null;
          if (environments != null) {
            java.util.Set<String> roots = new java.util.TreeSet<>();
            for (Environments.Environment e : Environments.read(environments, top)) {
              for (String r : e.requirements()) {
                try {
                  roots.add(Requirement.parse(r).canonicalName());
                } catch (IllegalArgumentException ex) {
                  // resolve reports it as invalid_requirement
                }
              }
            }
            only = GraphExport.closure(tables, roots);
          }
          int n = GraphExport.write(tables, output, only);
          System.out.printf("graph: %,d projects written to %s%n", n, output);
          return 0;
        }));
    register(new SqlCommand());
    register(new SimpleCommand("eval", "the standards library as JSON lines (stdin to stdout)",
        """
        usage: pypidb eval < requests.jsonl > results.jsonl

        One JSON object per input line, one result per output line, same order.
        Ops: name, version, compare, specifier, contains, requirement, marker, wheel,
        tags, compatible. See docs/eval.md for the fields of each.

          echo '{"op":"version","version":"1.0-RC1"}' | pypidb eval
        """, args -> EvalCommand.run()));
  }

  static void register(Command c) {
    COMMANDS.put(c.name(), c);
  }

  static Command get(String name) {
    Command c = COMMANDS.get(name);
    if (c == null) {
      throw new UsageException("unknown command '" + name + "' (pypidb --help lists them)");
    }
    return c;
  }

  static String overview() {
    StringBuilder out = new StringBuilder("""
        pypidb: PyPI metadata as Apache Beam pipelines.

        usage: pypidb <command> [--option=value ...]
               pypidb <command> --help

        commands:
        """);
    for (Command c : COMMANDS.values()) {
      out.append(String.format("  %-11s %s%n", c.name(), c.summary()));
    }
    out.append("""

        Pipeline commands take Beam options. They run on embedded Flink by default
        (--runner=FlinkRunner --flinkMaster=[local]); --flinkMaster=host:port submits to a
        Flink cluster, --runner=DirectRunner runs Beam's test runner.
        """);
    return out.toString();
  }

  /** A command given by name, summary, help and a body. */
  record SimpleCommand(String name, String summary, String help, Body body) implements Command {
    interface Body {
      int run(String[] args) throws Exception;
    }

    @Override
    public int run(String[] args) throws Exception {
      return body.run(args);
    }
  }
}
