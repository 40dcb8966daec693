package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  @TempDir
  Path dir;

  private static String sha(byte[] b) {
    return HexFormat.of().formatHex(HttpTransport.sha256().digest(b));
  }

  /** A project page with one wheel per version, each with a PEP 658 metadata file. */
  private static void project(TestIndex index, String name, long serial, String... versions) {
    StringBuilder files = new StringBuilder();
    for (String v : versions) {
      String wheel = name + "-" + v + "-py3-none-any.whl";
      byte[] meta = ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + v + "\n").getBytes(StandardCharsets.UTF_8);
      index.put("/files/" + wheel + ".metadata", meta, "application/octet-stream");
      files.append(files.length() == 0 ? "" : ",").append(String.format(
          "{\"filename\": \"%s\", \"url\": \"../../files/%s\", \"hashes\": {\"sha256\": \"%s\"},"
              + " \"core-metadata\": {\"sha256\": \"%s\"}}", wheel, wheel, sha(wheel.getBytes(StandardCharsets.UTF_8)), sha(meta)));
    }
    index.put("/simple/" + name + "/", String.format("{\"meta\": {\"api-version\": \"1.1\", \"_last-serial\": %d},"
        + " \"name\": \"%s\", \"files\": [%s]}", serial, name, files).getBytes(StandardCharsets.UTF_8), SimpleJson.MEDIA_TYPE);
  }

  private static void root(TestIndex index, Map<String, Long> serials) {
    StringBuilder p = new StringBuilder();
    serials.forEach((n, s) -> p.append(p.length() == 0 ? "" : ",").append("{\"name\": \"" + n + "\", \"_last-serial\": " + s + "}"));
    index.put("/simple/", ("{\"meta\": {\"_last-serial\": 1}, \"projects\": [" + p + "]}").getBytes(StandardCharsets.UTF_8),
        SimpleJson.MEDIA_TYPE);
  }

  private Fetcher.Report fetch(TestIndex index, Path out, Path previous, List<String> projects) throws Exception {
    FetchConfig c = new FetchConfig(index.uri("/simple/"), out, previous, projects, Set.of(), ArchiveMode.NONE, 3,
        Duration.ofSeconds(2), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)),
        false, "pypidb-test", Duration.ZERO);
    return new Fetcher(c).run();
  }

  private static Map<String, String> statuses(Fetcher.Report r) {
    Map<String, String> m = new TreeMap<>();
    r.projects().forEach(p -> m.put(p.name(), p.status()));
    return m;
  }

  @Test
  void fetchesOnlyWhatChangedAndKeepsFailedProjectsAsTheyWere() throws Exception {
    try (TestIndex index = new TestIndex()) {
      project(index, "a", 10, "1.0");
      project(index, "b", 20, "1.0", "2.0");
      project(index, "c", 30, "1.0");
      root(index, new TreeMap<>(Map.of("a", 10L, "b", 20L, "c", 30L)));
      Path out = dir.resolve("raw");
      Fetcher.Report first = fetch(index, out, null, null);
      assertEquals(Map.of("a", "added", "b", "added", "c", "added"), statuses(first));
      assertEquals(1 + 3 + 4, first.stats().requests());
      assertTrue(Files.isRegularFile(out.resolve("b/b.json")));
      assertTrue(Files.isRegularFile(out.resolve("b/b-2.0-py3-none-any.whl.metadata")));
      assertTrue(Files.isRegularFile(out.resolve(Fetcher.MANIFEST)));

      // Nothing changed: only the root is requested.
      index.log.clear();
      Fetcher.Report again = fetch(index, out, null, null);
      assertEquals(Map.of("a", "unchanged", "b", "unchanged", "c", "unchanged"), statuses(again));
      assertEquals(List.of("/simple/"), index.log);

      // b gets a release, a is removed, c's new metadata file is corrupt on every attempt.
      project(index, "b", 21, "1.0", "2.0", "3.0");
      project(index, "c", 31, "1.0", "1.1");
      for (int i = 0; i < 3; i++) {
        index.fault("/files/c-1.1-py3-none-any.whl.metadata", index.corrupt("/files/c-1.1-py3-none-any.whl.metadata"));
      }
      root(index, new TreeMap<>(Map.of("b", 21L, "c", 31L)));
      byte[] cBefore = Files.readAllBytes(out.resolve("c/c.json"));
      index.log.clear();
      Fetcher.Report third = fetch(index, out, null, null);
      assertEquals(Map.of("a", "removed", "b", "changed", "c", "failed"), statuses(third));
      assertTrue(index.log.contains("/files/b-3.0-py3-none-any.whl.metadata"));
      assertFalse(index.log.contains("/files/b-1.0-py3-none-any.whl.metadata"), "unchanged files are linked: " + index.log);
      assertFalse(Files.exists(out.resolve("a")));
      assertTrue(java.util.Arrays.equals(cBefore, Files.readAllBytes(out.resolve("c/c.json"))), "c keeps its previous data");
      assertFalse(Files.exists(out.resolve("c/c-1.1-py3-none-any.whl.metadata")), "a mismatched file is never stored");
      JsonNode m = new ObjectMapper().readTree(out.resolve(Fetcher.MANIFEST).toFile());
      assertEquals("c", m.get("failures").get(0).get("project").asText());
      assertTrue(m.get("failures").get(0).get("reason").asText().contains("sha256"));
      assertEquals(List.of("a", "b"), third.changedProjects());
      try (var s = Files.list(out.resolve(RawTree.STAGING))) {
        assertEquals(0, s.count(), "no staging leftovers");
      }
    }
  }

  @Test
  void previousTreeIsLinkedAndConditionalRequestsAreUsedWithoutSerials() throws Exception {
    try (TestIndex index = new TestIndex()) {
      project(index, "a", 10, "1.0");
      project(index, "b", 20, "1.0");
      Path one = dir.resolve("one");
      fetch(index, one, null, List.of("a", "b"));
      project(index, "b", 21, "1.0", "2.0");
      index.log.clear();
      Path two = dir.resolve("two");
      Fetcher.Report r = fetch(index, two, one, List.of("a", "b"));
      assertEquals(Map.of("a", "unchanged", "b", "changed"), statuses(r));
      assertEquals(Map.of("304", 1L, "200", 2L), r.stats().statuses()); // a: 304; b: page + the new metadata
      assertEquals(Files.readString(one.resolve("a/a.json")), Files.readString(two.resolve("a/a.json")));
      assertNotNull(new RawTree(two, false).state("a"));
      assertNull(new RawTree(two, false).state("c"));
    }
  }

  @Test
  void filenamesThatLeaveTheDirectoryAreRefused() {
    for (String bad : new String[] {"../x.whl", "a/b.whl", ".hidden.whl", "x.whl.metadata", "", "a\\b", "a\u0001b"}) {
      assertFalse(Fetcher.safeFilename(bad), bad);
    }
    assertTrue(Fetcher.safeFilename("foo-1.0-py3-none-any.whl"));
    assertEquals("https://x/a/f.whl.metadata?q=1", Fetcher.metadataUri(java.net.URI.create("https://x/a/f.whl?q=1")).toString());
  }
}
