package dev.pypidb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code pypidb demo}: every pipeline on the bundled sample, into ./pypidb-out/. */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "run every pipeline on the bundled sample into ./pypidb-out/";
  }

  @Override
  public String help() {
    return """
        usage: pypidb demo [--output=DIR] [--runner=...]

        Writes the bundled sample (real metadata of ~45 well-known projects in every input
        format, with deliberately broken records) to DIR/sample-input/, then runs
        `pypidb all` on it into DIR (default ./pypidb-out): the normalized tables, ABI
        statistics and the report, resolutions of the sample environments, and the exported
        databases. Prints a summary and where the report is.
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    List<String> rest = new ArrayList<>();
    String output = "pypidb-out";
    for (String a : args) {
      if (a.startsWith("--output=")) {
        output = a.substring("--output=".length());
      } else {
        rest.add(a);
      }
    }
    Path out = Path.of(output).toAbsolutePath();
    PipelineRun.ensureWritable(out.toString());
    Path sample = SampleInput.extract(out.resolve("sample-input"));
    System.err.println("pypidb demo: sample written to " + sample);
    List<String> all = new ArrayList<>(List.of(
        "--input=" + sample.resolve("bigquery") + "," + sample.resolve("pypi-json") + ","
            + sample.resolve("simple-json") + "," + sample.resolve("deps-db") + "," + sample.resolve("archives"),
        "--output=" + out,
        "--popular=" + sample.resolve("popular/top-pypi-packages.json"),
        "--environments=" + sample.resolve("environments/environments.jsonl"),
        "--targets=" + sample.resolve("targets.txt"),
        "--policy=wheels+sdist,wheels-only",
        "--cache=" + out.resolve("resolve-cache")));
    all.addAll(rest);
    return new AllCommand().run(all.toArray(new String[0]));
  }
}
