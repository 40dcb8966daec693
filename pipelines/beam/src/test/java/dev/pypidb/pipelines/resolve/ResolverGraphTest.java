package dev.pypidb.pipelines.resolve;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pypidb.graph.GraphIndex;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The resolver graph normalize writes beside the tables holds, for every project, exactly what
 * the resolver would build from the project's rows ({@link TablesIndex}): wheels with their
 * Requires-Dist, PyPI JSON releases, deps-db sdist builds per python key and their errors.
 */
public class ResolverGraphTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theGraphHoldsWhatTheTablesSay() throws IOException {
    Path tables = tmp.newFolder("tables").toPath();
    Pipeline n = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(n, InputResolver.resolve(List.of(
        TestData.fixture("bigquery").toString(), TestData.fixture("deps-db").toString(),
        TestData.fixture("pypi-json").toString(), TestData.fixture("resolve/index.jsonl").toString()),
        null), tables.toString(), 3);
    assertEquals("DONE", n.run().waitUntilFinish().toString());

    Map<String, String> projects = TablesIndex.fingerprints(tables.toString());
    assertTrue("projects: " + projects.keySet(), projects.size() >= 9);
    List<String> files = ResolverGraphFiles.of(tables.toString());
    assertEquals(3, files.size());
    int sdists = 0;
    try (GraphIndex graph = GraphIndex.open(files.stream().map(Path::of).toList(), ResolverGraphFiles.BUILDER);
        TablesIndex rows = new TablesIndex(tables.toString())) {
      assertEquals(projects.size(), graph.size());
      for (String name : projects.keySet()) {
        ProjectData fromGraph = graph.project(name);
        assertEquals(name, rows.project(name), fromGraph);
        sdists += fromGraph.releases().stream()
            .mapToInt(r -> (int) r.distributions().stream()
                .filter(d -> !d.requirementsByPythonKey().isEmpty() || !d.failedPythonKeys().isEmpty())
                .count())
            .sum();
      }
      assertNull(graph.project("no-such-project"));
    }
    assertTrue("deps-db sdist builds are in the graph", sdists > 0);
  }
}
