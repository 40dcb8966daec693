package dev.pypidb.pipelines.abistats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.AbiStatsOptions;
import dev.pypidb.pipelines.read.InputResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * normalize then abi-stats on fixtures/abistats, whose counts are known by construction:
 *
 * <pre>
 * alpha 1.0  cp37-cp37m-manylinux1_x86_64, cp37-cp37m-win_amd64 (same pair twice),
 *            cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64 (compressed), sdist
 * alpha 2.0  cp38-cp38-win_amd64, cp36-abi3-manylinux_2_17_x86_64, sdist
 * Beta  0.1  cp38-cp38m-manylinux1_x86_64, py3-none-any
 * Beta  0.2  cp313-cp313t-manylinux_2_28_x86_64, cp36-abi3-macosx_11_0_arm64, cp37-cp37m-macosx_10_9_x86_64
 * gamma 1.0  py3-none-any, gamma-1.0-py3-none.whl (invalid filename)
 * </pre>
 */
public class AbiStatsPipelineTest {
  @ClassRule public static TemporaryFolder tmp = new TemporaryFolder();

  /** One normalize + abi-stats run shared by the tests (each pipeline run costs seconds). */
  private static Path out;

  @BeforeClass
  public static void normalizeAndAbiStats() throws IOException {
    Path tables = tmp.newFolder("tables").toPath();
    Pipeline normalize = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(normalize, InputResolver.resolve(
        List.of(TestData.fixture("abistats/rows.jsonl").toString()), null), tables.toString(), 2);
    normalize.run().waitUntilFinish();

    out = tmp.newFolder("abi").toPath();
    AbiStatsOptions o = PipelineOptionsFactory.as(AbiStatsOptions.class);
    o.setTables(tables.toString());
    o.setOutput(out.toString());
    o.setPopular(TestData.fixture("abistats/popular.json").toString());
    o.setTargets(TestData.fixture("abistats/targets.txt").toString());
    Pipeline p = Pipeline.create(o);
    AbiStatsPipeline.build(p, o);
    assertEquals("DONE", p.run().waitUntilFinish().toString());
  }

  private static String counts(GenericRecord r) {
    return r.get("projects") + "/" + r.get("releases") + "/" + r.get("files");
  }

  @Test
  public void countsFollowTheCountingRules() throws IOException {
    // by_abi: "interpreter abi" -> projects/releases/files
    Map<String, String> byAbi = new TreeMap<>();
    for (GenericRecord r : TestData.rows(out, "abi_stats/by_abi")) {
      byAbi.put(r.get("interpreter") + " " + r.get("abi"), counts(r));
    }
    Map<String, String> expected = new TreeMap<>();
    // alpha 1.0 has two cp37m wheels: the release counts once, the files twice; Beta 0.2 adds one.
    expected.put("cp37 cp37m", "2/2/3");
    // alpha 1.0's compressed set (two manylinux tags, one pair) and alpha 2.0's win wheel
    expected.put("cp38 cp38", "1/2/2");
    expected.put("cp38 cp38m", "1/1/1");
    expected.put("cp36 abi3", "2/2/2");
    expected.put("cp313 cp313t", "1/1/1");
    // Beta 0.1 and gamma 1.0; gamma's invalid wheel adds nothing
    expected.put("py3 none", "2/2/2");
    assertEquals(expected, byAbi);

    // by_platform: the compressed set expands to both of its platforms.
    Map<String, String> byPlatform = new TreeMap<>();
    for (GenericRecord r : TestData.rows(out, "abi_stats/by_platform")) {
      byPlatform.put(r.get("platform").toString(), counts(r));
    }
    assertEquals("1/1/1", byPlatform.get("manylinux2014_x86_64"));
    assertEquals("alpha 1.0 (compressed) and alpha 2.0 (abi3)", "1/2/2", byPlatform.get("manylinux_2_17_x86_64"));
    assertEquals("alpha 1.0 and Beta 0.1", "2/2/2", byPlatform.get("manylinux1_x86_64"));
    assertEquals("2/2/2", byPlatform.get("any"));
    assertEquals(8, byPlatform.size());
    GenericRecord legacy = TestData.rows(out, "abi_stats/by_platform").stream()
        .filter(r -> r.get("platform").toString().equals("manylinux2014_x86_64")).findFirst().get();
    assertEquals("manylinux", legacy.get("platform_family").toString());
    assertEquals(2, legacy.get("libc_major"));
    assertEquals(17, legacy.get("libc_minor"));

    // summary: 14 files, 12 of them wheels, one wheel excluded for its filename.
    Map<String, Long> summary = new TreeMap<>();
    for (GenericRecord r : TestData.rows(out, "abi_stats/summary")) {
      summary.put(r.get("metric").toString(), (Long) r.get("value"));
    }
    assertEquals(Long.valueOf(3), summary.get("projects"));
    assertEquals(Long.valueOf(5), summary.get("releases"));
    assertEquals(Long.valueOf(14), summary.get("files"));
    assertEquals(Long.valueOf(12), summary.get("wheel_files"));
    assertEquals(Long.valueOf(2), summary.get("sdist_files"));
    assertEquals(Long.valueOf(1), summary.get("invalid_wheel_filenames_excluded"));
    assertEquals(Long.valueOf(11), summary.get("wheel_files_with_upload_time"));
    assertEquals(Long.valueOf(5), summary.get("releases_with_wheels"));

    // by_month: the month of each wheel's upload, per policy
    Map<String, String> byMonth = new TreeMap<>();
    for (GenericRecord r : TestData.rows(out, "abi_stats/by_month")) {
      byMonth.put(r.get("month") + " " + r.get("policy"), counts(r));
    }
    assertEquals("alpha 1.0: manylinux1 + the compressed set, both glibc 2.5/2.17", "1/1/1",
        byMonth.get("2023-01 manylinux_2_5"));
    assertEquals("1/1/1", byMonth.get("2023-01 manylinux_2_17"));
    assertEquals("1/1/1", byMonth.get("2023-01 win"));
  }

