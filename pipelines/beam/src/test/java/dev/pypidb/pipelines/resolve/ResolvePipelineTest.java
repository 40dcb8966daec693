package dev.pypidb.pipelines.resolve;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.ResolveOptions;
import dev.pypidb.pipelines.read.InputResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * normalize then resolve on fixtures/resolve: app 1.0 requires lib>=1; lib 1.0 and 2.0; other
 * 1.0 without dependencies; native 1.0 with only a cp312 manylinux wheel. Five environments on
 * two targets (cp312 weight 0.75, cp311 weight 0.25), policy wheels+sdist: ten resolutions.
 * Then the cache: the same run again (all hits), then lib 3.0 added to the raw input (only
 * the environments that consulted lib are resolved again).
 */
public class ResolvePipelineTest {
  private static final String CP312 = "cp312-manylinux_2_39_x86_64";
  private static final String CP311 = "cp311-manylinux_2_39_x86_64";
  private static final long STEPS = 100_000; // --stepBudget's default

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static void normalize(Path raw, Path tables) {
    Pipeline n = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(n, InputResolver.resolve(List.of(raw.toString()), null), tables.toString(), 2);
    assertEquals("DONE", n.run().waitUntilFinish().toString());
  }

  private static ResolveOptions options(Path tables, Path out, Path cache) {
    ResolveOptions o = PipelineOptionsFactory.as(ResolveOptions.class);
    o.setTables(tables.toString());
    o.setOutput(out.toString());
    o.setEnvironments(TestData.fixture("resolve/environments.jsonl").toString());
    o.setTargets(TestData.fixture("resolve/targets.txt").toString());
    o.setCache(cache.toString());
    return o;
  }

  private static void resolve(Pipeline pipeline, ResolveOptions o) throws IOException {
    ResolvePipeline.build(pipeline, o);
    assertEquals("DONE", pipeline.run().waitUntilFinish().toString());
  }

  private static void resolveAgain(Path tables, Path out, Path cache) throws IOException {
    ResolveOptions o = options(tables, out, cache);
    resolve(Pipeline.create(o), o);
  }

  /** "environment target" -> the row. */
  private static Map<String, GenericRecord> resolutions(Path out) throws IOException {
    Map<String, GenericRecord> m = new TreeMap<>();
    for (GenericRecord r : TestData.rows(out, "resolutions")) {
      assertEquals("wheels+sdist", r.get("policy").toString());
      GenericRecord old = m.put(r.get("environment") + " " + r.get("target"), r);
      assertNull("one row per (environment, target, policy)", old);
    }
    return m;
  }

