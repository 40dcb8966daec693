package dev.pypidb.cli;

import java.util.LinkedHashMap;
import java.util.Map;

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

        Pipeline commands take Beam options: --runner=DirectRunner (default) or
        --runner=FlinkRunner --flinkMaster=[local] | host:port.
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
