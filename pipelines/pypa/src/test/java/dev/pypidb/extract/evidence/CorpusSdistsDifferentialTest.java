package dev.pypidb.extract.evidence;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.extract.KeyResult;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SdistExtraction;
import dev.pypidb.extract.SdistExtractor;
import dev.pypidb.extract.SetupField;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The declarative methods (no setup.py analysis) over the real sdists of the shared corpus,
 * against what mach-nix's crawler recorded per Python key, as canonical requirement sets. Runs
 * only with {@code -Dpypidb.corpusSdists=OUTDIR} (trees unpacked by
 * {@code scripts/extract/corpus-sdists.sh}) and {@code -Dpypidb.corpusOracle=oracle.jsonl};
 * writes {@code OUTDIR/report.txt}. Differences are expected (the crawler ran setup.py per
 * Python; the corpus lacks files); the report lists each, the test fails only when an archive
 * cannot be processed.
 */
class CorpusSdistsDifferentialTest {
  private static final Set<String> DECLARATIVE_KINDS =
      Set.of("egg-info-requires", "setup.cfg", "pyproject", "pkg-info-requires-dist");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void declarativeMethodsAgainstTheCrawler() throws Exception {
    String dir = System.getProperty("pypidb.corpusSdists");
    String oracle = System.getProperty("pypidb.corpusOracle");
    assumeTrue(dir != null && oracle != null, "set -Dpypidb.corpusSdists and -Dpypidb.corpusOracle");
    StringBuilder report = new StringBuilder();
    Map<String, Integer> counts = new TreeMap<>();
    int archives = 0;
    for (String line : Files.readAllLines(Path.of(oracle), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode o = JSON.readTree(line);
      List<String> kinds = new ArrayList<>();
      o.path("source_kinds").forEach(k -> kinds.add(k.asText()));
      if (kinds.stream().noneMatch(DECLARATIVE_KINDS::contains)) {
        continue;
      }
      archives++;
      String name = o.get("filename").asText().replaceFirst("\\.tar\\.gz$", "");
      SdistExtraction x = SdistExtractor.extract(DirectorySourceTree.read(Path.of(dir, "trees", name)));
      report.append("== ").append(name).append(" ").append(kinds).append(", methods ").append(x.methods())
          .append(o.path("notes").asText().isEmpty() ? "" : ", note: " + o.get("notes").asText()).append('\n');
      Map<String, List<String>> byOutcome = new LinkedHashMap<>();
      TreeSet<String> pythonKeys = new TreeSet<>();
      o.get("deps_db").fieldNames().forEachRemaining(pythonKeys::add);
      for (String key : pythonKeys) {
        KeyResult ours = x.result(PythonKey.forKey(key));
        String outcome = outcome(o.get("deps_db").get(key), ours, counts);
        byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(key);
      }
      byOutcome.forEach((outcome, keys) -> report.append("  ").append(keys).append(' ').append(outcome).append('\n'));
    }
    assertTrue(archives > 0, "no archive with declarative sources in " + oracle);
    StringBuilder head = new StringBuilder(archives + " archives with declarative sources; (archive, key) pairs:\n");
    counts.forEach((k, v) -> head.append("  ").append(k).append(": ").append(v).append('\n'));
    report.insert(0, head.append('\n'));
    Files.writeString(Path.of(dir, "report.txt"), report.toString(), StandardCharsets.UTF_8);
    System.out.print(report);
  }

  private static String outcome(JsonNode crawler, KeyResult ours, Map<String, Integer> counts) {
    String status = ours.status().label() + (ours.method() == null ? "" : " by " + ours.method())
        + (ours.reason() == null ? "" : " (" + ours.reason() + ")");
    if (crawler.has("error")) {
      count(counts, "crawler error, ours " + ours.status().label());
      return "crawler error: " + crawler.get("error").asText().strip().lines().reduce((a, b) -> b).orElse("")
          + "; ours " + status + " " + requirements(ours);
    }
    if (ours.status() != KeyResult.Status.OK) {
      count(counts, "crawler ok, ours " + ours.status().label());
      return "crawler " + crawlerSet(crawler) + "; ours " + status;
    }
    List<String> diffs = new ArrayList<>();
    TreeSet<String> theirs = crawlerSet(crawler);
    TreeSet<String> mine = requirements(ours);
    if (!theirs.equals(mine)) {
      diffs.add("requirements: only crawler " + minus(theirs, mine) + ", only ours " + minus(mine, theirs));
    }
    String theirPython = crawler.has("python_requires") ? String.join(",", strings(crawler.get("python_requires"))) : null;
    String myPython = (String) ours.values().get(SetupField.PYTHON_REQUIRES);
    if (!samePython(theirPython, myPython)) {
      diffs.add("python_requires: crawler " + theirPython + ", ours " + myPython);
    }
    for (SetupField f : List.of(SetupField.SETUP_REQUIRES, SetupField.TESTS_REQUIRE)) {
      TreeSet<String> t = CanonicalRequirements.fromSetupShape(strings(crawler.get(f.keyword())), null);
      @SuppressWarnings("unchecked")
      TreeSet<String> m = CanonicalRequirements.fromSetupShape((List<String>) ours.values().get(f), null);
      if (!t.equals(m)) {
        diffs.add(f + ": only crawler " + minus(t, m) + ", only ours " + minus(m, t));
      }
    }
    count(counts, diffs.isEmpty() ? "crawler ok, ours ok, same" : "crawler ok, ours ok, different");
    return diffs.isEmpty() ? "same (" + status + ")" : "DIFFERENT (" + status + "): " + String.join("; ", diffs);
  }

  private static void count(Map<String, Integer> counts, String what) {
    counts.merge(what, 1, Integer::sum);
  }

  private static TreeSet<String> crawlerSet(JsonNode crawler) {
    Map<String, List<String>> extras = new LinkedHashMap<>();
    crawler.path("extras_require").fields().forEachRemaining(e -> extras.put(e.getKey(), strings(e.getValue())));
    return CanonicalRequirements.fromSetupShape(strings(crawler.get("install_requires")), extras);
  }

  @SuppressWarnings("unchecked")
  private static TreeSet<String> requirements(KeyResult ours) {
    return CanonicalRequirements.fromSetupShape((List<String>) ours.values().get(SetupField.INSTALL_REQUIRES),
        (Map<String, List<String>>) ours.values().get(SetupField.EXTRAS_REQUIRE));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static TreeSet<String> minus(Set<String> a, Set<String> b) {
    TreeSet<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static boolean samePython(String a, String b) {
    if (a == null || a.isBlank() || b == null || b.isBlank()) {
      return (a == null || a.isBlank()) && (b == null || b.isBlank());
    }
    try {
      return SpecifierSet.parse(a).equals(SpecifierSet.parse(b));
    } catch (IllegalArgumentException e) {
      return a.strip().equals(b.strip());
    }
  }
}
