package dev.pypidb.pipelines.normalize;

import static org.junit.Assert.assertEquals;

import dev.pypidb.pipelines.read.SdistBuild;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Which sdist result export-db and resolve use, key by key. */
public class SdistChoiceTest {

  private static SdistResult depsDb(List<String> keys, boolean ok) {
    String json = ok ? "{\"install_requires\": [\"a\"]}" : "{\"error\": \"boom\"}";
    return new SdistResult("deps-db", null, "demo", keys, SdistBuild.fromJson(json), "sdist:" + String.join(",", keys));
  }

  private static SdistResult archive(String provenance, String filename, String key, String status, String method) {
    Map<String, Object> keywords = new LinkedHashMap<>();
    keywords.put("install_requires", List.of("b"));
    String json = SdistBuild.staticJson(status, method, "ok".equals(status) ? null : "why", "error".equals(status) ? "E" : null,
        keywords, Map.of("install_requires", method));
    return new SdistResult(provenance, filename, null, List.of(key), SdistBuild.fromJson(json), "sdist:" + key);
  }

  @Test
  public void theCrawlersBuildsWinOverStaticAnswersForTheirKeysOnly() {
    List<SdistResult> results = List.of(
        depsDb(List.of("27", "36"), true),
        archive("archives", "demo-1.0.tar.gz", "27", "ok", "setup-py"),
        archive("archives", "demo-1.0.tar.gz", "36", "ok", "setup-py"),
        archive("archives", "demo-1.0.tar.gz", "311", "ok", "setup-py"));
    assertEquals(List.of(List.of("27", "36"), List.of(), List.of(), List.of("311")), SdistChoice.choose(results));
  }

  @Test
  public void trustedCoreMetadataWinsOverTheCrawler() {
    List<SdistResult> results = List.of(
        depsDb(List.of("38"), true),
        archive("bigquery", "demo-1.0.tar.gz", "38", "ok", "pkg-info"),
        archive("archives", "demo-1.0.tar.gz", "38", "ok", "pkg-info"));
    assertEquals("the archive before index metadata", List.of(List.of(), List.of(), List.of("38")),
        SdistChoice.choose(results));
  }

  @Test
  public void aStaticAnswerBeatsTheCrawlersErrorButNotItsSuccess() {
    List<SdistResult> results = List.of(
        depsDb(List.of("27"), false),
        depsDb(List.of("36"), false),
        depsDb(List.of("36"), true),
        archive("archives", "demo-1.0.tar.gz", "27", "ok", "egg-info"),
        archive("archives", "demo-1.0.tar.gz", "36", "ok", "egg-info"));
    // Key 36 has a crawler success: its builds (the error too, as the checkout holds both) are used.
    assertEquals(List.of(List.of(), List.of("36"), List.of("36"), List.of("27"), List.of()), SdistChoice.choose(results));
  }

  @Test
  public void unresolvedOrErrorStaticResultsComeLast() {
    List<SdistResult> results = List.of(
        depsDb(List.of("39"), false),
        archive("archives", "demo-1.0.tar.gz", "39", "unresolved", "setup-py"),
        archive("archives", "demo-1.0.tar.gz", "312", "error", "setup-py"),
        archive("archives", "demo-1.0.zip", "312", "unresolved", "setup-py"));
    assertEquals("the crawler's error before a static non-answer; the first file of the rest",
        List.of(List.of("39"), List.of(), List.of("312"), List.of()), SdistChoice.choose(results));
  }
}
