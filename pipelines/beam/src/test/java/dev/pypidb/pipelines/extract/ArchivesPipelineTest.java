package dev.pypidb.pipelines.extract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.export.ExportDbPipeline;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.ExportOptions;
import dev.pypidb.pipelines.read.InputResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The archives input end to end on the DirectRunner: a folder of sdists (one per extraction
 * method), a wheel, an egg and hostile archives, all made here, through normalize to the
 * tables, then export-db to mach-nix buckets.
 */
public class ArchivesPipelineTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final List<String> ALL_KEYS =
      List.of("27", "35", "36", "37", "38", "39", "310", "311", "312", "313", "314");

  private static Path archives;
  private static Path tables;
  private static Path export;

  @BeforeClass
  public static void run() throws IOException {
    archives = TMP.newFolder("archives").toPath();
    methods(archives);
    hostile(archives.resolve("hostile"));
    tables = TMP.newFolder("tables").toPath();
    Pipeline n = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(n, InputResolver.resolve(List.of(archives.toString()), null), tables.toString(), 2);
    assertEquals("DONE", n.run().waitUntilFinish().toString());
    export = TMP.newFolder("export").toPath();
    Pipeline e = Pipeline.create(PipelineOptionsFactory.create());
    ExportOptions o = PipelineOptionsFactory.as(ExportOptions.class);
    o.setTables(tables.toString());
    o.setOutput(export.toString());
    ExportDbPipeline.build(e, o);
    assertEquals("DONE", e.run().waitUntilFinish().toString());
  }

  private static final String SETUP_PY = """
      import os
      import sys
      from setuptools import setup

      here = os.path.abspath(os.path.dirname(__file__))
      with open(os.path.join(here, 'requirements.txt')) as f:
          requirements = [l.strip() for l in f if l.strip() and not l.startswith('#')]
      if sys.version_info[0] == 2:
          requirements.append('futures')
      elif sys.version_info < (3, 11):
          requirements += ['tomli>=1.1']
      setup(name='pydemo', version='1.0', install_requires=requirements,
            extras_require={'yaml': ['PyYAML>=5']}, python_requires='>=2.7')
      """;

  /** One sdist per method, a wheel and an egg. */
  private static void methods(Path dir) throws IOException {
    ArchiveFixtures.write(dir, "pkginfo-1.0.tar.gz", ArchiveFixtures.of(
        "pkginfo-1.0/PKG-INFO", "Metadata-Version: 2.2\nName: pkginfo\nVersion: 1.0\nRequires-Python: >=3.8\n"
            + "Requires-Dist: requests>=2\nRequires-Dist: PySocks; extra == \"socks\"\nProvides-Extra: socks\n",
        "pkginfo-1.0/setup.py", "raise SystemExit('never run, never needed')\n").tarGz());
    ArchiveFixtures.write(dir, "egginfo-1.0.tar.gz", ArchiveFixtures.of(
        "egginfo-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: egginfo\nVersion: 1.0\nRequires-Python: >=3.6\n",
        "egginfo-1.0/egginfo.egg-info/PKG-INFO", "Metadata-Version: 2.1\nName: egginfo\nVersion: 1.0\nRequires-Python: >=3.6\n",
        "egginfo-1.0/egginfo.egg-info/requires.txt", "six>=1.9\n\n[:python_version < \"3.8\"]\nimportlib-metadata\n\n[docs]\nsphinx\n",
        "egginfo-1.0/egginfo.egg-info/SOURCES.txt", "setup.py\negginfo.egg-info/requires.txt\n").tarGz());
    ArchiveFixtures.write(dir, "pep621-1.0.tar.gz", ArchiveFixtures.of(
        "pep621-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: pep621\nVersion: 1.0\n",
        "pep621-1.0/pyproject.toml", "[project]\nname = \"pep621\"\nversion = \"1.0\"\nrequires-python = \">=3.9\"\n"
            + "dependencies = [\"httpx>=0.24\", \"anyio\"]\n[project.optional-dependencies]\ncli = [\"click>=8\"]\n").tarGz());
    ArchiveFixtures.write(dir, "poetrydemo-1.0.tar.gz", ArchiveFixtures.of(
        "poetrydemo-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: poetrydemo\nVersion: 1.0\n",
        "poetrydemo-1.0/pyproject.toml", "[build-system]\nrequires = [\"poetry-core\"]\n"
            + "build-backend = \"poetry.core.masonry.api\"\n[tool.poetry]\nname = \"poetrydemo\"\nversion = \"1.0\"\n"
            + "[tool.poetry.dependencies]\npython = \"^3.8\"\nrequests = \"^2.28\"\nattrs = \"~22.1\"\n"
            + "typing-extensions = {version = \"^4.5\", python = \"<3.11\"}\n").tarGz());
    ArchiveFixtures.write(dir, "cfgdemo-1.0.zip", ArchiveFixtures.of(
        "cfgdemo-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: cfgdemo\nVersion: 1.0\n",
        "cfgdemo-1.0/setup.py", "from setuptools import setup\nsetup()\n",
        "cfgdemo-1.0/setup.cfg", "[metadata]\nname = cfgdemo\n\n[options]\npython_requires = >=3.7\n"
            + "install_requires =\n    numpy>=1.20\n    pandas\n\n[options.extras_require]\nplot = matplotlib\n").zip());
    ArchiveFixtures.write(dir, "pydemo-1.0.tar.gz", ArchiveFixtures.of(
        "pydemo-1.0/PKG-INFO", "Metadata-Version: 1.0\nName: pydemo\nVersion: 1.0\n",
        "pydemo-1.0/requirements.txt", "# runtime\nrequests>=2.20\n\nclick\n",
        "pydemo-1.0/setup.py", SETUP_PY).tarGz());
    ArchiveFixtures.write(dir, "wheeldemo-2.0-py3-none-any.whl", ArchiveFixtures.of(
        "wheeldemo/__init__.py", "",
        "wheeldemo-2.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: wheeldemo\nVersion: 2.0\n"
            + "Requires-Python: >=3.8\nRequires-Dist: attrs>=22\nRequires-Dist: rich; extra == \"pretty\"\n"
            + "Provides-Extra: pretty\n",
        "wheeldemo-2.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: py3-none-any\n").zip());
    ArchiveFixtures.write(dir, "eggdemo-0.5-py2.7.egg", ArchiveFixtures.of(
        "eggdemo/__init__.py", "",
        "EGG-INFO/PKG-INFO", "Metadata-Version: 1.1\nName: eggdemo\nVersion: 0.5\n",
        "EGG-INFO/requires.txt", "six\n\n[socks]\nPySocks\n").zip());
  }

  /** One archive per kind of hostile input. */
  private static void hostile(Path dir) throws IOException {
    ArchiveFixtures.write(dir, "traversal-1.0.tar.gz", ArchiveFixtures.of(
        "traversal-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: traversal\nVersion: 1.0\n",
        "traversal-1.0/../../escaped.txt", "outside\n").tarGz());
    ArchiveFixtures.write(dir, "absolute-1.0.tar.gz", ArchiveFixtures.of(
        "absolute-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: absolute\nVersion: 1.0\n",
        "/tmp/absolute.txt", "outside\n").tarGz());
    ArchiveFixtures.write(dir, "links-1.0.tar.gz", ArchiveFixtures.of(
        "links-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: links\nVersion: 1.0\n",
        "links-1.0/setup.py", "from setuptools import setup\n"
            + "setup(name='links', install_requires=open('requirements.txt').read().splitlines())\n")
        .symlink("links-1.0/requirements.txt", "/etc/passwd")
        .device("links-1.0/null").tarGz());
    ArchiveFixtures.write(dir, "nested-1.0.tar.gz", ArchiveFixtures.of(
        "nested-1.0/inner-1.0.tar.gz", "not opened").tarGz());
    ArchiveFixtures.write(dir, "bomb-1.0.tar.gz", ArchiveFixtures.zeros("bomb-1.0/data.bin", 200L << 20));
    ArchiveFixtures.write(dir, "many-1.0.tar.gz", ArchiveFixtures.manyMembers("many-1.0/", 100_001));
    byte[] good = ArchiveFixtures.of("cut-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: cut\nVersion: 1.0\n",
        "cut-1.0/setup.py", "from setuptools import setup\nsetup()\n" + "# padding\n".repeat(2000)).tarGz();
    ArchiveFixtures.write(dir, "cut-1.0.tar.gz", Arrays.copyOf(good, good.length / 2));
    byte[] corrupt = good.clone();
    for (int i = 40; i < 80; i++) {
      corrupt[i] ^= 0x5a;
    }
    ArchiveFixtures.write(dir, "corrupt-1.0.tar.gz", corrupt);
    ArchiveFixtures.write(dir, "zipnamedtar-1.0.tar.gz",
        ArchiveFixtures.of("zipnamedtar-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: x\nVersion: 1\n").zip());
    byte[] latin1 = "# -*- nothing declared -*-\nfrom setuptools import setup\nsetup(name='latin', description='caf\u00e9',\n      install_requires=['six'])\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    ArchiveFixtures.write(dir, "latin-1.0.tar.gz", ArchiveFixtures.of(
        "latin-1.0/PKG-INFO", "Metadata-Version: 1.0\nName: latin\nVersion: 1.0\n").bytes("latin-1.0/setup.py", latin1).tarGz());
    ArchiveFixtures.write(dir, "huge-1.0.tar.gz", ArchiveFixtures.of(
        "huge-1.0/PKG-INFO", "Metadata-Version: 1.0\nName: huge\nVersion: 1.0\n",
        "huge-1.0/setup.py", "from setuptools import setup\nsetup(name='huge', install_requires=['six'])\n"
            + "x = 1\n".repeat(400_000)).tarGz());
    ArchiveFixtures.write(dir, "deep-1.0.tar.gz", ArchiveFixtures.of(
        "deep-1.0/PKG-INFO", "Metadata-Version: 1.0\nName: deep\nVersion: 1.0\n",
        "deep-1.0/setup.py", "from setuptools import setup\nsetup(name='deep', install_requires="
            + "[".repeat(5000) + "'six'" + "]".repeat(5000) + ")\n").tarGz());
  }

  private static List<GenericRecord> rows(String table) throws IOException {
    return TestData.rows(tables, table);
  }

  /** The static rows of one sdist: python key to row. */
  private static Map<String, GenericRecord> sdist(String filename) throws IOException {
    Map<String, GenericRecord> out = new TreeMap<>();
    for (GenericRecord r : rows("sdist_metadata")) {
      if (filename.equals(TestData.string(r, "filename")) && "archives".equals(TestData.string(r, "provenance"))) {
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) r.get("python_keys");
        assertEquals("one row per (sdist, key)", 1, keys.size());
        out.put(keys.get(0).toString(), r);
      }
    }
    return out;
  }

  /** install_requires (or another kind) of one key of one sdist, as written. */
  private static List<String> requirements(String filename, String key, String kind) throws IOException {
    GenericRecord meta = sdist(filename).get(key);
    String source = TestData.string(meta, "requirements_source");
    List<GenericRecord> mine = new ArrayList<>();
    for (GenericRecord r : rows("requirements")) {
      if (filename.equals(TestData.string(r, "sdist_filename")) && source.equals(TestData.string(r, "source"))
          && kind.equals(TestData.string(r, "kind"))) {
        mine.add(r);
      }
    }
    mine.sort((a, b) -> (Integer) a.get("position") - (Integer) b.get("position"));
    return mine.stream().map(r -> (TestData.string(r, "extras_key") == null ? "" : "[" + TestData.string(r, "extras_key") + "] ")
        + TestData.string(r, "raw")).collect(Collectors.toList());
  }

  private static void assertAll(String filename, String status, String method) throws IOException {
    Map<String, GenericRecord> byKey = sdist(filename);
    assertEquals(filename + ": a row for every python key", ALL_KEYS.stream().sorted().toList(),
        byKey.keySet().stream().sorted().toList());
    for (GenericRecord r : byKey.values()) {
      assertEquals(filename + " " + r.get("python_keys") + ": " + r.get("reason"), status, TestData.string(r, "status"));
      assertEquals(filename + " " + r.get("python_keys"), method, TestData.string(r, "method"));
    }
  }

  @Test
  public void everyArchiveIsOneRecordAndTheManifestReconciles() throws IOException {
    JsonNode totals = new ObjectMapper().readTree(tables.resolve("manifest.json").toFile()).get("totals");
    long archiveCount;
    try (Stream<Path> s = Files.walk(archives)) {
      archiveCount = s.filter(Files::isRegularFile).count();
    }
    assertEquals(archiveCount, totals.get("records_read").asLong());
    assertEquals(archiveCount, totals.get("records_written").asLong() + totals.get("dead_lettered").asLong());
    assertTrue(totals.get("reconciles").asBoolean());
  }

  @Test
  public void filesRowsCarryTheSizeAndSha256OfTheBytes() throws Exception {
    GenericRecord f = rows("files").stream().filter(r -> "pydemo-1.0.tar.gz".equals(TestData.string(r, "filename")))
        .findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(archives.resolve("pydemo-1.0.tar.gz"));
    assertEquals((long) bytes.length, f.get("size"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), TestData.string(f, "sha256"));
    assertEquals("sdist", TestData.string(f, "packagetype"));
    assertEquals(List.of("archives"), ((List<?>) f.get("sources")).stream().map(Object::toString).toList());
  }

  @Test
  public void pkgInfoOfMetadata22WinsAndIsNeverRun() throws IOException {
    assertAll("pkginfo-1.0.tar.gz", "ok", "pkg-info");
    assertEquals(List.of("requests>=2"), requirements("pkginfo-1.0.tar.gz", "27", "install_requires"));
    assertEquals(List.of("[socks] PySocks"), requirements("pkginfo-1.0.tar.gz", "314", "extras_require"));
  }

  @Test
  public void eggInfoRequiresTxtSections() throws IOException {
    assertAll("egginfo-1.0.tar.gz", "ok", "egg-info");
    assertEquals(List.of("six>=1.9"), requirements("egginfo-1.0.tar.gz", "310", "install_requires"));
    assertEquals(List.of("[:python_version < \"3.8\"] importlib-metadata", "[docs] sphinx"),
        requirements("egginfo-1.0.tar.gz", "310", "extras_require"));
    assertEquals("[>=3.6]", String.valueOf(sdist("egginfo-1.0.tar.gz").get("36").get("python_requires")));
  }

  @Test
  public void pyprojectPep621PoetryAndSetupCfg() throws IOException {
    assertAll("pep621-1.0.tar.gz", "ok", "pyproject");
    assertEquals(List.of("httpx>=0.24", "anyio"), requirements("pep621-1.0.tar.gz", "39", "install_requires"));
    assertAll("poetrydemo-1.0.tar.gz", "ok", "pyproject");
    assertEquals("in poetry-core's order", List.of("attrs<22.2,>=22.1", "requests<3.0,>=2.28"),
        requirements("poetrydemo-1.0.tar.gz", "312", "install_requires"));
    assertEquals(List.of("[:python_version < \"3.11\"] typing-extensions<5.0,>=4.5"),
        requirements("poetrydemo-1.0.tar.gz", "312", "extras_require"));
    assertAll("cfgdemo-1.0.zip", "ok", "setup-cfg");
    assertEquals(List.of("numpy>=1.20", "pandas"), requirements("cfgdemo-1.0.zip", "37", "install_requires"));
    assertEquals(List.of("[plot] matplotlib"), requirements("cfgdemo-1.0.zip", "37", "extras_require"));
  }

  @Test
  public void setupPyBranchesAreEvaluatedPerPythonKey() throws IOException {
    assertAll("pydemo-1.0.tar.gz", "ok", "setup-py");
    assertEquals(List.of("requests>=2.20", "click", "futures"), requirements("pydemo-1.0.tar.gz", "27", "install_requires"));
    assertEquals(List.of("requests>=2.20", "click", "tomli>=1.1"), requirements("pydemo-1.0.tar.gz", "310", "install_requires"));
    assertEquals(List.of("requests>=2.20", "click"), requirements("pydemo-1.0.tar.gz", "311", "install_requires"));
    assertEquals(List.of("requests>=2.20", "click"), requirements("pydemo-1.0.tar.gz", "314", "install_requires"));
    assertEquals("keys with the same answer share their requirement rows",
        TestData.string(sdist("pydemo-1.0.tar.gz").get("311"), "requirements_source"),
        TestData.string(sdist("pydemo-1.0.tar.gz").get("314"), "requirements_source"));
  }

  @Test
  public void wheelAndEggMetadata() throws IOException {
    List<GenericRecord> reqs = rows("requirements");
    List<String> wheel = reqs.stream().filter(r -> "wheeldemo-2.0-py3-none-any.whl".equals(TestData.string(r, "source")))
        .map(r -> TestData.string(r, "raw")).toList();
    assertEquals(List.of("attrs>=22", "rich; extra == \"pretty\""), wheel);
    List<String> egg = reqs.stream().filter(r -> "eggdemo-0.5-py2.7.egg".equals(TestData.string(r, "source")))
        .map(r -> TestData.string(r, "raw")).toList();
    assertEquals(List.of("six", "PySocks; extra == \"socks\""), egg);
    GenericRecord w = rows("files").stream().filter(r -> "wheeldemo-2.0-py3-none-any.whl".equals(TestData.string(r, "filename")))
        .findFirst().orElseThrow();
    assertEquals(">=3.8", TestData.string(w, "requires_python"));
    assertEquals("bdist_wheel", TestData.string(w, "packagetype"));
  }

  private static String deadLetter(String filename) throws IOException {
    List<String> reasons = rows("dead_letter").stream().filter(r -> TestData.string(r, "input").endsWith("/" + filename))
        .map(r -> TestData.string(r, "stage") + ": " + TestData.string(r, "reason")).toList();
    assertEquals(filename + " is one dead letter", 1, reasons.size());
    return reasons.get(0);
  }

  @Test
  public void hostileArchivesAreDeadLettersWithTheirReason() throws IOException {
    assertTrue(deadLetter("traversal-1.0.tar.gz"), deadLetter("traversal-1.0.tar.gz").startsWith("archive: unsafe"));
    assertTrue(deadLetter("absolute-1.0.tar.gz"), deadLetter("absolute-1.0.tar.gz").startsWith("archive: unsafe"));
    assertTrue(deadLetter("bomb-1.0.tar.gz"), deadLetter("bomb-1.0.tar.gz").startsWith("archive: limit"));
    assertTrue(deadLetter("many-1.0.tar.gz"), deadLetter("many-1.0.tar.gz").startsWith("archive: limit"));
    assertTrue(deadLetter("cut-1.0.tar.gz"), deadLetter("cut-1.0.tar.gz").startsWith("archive: truncated"));
    assertTrue(deadLetter("corrupt-1.0.tar.gz"), deadLetter("corrupt-1.0.tar.gz").startsWith("archive: corrupt"));
    assertTrue(deadLetter("zipnamedtar-1.0.tar.gz"), deadLetter("zipnamedtar-1.0.tar.gz").startsWith("archive: wrong-format"));
    assertFalse("nothing escaped the archive", Files.exists(archives.getParent().resolve("escaped.txt")));
    assertFalse("nothing escaped the archive", Files.exists(Path.of("/tmp/absolute.txt")));
  }

  @Test
  public void hostileMembersBecomeReasonsNotCrashes() throws IOException {
    // A link out of the archive is never followed: setup.py's open() of it is what fails.
    for (GenericRecord r : sdist("links-1.0.tar.gz").values()) {
      assertFalse(TestData.string(r, "status"), "ok".equals(TestData.string(r, "status")));
      assertTrue(String.valueOf(r.get("reason")), String.valueOf(r.get("reason")).contains("requirements.txt"));
    }
    // A nested archive is not opened: nothing else says what the sdist needs.
    for (GenericRecord r : sdist("nested-1.0.tar.gz").values()) {
      assertEquals("error", TestData.string(r, "status"));
    }
    // A setup.py over the kept-member bound is not read, and says so.
    for (GenericRecord r : sdist("huge-1.0.tar.gz").values()) {
      assertEquals("unresolved", TestData.string(r, "status"));
      assertNotNull(r.get("reason"));
    }
    // Non-UTF-8 source and pathological nesting end in a reason, per key.
    assertEquals(ALL_KEYS.size(), sdist("latin-1.0.tar.gz").size());
    for (GenericRecord r : sdist("deep-1.0.tar.gz").values()) {
      assertFalse("ok".equals(TestData.string(r, "status")));
      assertNotNull(r.get("reason"));
    }
  }

  @Test
  public void exportWritesEveryPythonKeyInMachNixFormat() throws IOException {
    Path machNix = export.resolve("mach-nix");
    JsonNode sdist = null;
    try (Stream<Path> s = Files.list(machNix.resolve("sdist"))) {
      for (Path p : s.toList()) {
        JsonNode bucket = new ObjectMapper().readTree(p.toFile());
        if (bucket.has("pydemo")) {
          sdist = bucket.get("pydemo").get("1.0");
        }
      }
    }
    assertNotNull("pydemo is in an sdist bucket", sdist);
    assertEquals(ALL_KEYS.stream().sorted().toList(), iterable(sdist.fieldNames()).stream().sorted().toList());
    assertEquals("[\"requests>=2.20\",\"click\",\"futures\"]", sdist.get("27").get("install_requires").toString());
    // Keys with the payload of an earlier key refer to it, as mach-nix writes them.
    String k314 = sdist.get("314").isTextual() ? sdist.get(sdist.get("314").asText()).toString() : sdist.get("314").toString();
    assertTrue(k314, k314.contains("\"install_requires\":[\"requests>=2.20\",\"click\"]"));
    boolean errors = false;
    try (Stream<Path> s = Files.list(machNix.resolve("sdist-errors"))) {
      for (Path p : s.toList()) {
        errors |= new ObjectMapper().readTree(p.toFile()).has("nested");
      }
    }
    assertTrue("an sdist with no answer is in sdist-errors", errors);
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
