package dev.pypidb.pipelines.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.normalize.NormalizeProjects;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.tables.ProjectRowGroups;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pipelines.tables.WriteTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A partial update (only the changed project directories of a per-project raw tree are read)
 * must equal normalize on the whole new tree: rows, row groups, dead letters (the unread
 * directories' carried over), manifest inputs and skipped files.
 */
public class PartialUpdateTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** A PEP 691 page in {@code tree/name/} with one wheel per version and its metadata file. */
  private static void project(Path tree, String name, Map<String, String> requiresByVersion, boolean badMetadata)
      throws IOException {
    Path dir = tree.resolve(name);
    if (Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> v : new java.util.TreeMap<>(requiresByVersion).entrySet()) {
      String wheel = name + "-" + v.getKey() + "-py3-none-any.whl";
      Files.writeString(dir.resolve(wheel + ".metadata"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: "
          + v.getKey() + "\nRequires-Dist: " + v.getValue() + "\n");
      files.add("{\"filename\": \"" + wheel + "\", \"url\": \"" + wheel + "\", \"hashes\": {\"sha256\": \"00\"},"
          + " \"core-metadata\": true}");
    }
    if (badMetadata) {
      String wheel = name + "-9.0-py3-none-any.whl";
      Files.writeString(dir.resolve(wheel + ".metadata"), "this is not a header block\n");
      files.add("{\"filename\": \"" + wheel + "\", \"url\": \"" + wheel + "\", \"hashes\": {}, \"core-metadata\": true}");
    }
    Files.writeString(dir.resolve(name + ".json"), "{\"meta\": {\"api-version\": \"1.1\", \"_last-serial\": 1},"
        + " \"name\": \"" + name + "\", \"files\": [" + String.join(", ", files) + "]}", StandardCharsets.UTF_8);
  }

  private static void delete(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Path normalize(String name, Path tree) throws IOException {
    Path out = tmp.newFolder(name).toPath();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(p, InputResolver.resolve(List.of(tree.toString()), null), out.toString(), 2, 2);
    assertEquals("DONE", p.run().waitUntilFinish().toString());
    return out;
  }

  private Path partialUpdate(String name, Path previous, Path tree, Set<String> changed) throws IOException {
    Path out = tmp.newFolder(name).toPath();
    Path list = tmp.getRoot().toPath().resolve(name + ".changed");
    Files.write(list, changed);
    PartialInput partial = PartialInput.of(List.of(tree.toString()), list.toString(), Set.of(), previous.toString());
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    UpdatePipeline.build(p, partial.resolve(null), previous.toString(), out.toString(), 2, Map.of(), partial);
    assertEquals("DONE", p.run().waitUntilFinish().toString());
    return out;
  }

  private static List<String> rows(Path out, Table t) throws IOException {
    List<String> rows = new ArrayList<>();
    for (GenericRecord r : TestData.rows(out, t.dirName())) {
      rows.add(r.toString());
    }
    return rows;
  }

  @Test
  public void readsOnlyTheChangedDirectoriesAndEqualsAFullRun() throws IOException {
    Path tree = tmp.newFolder("raw").toPath();
    for (int i = 0; i < 20; i++) {
      project(tree, String.format("p%02d", i), Map.of("1.0", "dep-" + i + ">=1"), i == 5);
    }
    Files.writeString(tree.resolve("fetch-manifest.json"), "{\"format_version\": 1}");
    Path before = normalize("before", tree);

    project(tree, "p01", Map.of("1.0", "dep-1>=1", "2.0", "dep-1>=2"), false); // a release added
    delete(tree.resolve("p02")); // removed
    project(tree, "p03", Map.of("1.0", "other>=3"), false); // requirements edited
    project(tree, "p04", Map.of("1.0", "dep-4>=1"), true); // a dead letter appears
    project(tree, "p20", Map.of("0.1", "dep-20"), false); // added
    project(tree, "p06", Map.of("1.0", "dep-6>=1"), false); // listed, rewritten the same
    Path full = normalize("full", tree);
    Path updated = partialUpdate("updated", before, tree, new TreeSet<>(Set.of("p01", "p02", "p03", "p04", "p20", "p06")));

    for (Table t : NormalizeProjects.PROJECT_TABLES) {
      assertEquals(t + " rows", rows(full, t), rows(updated, t));
    }
    assertEquals("dead letters (p05's carried, p04's read)", TestData.content(full, "dead_letter"),
        TestData.content(updated, "dead_letter"));
    assertEquals(2, TestData.content(full, "dead_letter").size());
    JsonNode a = new ObjectMapper().readTree(full.resolve("manifest.json").toFile());
    JsonNode b = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile());
    assertEquals(a.get("totals"), b.get("totals"));
    assertEquals(a.get("inputs"), b.get("inputs"));
    assertEquals(a.get("skipped_files"), b.get("skipped_files"));
    JsonNode stats = b.get("stats");
    assertEquals(3, stats.get("update projects changed").asLong()); // p01, p03, p04 (a new file entry); not p06
    assertEquals(1, stats.get("update projects added").asLong());
    assertEquals(1, stats.get("update projects removed").asLong());
    assertEquals(3, stats.get("update releases added").asLong()); // p01 2.0, p04 9.0, p20 0.1
    assertEquals(1, stats.get("update releases removed").asLong()); // p02 1.0
    assertEquals("6", b.get("partial_update_projects_read").asText());
    assertTrue(b.get("totals").get("reconciles").asBoolean());
  }

  /** Each shard file's row groups, as first..last project. */
  private static List<String> rowGroups(Path out, Table t) throws IOException {
    List<String> groups = new ArrayList<>();
    TableFiles files = TableFiles.of(out.toString());
    for (int s = 0; s < 2; s++) {
      try (ProjectRowGroups f = ProjectRowGroups.open(files.shard(t, s, 2))) {
        for (ProjectRowGroups.Group g : f.groups()) {
          groups.add(s + ":" + g.first() + ".." + g.last());
        }
      }
    }
    return groups;
  }

  @Test
  public void projectsAddedToAShardThatWasEmptyGetTheFullRunsRowGroups() throws IOException {
    Path tree = tmp.newFolder("raw").toPath();
    project(tree, "p00", Map.of("1.0", "x"), false);
    Path before = normalize("before", tree);
    int empty = WriteTables.shardOf("p00", 2) == 0 ? 1 : 0;
    assertEquals("the other shard is empty", List.of(), rowGroups(before, Table.RELEASES).stream()
        .filter(g -> g.startsWith(empty + ":")).toList());
    Set<String> added = new TreeSet<>();
    for (int i = 1; i <= 12; i++) {
      String name = String.format("p%02d", i);
      project(tree, name, Map.of("1.0", "dep-" + i), false);
      added.add(name);
    }
    Path full = normalize("full", tree);
    Path updated = partialUpdate("updated", before, tree, added);
    for (Table t : NormalizeProjects.PROJECT_TABLES) {
      assertEquals(t + " rows", rows(full, t), rows(updated, t));
      assertEquals(t + " row groups", rowGroups(full, t), rowGroups(updated, t));
    }
    assertTrue("several groups (groupProjects 2) in the shard that was empty",
        rowGroups(full, Table.RELEASES).stream().filter(g -> g.startsWith(empty + ":")).count() > 1);
  }

  @Test
  public void aRecordOutsideItsProjectDirectoryStopsThePartialUpdate() throws IOException {
    Path tree = tmp.newFolder("raw").toPath();
    project(tree, "a", Map.of("1.0", "x"), false);
    project(tree, "b", Map.of("1.0", "y"), false);
    Path before = normalize("before", tree);
    // b's metadata now says it is project a's
    Files.writeString(tree.resolve("b/b-1.0-py3-none-any.whl.metadata"), "Metadata-Version: 2.1\nName: a\nVersion: 1.0\n");
    try {
      partialUpdate("updated", before, tree, Set.of("b"));
      fail("a record of project a in b's directory must stop a partial update");
    } catch (RuntimeException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("holds a record of project a"));
    }
    Path other = tmp.newFolder("elsewhere").toPath();
    project(other, "a", Map.of("1.0", "x"), false);
    Path list = tmp.getRoot().toPath().resolve("list");
    Files.write(list, List.of("a"));
    try {
      PartialInput.of(List.of(other.toString()), list.toString(), Set.of(), before.toString());
      fail("a previous output of another tree must be refused");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("not from the tree"));
    }
  }
}
