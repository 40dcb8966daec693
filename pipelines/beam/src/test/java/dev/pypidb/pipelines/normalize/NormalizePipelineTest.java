package dev.pypidb.pipelines.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.read.InputResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** End-to-end normalize runs on the DirectRunner, one per input format and one with all of them. */
public class NormalizePipelineTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path run(String... inputs) throws IOException {
    Path out = tmp.newFolder("out").toPath();
    NormalizePipeline.build(p, InputResolver.resolve(List.of(inputs), null), out.toString(), 2);
    p.run().waitUntilFinish();
    return out;
  }

  private static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  private static GenericRecord find(List<GenericRecord> rows, String field, String value) {
    return rows.stream().filter(r -> value.equals(TestData.string(r, field))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + field + "=" + value));
  }

  @Test
  public void trustedSdistMetadataFromBigQueryBecomesPkgInfoResults() throws IOException {
    Path rows = tmp.newFolder("trusted").toPath().resolve("rows.jsonl");
    Files.writeString(rows, String.join("\n",
        "{\"name\": \"trusted\", \"version\": \"1.0\", \"filename\": \"trusted-1.0.tar.gz\", \"packagetype\": \"sdist\","
            + " \"metadata_version\": \"2.2\", \"requires_python\": \">=3.8\","
            + " \"requires_dist\": [\"requests>=2\", \"rich; extra == 'pretty'\"], \"dynamic\": []}",
        "{\"name\": \"dynamic\", \"version\": \"1.0\", \"filename\": \"dynamic-1.0.tar.gz\", \"packagetype\": \"sdist\","
            + " \"metadata_version\": \"2.2\", \"requires_dist\": [\"six\"], \"dynamic\": [\"Requires-Dist\"]}",
        "{\"name\": \"older\", \"version\": \"1.0\", \"filename\": \"older-1.0.tar.gz\", \"packagetype\": \"sdist\","
            + " \"metadata_version\": \"2.1\", \"requires_dist\": [\"six\"]}") + "\n");
    Path out = run(rows.toString());
    List<GenericRecord> sdists = TestData.rows(out, "sdist_metadata");
    assertEquals("11 keys of the trusted sdist, none of the others", 11, sdists.size());
    for (GenericRecord r : sdists) {
      assertEquals("trusted", TestData.string(r, "name"));
      assertEquals("bigquery", TestData.string(r, "provenance"));
      assertEquals("pkg-info", TestData.string(r, "method"));
      assertEquals("ok", TestData.string(r, "status"));
      assertEquals("trusted-1.0.tar.gz", TestData.string(r, "filename"));
      assertEquals(r.get("python_keys").toString(), r.get("chosen_keys").toString());
    }
    List<String> reqs = TestData.rows(out, "requirements").stream()
        .filter(r -> "bigquery".equals(TestData.string(r, "provenance")))
        .map(r -> TestData.string(r, "kind") + " " + TestData.string(r, "raw") + " " + TestData.string(r, "extras_key"))
        .collect(Collectors.toList());
    assertEquals(List.of("install_requires requests>=2 null", "extras_require rich pretty"), reqs);
  }

  @Test
  public void bigQueryRows() throws IOException {
    Path out = run(TestData.fixture("bigquery").toString());
    JsonNode totals = manifest(out).get("totals");
    assertEquals(10, totals.get("records_read").asLong());
    assertEquals(3, totals.get("dead_lettered").asLong());
    assertEquals(7, totals.get("records_written").asLong());
    assertEquals(1, totals.get("blank_lines_skipped").asLong());
    assertTrue(totals.get("reconciles").asBoolean());

    List<GenericRecord> releases = TestData.rows(out, "releases");
    assertEquals(6, releases.size());
    GenericRecord rc = find(releases, "version", "2.0rc1");
    assertEquals("demo-pkg", TestData.string(rc, "name"));
    assertEquals("Demo.Pkg", TestData.string(rc, "display_name"));
    assertEquals(1, rc.get("version_order"));
    assertEquals(true, rc.get("is_prerelease"));
    assertEquals(true, rc.get("yanked"));
    assertEquals("broken", TestData.string(rc, "yanked_reason"));
    GenericRecord weird = find(releases, "name", "weird");
    assertEquals(false, weird.get("version_valid"));
    assertNull(weird.get("version_order"));
    GenericRecord demo10 = releases.stream()
        .filter(r -> "demo-pkg".equals(TestData.string(r, "name")) && "1.0".equals(TestData.string(r, "version")))
        .findFirst().get();
    assertEquals(2, demo10.get("n_files"));
    assertEquals(1, demo10.get("n_wheels"));
    assertEquals(true, demo10.get("has_sdist"));
    assertEquals(1684768360000000L, demo10.get("first_upload_time"));

    List<GenericRecord> tags = TestData.rows(out, "wheel_tags");
    assertEquals(7, tags.size());
    GenericRecord legacy = find(tags, "platform", "manylinux2014_x86_64");
    assertEquals("manylinux", TestData.string(legacy, "platform_family"));
    assertEquals(17, legacy.get("libc_minor"));
    assertEquals("x86_64", TestData.string(legacy, "arch"));

    List<GenericRecord> reqs = TestData.rows(out, "requirements");
    assertEquals(5, reqs.size());
    GenericRecord legacyForm = find(reqs, "raw", "requests (>=2.0)");
    assertEquals("requests", TestData.string(legacyForm, "dependency"));
    assertEquals(">=2.0", TestData.string(legacyForm, "specifier"));
    GenericRecord extra = find(reqs, "raw", "pytest ; extra == 'test'");
    assertEquals("test", TestData.string(extra, "for_extra"));
    assertEquals("extra == \"test\"", TestData.string(extra, "marker"));
    GenericRecord bad = find(reqs, "raw", "bad requirement (");
    assertEquals(false, bad.get("valid"));
    assertTrue(TestData.string(bad, "error").startsWith("Expected"));

    List<String> dead = TestData.rows(out, "dead_letter").stream()
        .map(r -> r.get("position") + ":" + r.get("stage")).collect(Collectors.toList());
    assertEquals(List.of("3:parse", "8:merge", "9:validate"), dead);
  }

  @Test
  public void pypiJsonProjectAndReleaseDocumentsMerge() throws IOException {
    Path out = run(TestData.fixture("pypi-json").toString());
    assertTrue(manifest(out).get("totals").get("reconciles").asBoolean());
    List<GenericRecord> files = TestData.rows(out, "files");
    assertEquals("the 1.1 files are listed by both documents and merge", 3, files.size());
    List<GenericRecord> releases = TestData.rows(out, "releases");
    assertEquals(3, releases.size());
    assertEquals(0, find(releases, "version", "0.9").get("n_files"));
    assertEquals(true, find(releases, "version", "1.0").get("yanked"));
    List<GenericRecord> reqs = TestData.rows(out, "requirements");
    assertEquals("release-level Requires-Dist of 1.1", 2, reqs.size());
    assertEquals("release", TestData.string(reqs.get(0), "source"));
    assertEquals(1, TestData.rows(out, "dead_letter").size());
  }

  @Test
  public void simpleJsonPagesWithMetadata() throws IOException {
    Path out = run(TestData.fixture("simple-json").toString());
    assertTrue(manifest(out).get("totals").get("reconciles").asBoolean());
    List<GenericRecord> files = TestData.rows(out, "files");
    assertEquals(3, files.size());
    GenericRecord w = find(files, "filename", "simpleproj-1.0-py3-none-any.whl");
    assertEquals("core-metadata", TestData.string(w, "metadata_source"));
    assertEquals("[docs]", String.valueOf(w.get("provides_extra")));
    GenericRecord yanked = find(files, "filename", "simpleproj-2.0-py3-none-any.whl");
    assertEquals(true, yanked.get("yanked"));
    List<GenericRecord> releases = TestData.rows(out, "releases");
    assertEquals("0.5 has no files but is a version", 3, releases.size());
    assertEquals(3, TestData.rows(out, "requirements").size());
    List<GenericRecord> dead = TestData.rows(out, "dead_letter");
    assertEquals(1, dead.size());
    assertTrue(TestData.string(dead.get(0), "input").endsWith(".metadata"));
  }

  @Test
  public void depsDbBucketsWithReferences() throws IOException {
    Path out = run(TestData.fixture("deps-db").toString());
    JsonNode m = manifest(out);
    assertTrue(m.get("totals").get("reconciles").asBoolean());
    assertEquals("1694044800", m.get("deps_db_unix_timestamp").asText());
    List<GenericRecord> sdists = TestData.rows(out, "sdist_metadata");
    List<String> groups = sdists.stream()
        .map(r -> r.get("version") + " " + r.get("python_keys") + " " + r.get("status")).sorted().toList();
    assertEquals(List.of("0.9 [27, 36] error", "1.0 [27, 36] ok", "1.0 [37] ok", "1.1 [27, 36] ok", "1.1 [37] ok"), groups);
    GenericRecord first = sdists.stream().filter(r -> "1.0".equals(TestData.string(r, "version"))
        && r.get("python_keys").toString().equals("[27, 36]")).findFirst().get();
    assertEquals("[install_requires, setup_requires, extras_require]", first.get("keys_present").toString());
    assertEquals("[dev, socks:sys_platform == \"win32\"]", first.get("extras_keys").toString());
    List<GenericRecord> reqs = TestData.rows(out, "requirements");
    GenericRecord socks = find(reqs, "raw", "pysocks");
    assertEquals("socks", TestData.string(socks, "for_extra"));
    assertEquals("sys_platform == \"win32\"", TestData.string(socks, "extra_marker"));
    assertEquals("sdist:27,36", TestData.string(socks, "source"));
    assertEquals("dbproj", TestData.string(socks, "deps_db_name"));
    assertEquals(2, TestData.rows(out, "files").size());
    assertEquals(1, TestData.rows(out, "dead_letter").size());
  }

  @Test
  public void everyFormatTogetherReconcilesAndNothingIsLeftBehind() throws IOException {
    Path gz = TestData.gzip(TestData.fixture("bigquery/more.jsonl"), tmp.getRoot().toPath().resolve("extra/more.jsonl.gz"));
    Path out = run(TestData.fixture("bigquery/rows.jsonl").toString(), gz.toString(),
        TestData.fixture("pypi-json").toString(), TestData.fixture("simple-json").toString(),
        TestData.fixture("deps-db").toString());
    JsonNode m = manifest(out);
    assertTrue(m.get("totals").get("reconciles").asBoolean());
    long read = m.get("totals").get("records_read").asLong();
    assertEquals(read, m.get("totals").get("records_written").asLong() + m.get("totals").get("dead_lettered").asLong());
    for (JsonNode input : m.get("inputs")) {
      assertEquals(input.get("path").asText(), input.get("records_read").asLong(),
          input.get("records_written").asLong() + input.get("dead_lettered").asLong());
    }
    assertEquals(TestData.rows(out, "dead_letter").size(), m.get("totals").get("dead_lettered").asLong());
    try (Stream<Path> s = Files.walk(out)) {
      List<String> stray = s.map(x -> out.relativize(x).toString())
          .filter(x -> x.contains(".attempt-") || x.contains(".group-") || x.endsWith(".tmp")).toList();
      assertEquals(List.of(), stray);
    }
    List<GenericRecord> fingerprints = TestData.rows(out, "fingerprints");
    assertEquals(TestData.rows(out, "releases").stream().map(r -> TestData.string(r, "name")).distinct().count(),
        fingerprints.size());
    assertFalse(TestData.string(fingerprints.get(0), "fingerprint").isEmpty());
  }

  /** A gzip cut short keeps every line before the cut; the unreadable rest is one dead letter. */
  @Test
  public void truncatedGzipKeepsTheLinesBeforeTheCut() throws IOException {
    StringBuilder rows = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      // Random digests defeat compression, so the cut lands after many whole lines.
      String sha = String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(),
          random.nextLong(), random.nextLong());
      rows.append("{\"name\": \"cut-pkg\", \"version\": \"1.").append(i)
          .append("\", \"filename\": \"cut_pkg-1.").append(i).append("-py3-none-any.whl\", ")
          .append("\"packagetype\": \"bdist_wheel\", \"python_version\": \"py3\", ")
          .append("\"sha256_digest\": \"").append(sha).append("\"}\n");
    }
    Path plain = tmp.newFile("rows.jsonl").toPath();
    Files.writeString(plain, rows);
    Path whole = TestData.gzip(plain, tmp.getRoot().toPath().resolve("whole.jsonl.gz"));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = tmp.newFolder("cut").toPath().resolve("cut.jsonl.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Path out = run(cut.toString());
    JsonNode totals = manifest(out).get("totals");
    long written = totals.get("records_written").asLong();
    assertTrue("lines before the cut are kept: " + written, written > 5_000 && written < 20_000);
    assertEquals(1, totals.get("dead_lettered").asLong());
    assertEquals(written + 1, totals.get("records_read").asLong());
    assertTrue(totals.get("reconciles").asBoolean());
    GenericRecord dead = TestData.rows(out, "dead_letter").get(0);
    assertEquals("read", TestData.string(dead, "stage"));
    assertEquals(written + 1, ((Number) dead.get("position")).longValue());
    assertTrue(TestData.string(dead, "reason"), TestData.string(dead, "reason")
        .startsWith("cannot read after line " + written + ": "));
    assertEquals(written, TestData.rows(out, "files").size());
  }
}