  private static String pins(GenericRecord r) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) r.get("pins")) {
      GenericRecord pin = (GenericRecord) o;
      out.add(pin.get("name") + "==" + pin.get("version") + " " + pin.get("filename") + " " + pin.get("provider"));
    }
    return String.join(", ", out);
  }

  /** What a cached row must reproduce: everything but micros and cache_hit. */
  private static Map<String, String> comparable(Map<String, GenericRecord> rows) {
    Map<String, String> out = new TreeMap<>();
    rows.forEach((k, r) -> out.put(k, String.join(" | ", String.valueOf(r.get("requirements")),
        String.valueOf(r.get("status")), String.valueOf(r.get("failure_category")),
        String.valueOf(r.get("explanation")), pins(r), String.valueOf(r.get("consulted")),
        String.valueOf(r.get("steps")))));
    return out;
  }

  private static JsonNode stats(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("stats");
  }

  private static Map<String, String> fingerprints(Path tables) throws IOException {
    Map<String, String> m = new TreeMap<>();
    TestData.rows(tables, "fingerprints").forEach(r -> m.put(r.get("name").toString(), r.get("fingerprint").toString()));
    return m;
  }

  /** The cache's rows: key -> sorted consulted ("name fingerprint", "-" when not in the tables). */
  private static Map<String, List<String>> cacheRows(Path cache) throws IOException {
    Map<String, List<String>> m = new TreeMap<>();
    for (GenericRecord r : TestData.rows(cache, "resolve_cache")) {
      List<String> consulted = new ArrayList<>();
      ((List<?>) r.get("consulted")).forEach(x -> consulted.add(x.toString()));
      consulted.sort(null);
      assertNull("one row per key", m.put(r.get("key").toString(), consulted));
    }
    return m;
  }

  private static Map<String, Boolean> cacheHits(Map<String, GenericRecord> rows) {
    Map<String, Boolean> m = new TreeMap<>();
    rows.forEach((k, r) -> m.put(k, (Boolean) r.get("cache_hit")));
    return m;
  }

  @Test
  public void resolvesThenReusesTheCacheAndInvalidatesOnlyWhatChanged() throws IOException {
    Path raw = tmp.newFolder("raw").toPath().resolve("index.jsonl");
    Files.copy(TestData.fixture("resolve/index.jsonl"), raw);
    Path tables1 = tmp.newFolder("tables1").toPath();
    normalize(raw, tables1);
    Path cache = tmp.getRoot().toPath().resolve("cache");

    // 1. First run: empty cache, every resolution is a miss.
    Path out1 = tmp.newFolder("out1").toPath();
    resolve(p, options(tables1, out1, cache));
    Map<String, GenericRecord> first = resolutions(out1);
    assertEquals(10, first.size());
    String app = "app==1.0 app-1.0-py3-none-any.whl wheel, lib==2.0 lib-2.0-py3-none-any.whl wheel";
    assertEquals(app, pins(first.get("app-env " + CP312)));
    assertEquals(app, pins(first.get("app-env " + CP311)));
    assertEquals(2, first.get("app-env " + CP312).get("consulted"));
    assertEquals("other==1.0 other-1.0-py3-none-any.whl wheel", pins(first.get("other-env " + CP311)));
    assertEquals(1, first.get("other-env " + CP311).get("consulted"));
    assertEquals("native==1.0 native-1.0-cp312-cp312-manylinux_2_17_x86_64.whl wheel",
        pins(first.get("native-env " + CP312)));

    GenericRecord noWheel = first.get("native-env " + CP311);
    assertEquals("failed", noWheel.get("status").toString());
    assertEquals("no_distribution_for_target", noWheel.get("failure_category").toString());
    assertEquals("Because you require native which has no wheel for " + CP311 + " and no sdist, there is no solution.",
        noWheel.get("explanation").toString());
    assertEquals("", pins(noWheel));

    for (String t : List.of(CP312, CP311)) {
      GenericRecord old = first.get("old-lib-env " + t);
      assertEquals("failed", old.get("status").toString());
      assertEquals("no_matching_version", old.get("failure_category").toString());
      assertEquals("Because you require lib<1, which matches no version of lib, there is no solution.",
          old.get("explanation").toString());
      GenericRecord ghost = first.get("ghost-env " + t);
      assertEquals("no_such_project", ghost.get("failure_category").toString());
      assertEquals("Because you require ghost, which is not in the package index, there is no solution.",
          ghost.get("explanation").toString());
    }
    for (GenericRecord r : first.values()) {
      assertEquals(false, r.get("cache_hit"));
      assertEquals(r.get("status").toString().equals("resolved"), r.get("failure_category") == null);
    }

    // success_rate: 5 of 10 resolved; cp312 3 of 5, cp311 2 of 5; weighted by target weight.
    Map<String, GenericRecord> rates = new TreeMap<>();
    TestData.rows(out1, "success_rate").forEach(r -> rates.put(r.get("scope") + " " + r.get("target") + " " + r.get("policy"), r));
    GenericRecord overall = rates.get("overall null null");
    assertEquals(10L, overall.get("resolutions"));
    assertEquals(5L, overall.get("resolved"));
    assertEquals(5L, overall.get("failed"));
    assertEquals(0.5, (Double) overall.get("success_rate"), 1e-9);
    assertEquals("(2 × 0.75 + 2 × 0.25 + 0.75) / (5 × 0.75 + 5 × 0.25)", 0.55,
        (Double) overall.get("weighted_success_rate"), 1e-9);
    assertEquals("[no_matching_version=2, no_such_project=2, no_distribution_for_target=1]",
        overall.get("failures_by_category").toString());
    assertEquals(0.6, (Double) rates.get("target " + CP312 + " null").get("success_rate"), 1e-9);
    assertEquals(0.4, (Double) rates.get("target " + CP311 + " null").get("success_rate"), 1e-9);
    assertEquals("[no_distribution_for_target=1, no_matching_version=1, no_such_project=1]",
        rates.get("target " + CP311 + " null").get("failures_by_category").toString());
    assertEquals(10L, rates.get("policy null wheels+sdist").get("resolutions"));
    assertEquals(6, rates.size());

    JsonNode s1 = stats(out1);
    assertEquals(10, s1.path("cache_misses").asLong());
    assertEquals(0, s1.path("cache_hits").asLong());
    assertEquals(0, s1.path("cache_invalidated").asLong());
    assertEquals(5, s1.path("resolved").asLong());
    assertEquals(5, s1.path("failed").asLong());

    Map<String, String> fp1 = fingerprints(tables1);
    Map<String, List<String>> cached = cacheRows(cache);
    assertEquals(10, cached.size());
    assertEquals(List.of("app " + fp1.get("app"), "lib " + fp1.get("lib")),
        cached.get(ResolveCache.key("wheels+sdist", CP312, STEPS, List.of("app"))));
    assertEquals(List.of("ghost -"), cached.get(ResolveCache.key("wheels+sdist", CP311, STEPS, List.of("ghost"))));
    assertEquals(List.of("lib " + fp1.get("lib")), cached.get(ResolveCache.key("wheels+sdist", CP311, STEPS, List.of("lib<1"))));

    // 2. Same tables, same cache: every resolution is a hit and the rows are the same.
    Path out2 = tmp.newFolder("out2").toPath();
    resolveAgain(tables1, out2, cache);
    JsonNode s2 = stats(out2);
    assertEquals(10, s2.path("cache_hits").asLong());
    assertEquals(0, s2.path("cache_misses").asLong());
    assertEquals(0, s2.path("cache_invalidated").asLong());
    Map<String, GenericRecord> second = resolutions(out2);
    assertEquals(comparable(first), comparable(second));
    second.values().forEach(r -> assertEquals(r.toString(), true, r.get("cache_hit")));
    assertEquals(TestData.content(out1, "success_rate"), TestData.content(out2, "success_rate"));

    // 3. lib 3.0 appears in the raw input: only lib's fingerprint changes ...
    Files.write(raw, Files.readAllBytes(TestData.fixture("resolve/lib-3.0.jsonl")), StandardOpenOption.APPEND);
    Path tables2 = tmp.newFolder("tables2").toPath();
    normalize(raw, tables2);
    Map<String, String> fp2 = fingerprints(tables2);
    assertEquals(List.of("app", "lib", "native", "other"), new ArrayList<>(fp1.keySet()));
    assertEquals(fp1.keySet(), fp2.keySet());
    assertNotEquals(fp1.get("lib"), fp2.get("lib"));
    for (String unchanged : List.of("app", "native", "other")) {
      assertEquals(unchanged, fp1.get(unchanged), fp2.get(unchanged));
    }

    // ... so exactly the environments that consulted lib (app-env, old-lib-env) are re-resolved.
    Path out3 = tmp.newFolder("out3").toPath();
    resolveAgain(tables2, out3, cache);
    JsonNode s3 = stats(out3);
    assertEquals(6, s3.path("cache_hits").asLong());
    assertEquals(4, s3.path("cache_invalidated").asLong());
    assertEquals(0, s3.path("cache_misses").asLong());
    Map<String, GenericRecord> third = resolutions(out3);
    Map<String, Boolean> expectedHits = new TreeMap<>();
    for (String t : List.of(CP312, CP311)) {
      expectedHits.put("app-env " + t, false);
      expectedHits.put("old-lib-env " + t, false);
      expectedHits.put("other-env " + t, true);
      expectedHits.put("native-env " + t, true);
      expectedHits.put("ghost-env " + t, true);
    }
    assertEquals(expectedHits, cacheHits(third));
    assertEquals("app==1.0 app-1.0-py3-none-any.whl wheel, lib==3.0 lib-3.0-py3-none-any.whl wheel",
        pins(third.get("app-env " + CP312)));
    assertEquals("no_matching_version", third.get("old-lib-env " + CP311).get("failure_category").toString());
    assertEquals(comparable(first).get("other-env " + CP312), comparable(third).get("other-env " + CP312));
    // The rewritten cache holds the re-resolved entries with lib's new fingerprint.
    Map<String, List<String>> recached = cacheRows(cache);
    assertEquals(10, recached.size());
    assertEquals(List.of("app " + fp2.get("app"), "lib " + fp2.get("lib")),
        recached.get(ResolveCache.key("wheels+sdist", CP312, STEPS, List.of("app"))));
    assertEquals(cached.get(ResolveCache.key("wheels+sdist", CP311, STEPS, List.of("other"))),
        recached.get(ResolveCache.key("wheels+sdist", CP311, STEPS, List.of("other"))));
  }

  /**
   * The key is the requirement strings as written, order ignored: a permutation hits (and the
   * row shows this environment's order), another spelling of a name misses, because
   * explanations quote requirements as written.
   */
  @Test
  public void cacheKeyIgnoresOrderButNotSpelling() throws IOException {
    Path tables = tmp.newFolder("tables").toPath();
    normalize(TestData.fixture("resolve/index.jsonl"), tables);
    Path cache = tmp.getRoot().toPath().resolve("cache");
    Path first = tmp.getRoot().toPath().resolve("first.jsonl");
    Files.writeString(first, "{\"id\": \"e\", \"requirements\": [\"app\", \"other\"]}\n");
    Path swapped = tmp.getRoot().toPath().resolve("swapped.jsonl");
    Files.writeString(swapped, "{\"id\": \"e\", \"requirements\": [\"other\", \"app\"]}\n");
    Path upper = tmp.getRoot().toPath().resolve("upper.jsonl");
    Files.writeString(upper, "{\"id\": \"e\", \"requirements\": [\"App\", \"other\"]}\n");

    ResolveOptions o = options(tables, tmp.newFolder("out1").toPath(), cache);
    o.setEnvironments(first.toString());
    resolve(p, o);
    assertEquals(2, stats(Path.of(o.getOutput())).path("cache_misses").asLong());

    ResolveOptions again = options(tables, tmp.newFolder("out2").toPath(), cache);
    again.setEnvironments(swapped.toString());
    resolve(Pipeline.create(again), again);
    JsonNode s = stats(Path.of(again.getOutput()));
    assertEquals(0, s.path("cache_misses").asLong());
    assertEquals(2, s.path("cache_hits").asLong());
    for (GenericRecord r : TestData.rows(Path.of(again.getOutput()), "resolutions")) {
      assertEquals("[other, app]", String.valueOf(r.get("requirements")));
    }

    ResolveOptions spelled = options(tables, tmp.newFolder("out3").toPath(), cache);
    spelled.setEnvironments(upper.toString());
    resolve(Pipeline.create(spelled), spelled);
    assertEquals(2, stats(Path.of(spelled.getOutput())).path("cache_misses").asLong());
  }
}
