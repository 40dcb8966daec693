package dev.pypidb.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.bench.CompareOutputs;
import dev.pypidb.pipelines.update.Snapshots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code pypidb update} against {@code pypidb all} on the next snapshot ({@link Snapshots}:
 * additions, changes, removals, yanks): every table, the ABI statistics and report, the
 * resolutions and both exported databases must come out the same, on the DirectRunner and on
 * Flink, and the resolve cache must be reused exactly where nothing consulted changed.
 */
public class UpdateCommandTest {
  @ClassRule public static TemporaryFolder tmp = new TemporaryFolder();

  private static final List<String> ENVIRONMENTS = List.of(
      "{\"id\": \"changed-release\", \"requirements\": [\"proj-1\"]}",
      "{\"id\": \"untouched\", \"requirements\": [\"proj-4\"]}",
      "{\"id\": \"yanked\", \"requirements\": [\"proj-9\"]}",
      "{\"id\": \"added-later\", \"requirements\": [\"new-0\"]}",
      "{\"id\": \"dependency-changed\", \"requirements\": [\"proj-16\"]}",
      "{\"id\": \"removed\", \"requirements\": [\"proj-13\"]}");

  private static String[] args(Path dir, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("--input=" + dir.resolve("rows.jsonl"), "--output=" + out,
        "--popular=" + dir.resolve("popular.json"), "--environments=" + dir.resolve("environments.jsonl"),
        "--targets=" + dir.resolve("targets.txt"), "--shards=2", "--groupProjects=2"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  private static Path snapshot(String name, List<String> rows) throws Exception {
    Path dir = tmp.newFolder(name).toPath();
    Files.write(dir.resolve("rows.jsonl"), rows, StandardCharsets.UTF_8);
    Files.write(dir.resolve("environments.jsonl"), ENVIRONMENTS, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("targets.txt"), "cp312-manylinux_2_39_x86_64 0.7\ncp38-win_amd64 0.3\n");
    Files.writeString(dir.resolve("popular.json"), "{\"last_update\": \"2026-11-01\", \"rows\": ["
        + "{\"project\": \"proj-9\", \"download_count\": 900}, {\"project\": \"new-1\", \"download_count\": 800},"
        + "{\"project\": \"proj-13\", \"download_count\": 700}, {\"project\": \"proj-4\", \"download_count\": 600}]}");
    return dir;
  }

  private static void assertSame(Path full, Path updated) throws Exception {
    List<String> differences = new ArrayList<>();
    long[] same = CompareOutputs.differences(full, updated, differences);
    assertEquals(List.of(), differences);
    assertTrue("compared " + same[0] + " files", same[0] > 20);
  }

  @Test
  public void updateEqualsAllOnTheNextSnapshotOnBothRunners() throws Exception {
    Path one = snapshot("one", Snapshots.one());
    Path two = snapshot("two", Snapshots.two());
    Path previous = tmp.getRoot().toPath().resolve("previous");
    Path full = tmp.getRoot().toPath().resolve("full");
    Path updated = tmp.getRoot().toPath().resolve("updated");
    assertEquals(0, new AllCommand().run(args(one, previous, "--runner=DirectRunner")));
    assertEquals(0, new AllCommand().run(args(two, full, "--runner=DirectRunner")));
    assertEquals(0, new UpdateCommand().run(args(two, updated, "--previous=" + previous, "--runner=DirectRunner")));
    assertSame(full, updated);

    JsonNode resolve = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile())
        .get("stages").get("resolve").get("stats");
    // 6 environments x 2 targets: untouched is reused; the others consulted a changed project
    assertEquals(resolve.toString(), 2, resolve.get("cache_hits").asLong());
    assertEquals(10, resolve.get("cache_invalidated").asLong());
    assertEquals(4, resolve.get("cache_invalidated_by dep-2").asLong()); // proj-16 and proj-9 need it
    assertEquals(2, resolve.get("cache_invalidated_by proj-9").asLong());
    assertEquals(2, resolve.get("cache_invalidated_by new-0").asLong());
    assertTrue(Files.isDirectory(previous.resolve("resolve-cache")));

    Path flink = tmp.getRoot().toPath().resolve("updated-on-flink");
    assertEquals(0, new UpdateCommand().run(args(two, flink, "--previous=" + previous,
        "--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertSame(full, flink);
  }
}
