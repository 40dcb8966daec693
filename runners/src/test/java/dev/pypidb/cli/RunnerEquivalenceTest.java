package dev.pypidb.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.AllOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The bundled sample through normalize and export-db on the DirectRunner and on Flink
 * (embedded): identical table contents and byte-identical pypi-deps-db buckets and compact database.
 */
public class RunnerEquivalenceTest {
  @ClassRule public static TemporaryFolder tmp = new TemporaryFolder();

  private static Path run(String runner, Path sample, Path out) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "--input=" + sample.resolve("bigquery") + "," + sample.resolve("pypi-json") + ","
            + sample.resolve("simple-json") + "," + sample.resolve("deps-db") + "," + sample.resolve("archives"),
        "--output=" + out, "--tables=" + out, "--runner=" + runner));
    if (runner.equals("FlinkRunner")) {
      args.add("--flinkMaster=[local]");
    }
    AllOptions options = PipelineRun.options(AllOptions.class, args.toArray(new String[0]));
    Pipeline normalize = Pipeline.create(options);
    NormalizePipeline.build(normalize, options);
    assertEquals("DONE", normalize.run().waitUntilFinish().toString());
    Pipeline export = Pipeline.create(options);
    ExportDbPipeline.build(export, options);
    assertEquals("DONE", export.run().waitUntilFinish().toString());
    return out;
  }

  @Test
  public void directAndFlinkGiveTheSameTablesAndTheSameBytes() throws Exception {
    Path sample = SampleInput.extract(tmp.getRoot().toPath().resolve("sample"));
    Path direct = run("DirectRunner", sample, tmp.getRoot().toPath().resolve("direct"));
    Path flink = run("FlinkRunner", sample, tmp.getRoot().toPath().resolve("flink"));
    for (String table : List.of("releases", "files", "wheel_tags", "requirements", "sdist_metadata",
        "fingerprints", "dead_letter")) {
      List<String> a = TestData.content(direct, table);
      assertTrue(table + " is empty", !a.isEmpty() || table.equals("sdist_metadata"));
      assertEquals(table, a, TestData.content(flink, table));
    }
    List<Path> buckets = new ArrayList<>();
    try (Stream<Path> s = Files.walk(direct.resolve("mach-nix"))) {
      s.filter(Files::isRegularFile).sorted().forEach(buckets::add);
    }
    assertTrue(buckets.size() > 10);
    for (Path b : buckets) {
      Path other = flink.resolve(direct.relativize(b));
      assertTrue("flink lacks " + other, Files.isRegularFile(other));
      assertEquals(b.toString(), -1L, Files.mismatch(b, other));
    }
    try (Stream<Path> s = Files.walk(flink.resolve("mach-nix"))) {
      assertEquals(buckets.size(), s.filter(Files::isRegularFile).count());
    }
    for (int i = 0; i < 4; i++) {
      Path graph = Path.of(ResolverGraphFiles.DIR, ResolverGraphFiles.partName(i, 4));
      assertEquals(graph.toString(), -1L, Files.mismatch(direct.resolve(graph), flink.resolve(graph)));
    }
    Path compact = Path.of("compact", ExportDbPipeline.COMPACT_FILE);
    assertTrue(Files.size(direct.resolve(compact)) > 1000);
    assertEquals(-1L, Files.mismatch(direct.resolve(compact), flink.resolve(compact)));
  }

}
