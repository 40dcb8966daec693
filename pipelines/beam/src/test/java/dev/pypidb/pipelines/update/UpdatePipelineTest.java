package dev.pypidb.pipelines.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.normalize.NormalizeProjects;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ProjectRowGroups;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.tables.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * update from the output of one snapshot must equal normalize on the next ({@link Snapshots}:
 * added, changed, removed and yanked projects, every line moved); the deps-db and PyPI JSON
 * fixtures ride along unchanged. Row groups of about 2 projects, so removals and insertions
 * hit group boundaries.
 */
public class UpdatePipelineTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final int GROUP_PROJECTS = 2;

  private List<String> inputs(String name, List<String> bigqueryLines) throws IOException {
    Path dir = tmp.newFolder(name).toPath();
    Path rows = dir.resolve("rows.jsonl");
    Files.write(rows, bigqueryLines, StandardCharsets.UTF_8);
    return List.of(rows.toString(), TestData.fixture("deps-db").toString(),
        TestData.fixture("pypi-json/jsonproj.json").toString());
  }

  private Path normalize(String name, List<String> inputs) throws IOException {
    Path out = tmp.newFolder(name).toPath();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(p, InputResolver.resolve(inputs, null), out.toString(), 2, GROUP_PROJECTS);
    assertEquals("DONE", p.run().waitUntilFinish().toString());
    return out;
  }

  private Path update(String name, Path previous, List<String> inputs, Map<String, Long> feed) throws IOException {
    Path out = tmp.newFolder(name).toPath();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    UpdatePipeline.build(p, InputResolver.resolve(inputs, null), previous.toString(), out.toString(), 2, feed);
    assertEquals("DONE", p.run().waitUntilFinish().toString());
    return out;
  }

  private static List<String> inFileOrder(Path out, Table t) throws IOException {
    List<String> rows = new ArrayList<>();
    for (GenericRecord r : TestData.rows(out, t.dirName())) {
      rows.add(r.toString());
    }
    return rows;
  }

  /** Every file's row groups as (first, last) project pairs. */
  private static List<String> groups(Path out, Table t) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve(t.dirName()))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".parquet")).sorted().toList()) {
        try (ProjectRowGroups g = ProjectRowGroups.open(f.toString())) {
          g.groups().forEach(x -> all.add(f.getFileName() + " " + x.first() + ".." + x.last()
              + " " + x.block().getRowCount()));
        }
      }
    }
    return all;
  }

  private static void assertSameTables(Path full, Path updated) throws IOException {
    for (Table t : NormalizeProjects.PROJECT_TABLES) {
      assertEquals(t + " rows, in file order", inFileOrder(full, t), inFileOrder(updated, t));
      assertEquals(t + " row groups", groups(full, t), groups(updated, t));
    }
    assertEquals("dead letters", TestData.content(full, "dead_letter"), TestData.content(updated, "dead_letter"));
    try (Stream<Path> files = Files.list(full.resolve(ResolverGraphFiles.DIR))) {
      List<Path> graphs = files.sorted().toList();
      assertEquals(2, graphs.size());
      for (Path g : graphs) {
        assertEquals("resolver graph " + g.getFileName() + " byte for byte", -1L,
            Files.mismatch(g, updated.resolve(ResolverGraphFiles.DIR).resolve(g.getFileName())));
      }
    }
    JsonNode a = new ObjectMapper().readTree(full.resolve("manifest.json").toFile());
    JsonNode b = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile());
    assertEquals(a.get("totals"), b.get("totals"));
    assertEquals(a.get("inputs"), b.get("inputs"));
    for (String table : List.of("releases", "files", "wheel_tags", "requirements", "dead_letter",
        ResolverGraphFiles.DIR)) {
      assertEquals(table, a.get("tables").get(table).get("rows"), b.get("tables").get(table).get("rows"));
    }
  }

  @Test
  public void updateEqualsAFullRunOnTheNewSnapshot() throws IOException {
    Path before = normalize("before", inputs("one", Snapshots.one()));
    List<String> next = inputs("two", Snapshots.two());
    Path full = normalize("full", next);
    Path updated = update("updated", before, next, Map.of());
    assertSameTables(full, updated);

    JsonNode m = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile());
    JsonNode stats = m.get("stats");
    assertEquals(6, stats.get("update projects added").asLong());
    assertEquals(6, stats.get("update projects removed").asLong());
    // proj-x1 (new version), x5 (dropped release), x7 (requirements), x9 (yank): 4 per ten; dep-2
    assertEquals(25, stats.get("update projects changed").asLong());
    assertEquals(1, stats.get("update projects " + DetectChanges.DEAD_LETTERS).asLong());
    assertTrue(m.get("totals").get("reconciles").asBoolean());
    assertTrue("some row groups are copied", stats.get("update row groups copied").asLong() > 0);
    assertTrue("some row groups are rewritten", stats.get("update row groups rewritten").asLong() > 0);
    assertTrue("graph entries copied", stats.get("update resolver graph projects copied").asLong() > 0);
    assertEquals("graphs built: the recomputed projects still present",
        stats.get("update projects added").asLong() + stats.get("update projects changed").asLong()
            + stats.get("update projects " + DetectChanges.DEAD_LETTERS).asLong(),
        stats.get("update resolver graph projects built").asLong());
    assertEquals(before.toAbsolutePath().normalize().toString(), m.get("updated_from").asText());
  }

  @Test
  public void nothingChangedCopiesEveryGroupAndTheFeedForcesARefresh() throws IOException {
    List<String> one = inputs("one", Snapshots.one());
    Path before = normalize("before", one);
    Path updated = update("updated", before, one, Map.of("proj-10", 1234L, "proj-11", 1240L));
    assertSameTables(before, updated);
    JsonNode m = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile());
    JsonNode stats = m.get("stats");
    assertEquals(2, stats.get("update projects " + DetectChanges.FEED).asLong());
    assertEquals(null, stats.get("update projects " + DetectChanges.CHANGED_RECORDS));
    assertEquals("1240", m.get("change_feed_serial").asText());
  }

  @Test
  public void aPreviousOutputWithoutAGraphGetsOneBuiltFromItsTables() throws IOException {
    Path before = normalize("before", inputs("one", Snapshots.one()));
    FinalizeOutput.deleteRecursively(before.resolve(ResolverGraphFiles.DIR).toString());
    List<String> two = inputs("two", Snapshots.two());
    Path updated = update("updated", before, two, Map.of());
    assertSameTables(normalize("full", two), updated);
    JsonNode stats = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile()).get("stats");
    assertEquals(0, stats.get("update resolver graph projects copied").asLong());
  }

  @Test
  public void updatingAnUpdateStillEqualsAFullRun() throws IOException {
    Path before = normalize("before", inputs("one", Snapshots.one()));
    List<String> two = inputs("two", Snapshots.two());
    Path once = update("once", before, two, Map.of());
    List<String> three = inputs("three", Snapshots.one());
    Path back = update("back", once, three, Map.of());
    Path full = normalize("full", three);
    assertSameTables(full, back);
  }
}
