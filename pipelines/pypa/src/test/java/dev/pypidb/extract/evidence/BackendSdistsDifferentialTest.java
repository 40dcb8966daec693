package dev.pypidb.extract.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.KeyResult;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SdistExtraction;
import dev.pypidb.extract.SdistExtractor;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.setuppy.SetupPyReader;
import dev.pypidb.extract.sources.EggInfoReader;
import dev.pypidb.extract.sources.PyprojectReader;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Differential evidence against real build backends: for each sdist that
 * {@code scripts/extract/build-backend-sdists.sh OUTDIR} built, what the readers say from
 * pyproject.toml / setup.cfg / setup.py alone (PKG-INFO and egg-info removed; setup.py evaluated
 * for key 311, the Python that built the wheel) against the Requires-Dist and Requires-Python the
 * backend wrote into the wheel it built from that sdist, and, where the backend put them there,
 * into the sdist's PKG-INFO and egg-info; and, for the setup.py poetry-core generates, its
 * setup() keywords string for string. Runs only with {@code -Dpypidb.backendSdists=OUTDIR};
 * writes {@code OUTDIR/report.txt} and fails on any difference not in {@link #EXPECTED}.
 */
class BackendSdistsDifferentialTest {
  private static final PythonKey KEY = PythonKey.forKey("311");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Projects where the readers alone cannot agree with the wheel, and exactly how they differ
   * (scripts/extract/backends_check.py says why, for the whole pipeline).
   */
  private static final Map<String, List<String>> EXPECTED = Map.of(
      // A metadata hook (hatch_build.py) computes the requirements: only PKG-INFO has them.
      "pypi-hatchling-hook-m24", List.of("status unresolved"),
      // project.dynamic fields no hook fills: unresolved, not guessed empty.
      "pypi-hatchling-dynamic-unfilled", List.of("status unresolved"),
      // A wheel build hook adds cffi to the wheel only.
      "pypi-hatchling-build-hook", List.of(
          "wheel METADATA Requires-Dist: only theirs [cffi>=1.15 | extra= | ], only ours []"),
      // poetry-core 2.5 writes a '||' union that is not PEP 508; the reader writes poetry-core 1's range.
      "pypi-poetry2-legacy", List.of(
          "wheel METADATA Requires-Dist: only theirs [UNPARSEABLE click (>=7.1,<8.0 || >=8.0,<9.0)],"
              + " only ours [click<9.0,>=7.1 | extra= | ]",
          "sdist PKG-INFO Requires-Dist (Metadata-Version 2.4): only theirs [UNPARSEABLE click (>=7.1,<8.0 ||"
              + " >=8.0,<9.0)], only ours [click<9.0,>=7.1 | extra= | ]"));

  @Test
  void readersAgreeWithTheBackends() throws Exception {
    String dir = System.getProperty("pypidb.backendSdists");
    assumeTrue(dir != null && !dir.isEmpty(), "set -Dpypidb.backendSdists=OUTDIR of scripts/extract/build-backend-sdists.sh");
    Path trees = Path.of(dir, "trees");
    List<Path> projects;
    try (Stream<Path> s = Files.list(trees)) {
      projects = s.filter(Files::isDirectory).sorted().toList();
    }
    assertFalse(projects.isEmpty(), "no unpacked sdist under " + trees);
    StringBuilder report = new StringBuilder();
    List<String> differences = new ArrayList<>();
    int agree = 0;
    int asExpected = 0;
    for (Path project : projects) {
      String name = project.getFileName().toString();
      MemorySourceTree tree = DirectorySourceTree.read(project);
      SdistExtraction x = SdistExtractor.extract(DirectorySourceTree.withoutMetadata(tree),
          List.of(SetupPyReader::of));
      KeyResult ours = x.result(KEY);
      TreeSet<String> ourSet = shape(ours.values());
      String ourPython = (String) ours.values().get(SetupField.PYTHON_REQUIRES);

      CoreMetadata wheel = CoreMetadata.parse(Files.readString(trees.resolve(name + ".METADATA"), StandardCharsets.UTF_8));
      TreeSet<String> wheelSet = CanonicalRequirements.fromRequiresDist(wheel.all("Requires-Dist"));
      String wheelPython = wheel.first("Requires-Python");

      report.append("== ").append(name).append(" (").append(x.methods()).append(", status ")
          .append(ours.status().label()).append(ours.reason() == null ? "" : ": " + ours.reason()).append(")\n");
      List<String> diffs = new ArrayList<>();
      if (ours.status() != KeyResult.Status.OK) {
        diffs.add("status " + ours.status().label());
        asExpected += finish(name, diffs, report, differences) ? 1 : 0;
        continue;
      }
      compare("wheel METADATA Requires-Dist", ourSet, wheelSet, diffs);
      if (!samePython(ourPython, wheelPython)) {
        diffs.add("python_requires: ours " + ourPython + ", wheel Requires-Python " + wheelPython);
      }
      CoreMetadata pkgInfo = CoreMetadata.parse(tree.text("PKG-INFO"));
      List<String> notes = new ArrayList<>();
      if (!pkgInfo.all("Requires-Dist").isEmpty() || wheel.all("Requires-Dist").isEmpty()) {
        compare("sdist PKG-INFO Requires-Dist (Metadata-Version " + pkgInfo.first("Metadata-Version") + ")",
            ourSet, CanonicalRequirements.fromRequiresDist(pkgInfo.all("Requires-Dist")), diffs);
      } else {
        notes.add("sdist PKG-INFO (Metadata-Version " + pkgInfo.first("Metadata-Version")
            + ") has no Requires-Dist: the backend writes them only into the wheel");
      }
      if (!samePython(ourPython, pkgInfo.first("Requires-Python"))) {
        diffs.add("python_requires: ours " + ourPython + ", sdist PKG-INFO Requires-Python "
            + pkgInfo.first("Requires-Python"));
      }
      Path generated = trees.resolve(name + ".setup.json");
      if (Files.exists(generated)) {
        exactSetupKeywords(JSON.readTree(generated.toFile()), PyprojectReader.of(tree).fields(), diffs);
        notes.add("the generated setup.py's setup() keywords equal the pyproject reader's, string for string");
      }
      EggInfoReader egg = EggInfoReader.of(tree);
      if (egg != null) {
        compare("egg-info requires.txt", ourSet, shape(fieldValues(egg.fields())), diffs);
      }
      report.append("  ours: ").append(ourSet).append(ourPython == null ? "" : " python " + ourPython).append('\n');
      for (String n : notes) {
        report.append("  note: ").append(n).append('\n');
      }
      if (diffs.isEmpty()) {
        agree++;
      }
      asExpected += finish(name, diffs, report, differences) && !diffs.isEmpty() ? 1 : 0;
    }
    report.insert(0, agree + " of " + projects.size() + " sdists agree, " + asExpected
        + " differ as expected\n\n");
    Files.writeString(Path.of(dir, "report.txt"), report.toString(), StandardCharsets.UTF_8);
    System.out.print(report);
    assertEquals(List.of(), differences);
  }

  /**
   * Reports the project's differences; unless they are exactly as {@link #EXPECTED}, they go to
   * {@code differences}. True when they are.
   */
  private static boolean finish(String name, List<String> diffs, StringBuilder report, List<String> differences) {
    List<String> expected = EXPECTED.getOrDefault(name, List.of());
    if (diffs.isEmpty()) {
      report.append("  agrees\n");
    }
    for (String d : diffs) {
      report.append(expected.contains(d) ? "  expected difference " : "  DIFFERENCE ").append(d).append('\n');
    }
    if (!diffs.equals(expected)) {
      differences.add(name + ": " + diffs + (expected.isEmpty() ? "" : ", expected " + expected));
      return false;
    }
    return true;
  }

  /** Exact strings and order: the reader against the setup.py poetry-core generated. */
  private static void exactSetupKeywords(JsonNode setup, Map<SetupField, FieldAnswer> ours, List<String> diffs) {
    Map<SetupField, Object> expected = new java.util.EnumMap<>(SetupField.class);
    expected.put(SetupField.INSTALL_REQUIRES, JSON.convertValue(setup.path("install_requires"), List.class));
    expected.put(SetupField.EXTRAS_REQUIRE, JSON.convertValue(setup.path("extras_require"), java.util.LinkedHashMap.class));
    if (setup.has("python_requires")) {
      expected.put(SetupField.PYTHON_REQUIRES, setup.get("python_requires").asText());
    }
    Map<SetupField, Object> actual = fieldValues(ours);
    for (Map.Entry<SetupField, Object> e : expected.entrySet()) {
      Object mine = actual.get(e.getKey());
      boolean same = e.getValue() instanceof Map<?, ?> m && mine instanceof Map<?, ?> n
          ? new ArrayList<>(m.entrySet()).equals(new ArrayList<>(n.entrySet()))
          : java.util.Objects.equals(e.getValue(), mine);
      if (!same) {
        diffs.add("generated setup.py " + e.getKey() + ": " + e.getValue() + ", reader " + mine);
      }
    }
  }

  private static Map<SetupField, Object> fieldValues(Map<SetupField, FieldAnswer> fields) {
    Map<SetupField, Object> out = new java.util.EnumMap<>(SetupField.class);
    fields.forEach((f, a) -> {
      if (a instanceof FieldAnswer.Known k) {
        out.put(f, k.value());
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static TreeSet<String> shape(Map<SetupField, Object> values) {
    return CanonicalRequirements.fromSetupShape((List<String>) values.get(SetupField.INSTALL_REQUIRES),
        (Map<String, List<String>>) values.get(SetupField.EXTRAS_REQUIRE));
  }

  private static void compare(String what, Set<String> ours, Set<String> theirs, List<String> diffs) {
    TreeSet<String> missing = new TreeSet<>(theirs);
    missing.removeAll(ours);
    TreeSet<String> extra = new TreeSet<>(ours);
    extra.removeAll(theirs);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      diffs.add(what + ": only theirs " + missing + ", only ours " + extra);
    }
  }

  private static boolean samePython(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return SpecifierSet.parse(a).equals(SpecifierSet.parse(b));
  }
}