  @Test
  public void latestProfileAndReadiness() throws IOException {
    Map<String, GenericRecord> latest = TestData.rows(out, "abi_stats/project_latest").stream()
        .collect(Collectors.toMap(r -> r.get("name").toString(), r -> r));
    assertEquals(List.of("alpha", "beta", "gamma"), latest.keySet().stream().sorted().toList());
    GenericRecord beta = latest.get("beta");
    assertEquals("0.2", beta.get("version").toString());
    assertEquals(3, beta.get("n_wheels"));
    assertEquals(true, beta.get("free_threaded"));
    assertEquals(true, beta.get("abi3"));
    assertEquals(false, beta.get("pure"));
    assertEquals("2.28", beta.get("min_glibc").toString());
    assertEquals("10.9", beta.get("min_macos").toString());
    GenericRecord gamma = latest.get("gamma");
    assertEquals("the invalid wheel is not one of gamma's wheels", 1, gamma.get("n_wheels"));
    assertEquals(true, gamma.get("pure"));
    GenericRecord alpha = latest.get("alpha");
    assertEquals("2.0", alpha.get("version").toString());
    assertEquals(true, alpha.get("has_sdist"));
    assertEquals("[cp36, cp38]", alpha.get("interpreters").toString());

    // readiness: rank, target -> version status via filename
    List<String> readiness = TestData.rows(out, "abi_stats/readiness").stream()
        .map(r -> r.get("rank") + " " + r.get("name") + " " + r.get("target") + " " + r.get("version") + " "
            + r.get("status") + " " + r.get("via") + " " + r.get("filename"))
        .sorted().toList();
    assertEquals(List.of(
        "1 alpha cp312-manylinux_2_39_x86_64 2.0 wheel abi3 alpha-2.0-cp36-abi3-manylinux_2_17_x86_64.whl",
        "1 alpha cp38-win_amd64 2.0 wheel native alpha-2.0-cp38-cp38-win_amd64.whl",
        // 0.2's cp313t, macOS abi3 and cp37m wheels fit neither target, and there is no sdist
        "2 beta cp312-manylinux_2_39_x86_64 0.2 none null null",
        "2 beta cp38-win_amd64 0.2 none null null",
        "3 missing-proj cp312-manylinux_2_39_x86_64 null missing null null",
        "3 missing-proj cp38-win_amd64 null missing null null"), readiness);
    GenericRecord first = TestData.rows(out, "abi_stats/readiness").get(0);
    assertEquals(1000L, first.get("downloads"));

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertTrue(manifest.toString(), manifest.toString().contains("abi-stats"));
    assertTrue(Files.isRegularFile(out.resolve("report/index.html")));
    assertNull(latest.get("missing-proj"));
  }
}
