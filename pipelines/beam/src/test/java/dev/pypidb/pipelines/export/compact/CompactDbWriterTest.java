package dev.pypidb.pipelines.export.compact;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pypidb.compact.CompactDb;
import dev.pypidb.compact.CompactDbBuilder;
import dev.pypidb.compact.DistFile;
import dev.pypidb.compact.Project;
import dev.pypidb.compact.Release;
import dev.pypidb.compact.SdistBuild;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The compact database written from Parquet tables, read back with {@link CompactDb}. */
public class CompactDbWriterTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final String SHA = "ABCDEF0123456789".repeat(4);
  private int folders;

  // ---------------------------------------------------------------------------------------
  // Hand-built tables

  private static GenericRecord row(Table t, Object... kv) {
    GenericRecord r = new GenericData.Record(t.schema());
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return r;
  }

  private static GenericRecord release(String name, String display, String version, String requiresPython,
      boolean yanked, String reason) {
    return row(Table.RELEASES, "name", name, "display_name", display, "version", version,
        "version_valid", Version.tryParse(version) != null, "requires_python", requiresPython, "yanked", yanked,
        "yanked_reason", reason, "n_files", 0, "n_wheels", 0, "has_sdist", false, "sources", List.of("test"));
  }

  private static GenericRecord file(String name, String version, String filename, String packagetype,
      String pythonVersion, String sha, String requiresPython, boolean yanked, String reason,
      List<String> providesExtra, String depsDbName) {
    return row(Table.FILES, "name", name, "version", version, "filename", filename, "packagetype", packagetype,
        "python_version", pythonVersion, "sha256", sha, "requires_python", requiresPython, "yanked", yanked,
        "yanked_reason", reason, "provides_extra", providesExtra, "filename_valid", true, "sources",
        List.of("test"), "deps_db_name", depsDbName);
  }

  private static GenericRecord req(String name, String version, String source, String kind, int position,
      String raw, String extrasKey, String depsDbName) {
    return row(Table.REQUIREMENTS, "name", name, "version", version, "source", source, "kind", kind,
        "position", position, "raw", raw, "valid", true, "extras_key", extrasKey, "deps_db_name", depsDbName,
        "provenance", source.startsWith("sdist:") ? "deps-db" : null);
  }

  private static GenericRecord sdist(String name, String version, String depsDbName, List<String> keys,
      String error, List<String> pythonRequires, List<String> present, List<String> extrasKeys) {
    return row(Table.SDIST_METADATA, "name", name, "version", version, "deps_db_name", depsDbName,
        "python_keys", keys, "status", error == null ? "ok" : "error", "error", error,
        "python_requires", pythonRequires, "keys_present", present, "extras_keys", extrasKeys,
        "provenance", "deps-db", "requirements_source", "sdist:" + String.join(",", keys), "chosen_keys", keys);
  }

  /** Writes rows as normalize does: sharded by name hash, each shard sorted by name (stable). */
  private static void writeTable(Path root, Table t, int shards, List<GenericRecord> rows) throws IOException {
    Files.createDirectories(root.resolve(t.dirName()));
    List<List<GenericRecord>> byShard = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      byShard.add(new ArrayList<>());
    }
    for (GenericRecord r : rows) {
      byShard.get(WriteTables.shardOf(r.get("name").toString(), shards)).add(r);
    }
    for (int i = 0; i < shards; i++) {
      List<GenericRecord> shard = byShard.get(i);
      shard.sort(Comparator.comparing(r -> r.get("name").toString()));
      try (ParquetWriter<GenericRecord> w =
          ParquetFiles.writer(root.resolve(t.dirName()).resolve(WrittenShard.partName(i, shards)).toString(), t.schema())) {
        for (GenericRecord r : shard) {
          w.write(r);
        }
      }
    }
  }

  private Path fixtureTables(int shards) throws IOException {
    Path root = tmp.newFolder("tables-" + shards + "-" + (++folders)).toPath();
    writeTable(root, Table.RELEASES, shards, List.of(
        release("demo-pkg", "Demo.Pkg", "1.0", ">=3.7", false, null),
        release("demo-pkg", "Demo.Pkg", "2.0b1", null, true, "oops"),
        release("demo-pkg", "Demo.Pkg", "0.1-weird!", null, false, null),
        release("demo-pkg", "Demo.Pkg", "1.0.post1", null, false, null),
        release("other", "Other", "3", null, false, null)));
    writeTable(root, Table.FILES, shards, List.of(
        file("demo-pkg", "1.0", "demo_pkg-1.0-py3-none-any.whl", "bdist_wheel", "py3", SHA, ">=3.7", false, null,
            List.of("socks", "Test"), "demo-pkg"),
        file("demo-pkg", "1.0", "Demo.Pkg-1.0.tar.gz", "sdist", "source", SHA.toLowerCase(), null, true, "bad",
            null, null),
        file("demo-pkg", "2.0b1", "demo_pkg-2.0b1-7-cp39-abi3-win_amd64.whl", "bdist_wheel", "cp39", null, null,
            false, null, List.of(), "demo.pkg"),
        file("other", "3", "other-3-py2.py3-none-any.whl", "bdist_wheel", "py2.py3", null, null, false, null, null,
            null)));
    writeTable(root, Table.REQUIREMENTS, shards, List.of(
        // Out of position order on purpose: the writer orders by position.
        req("demo-pkg", "1.0", "demo_pkg-1.0-py3-none-any.whl", "requires_dist", 1, "PySocks ; extra == 'socks'",
            null, "demo-pkg"),
        req("demo-pkg", "1.0", "demo_pkg-1.0-py3-none-any.whl", "requires_dist", 0, "idna (<4,>=2.5)", null,
            "demo-pkg"),
        req("demo-pkg", "1.0", "release", "requires_dist", 0, "idna<4,>=2.5", null, null),
        req("demo-pkg", "1.0", "sdist:36,37", "install_requires", 0, "idna", null, "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:36,37", "setup_requires", 0, "setuptools", null, "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:36,37", "tests_require", 1, "mock", null, "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:36,37", "tests_require", 0, "pytest", null, "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:36,37", "extras_require", 0, "PySocks", "socks", "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:36,37", "extras_require", 0, "pywin32", ":sys_platform == \"win32\"",
            "demo-pkg"),
        req("demo-pkg", "1.0", "sdist:38", "install_requires", 0, "idna>=3", null, "demo.pkg"),
        req("other", "3", "other-3-py2.py3-none-any.whl", "requires_dist", 0, "demo-pkg", null, null)));
    writeTable(root, Table.SDIST_METADATA, shards, List.of(
        sdist("demo-pkg", "1.0", "demo-pkg", List.of("27"), "ImportError: No module named pathlib", null,
            List.of(), List.of()),
        sdist("demo-pkg", "1.0", "demo-pkg", List.of("36", "37"), null, List.of(">=3.6"),
            List.of("install_requires", "setup_requires", "extras_require", "tests_require", "python_requires"),
            List.of(":sys_platform == \"win32\"", "empty", "socks")),
        sdist("demo-pkg", "1.0", "demo.pkg", List.of("38"), null, null, List.of("install_requires"), List.of()),
        sdist("demo-pkg", "2.0b1", "demo-pkg", List.of("310"), null, null, List.of(), List.of())));
    return root;
  }

  @Test
  public void writesEveryFieldOfHandBuiltTables() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("db.pdb");
    CompactDbBuilder.Stats stats = CompactDbWriter.write(fixtureTables(2).toString(), out);
    assertEquals(2, stats.projects());
    assertEquals(5, stats.releases());
    assertEquals(4, stats.files());
    assertEquals(4, stats.sdistBuilds());
    try (CompactDb db = CompactDb.open(out)) {
      assertEquals(List.of("demo-pkg", "other"), db.projects());
      Project p = db.project("Demo_Pkg").orElseThrow();
      assertEquals("Demo.Pkg", p.displayName());
      assertEquals(List.of("demo-pkg", "demo.pkg"), p.depsDbNames());
      assertEquals(List.of("1.0", "1.0.post1", "2.0b1", "0.1-weird!"), db.versions("demo-pkg"));

      Release r = db.release("demo-pkg", "1.0");
      assertEquals(">=3.7", r.requiresPython());
      assertFalse(r.yanked());
      assertNull(r.yankedReason());
      assertEquals(List.of("idna<4,>=2.5"), r.requiresDist());
      assertEquals(List.of("Demo.Pkg-1.0.tar.gz", "demo_pkg-1.0-py3-none-any.whl"),
          r.files().stream().map(DistFile::filename).toList());
      DistFile wheel = r.file("demo_pkg-1.0-py3-none-any.whl");
      assertEquals(new DistFile("demo_pkg-1.0-py3-none-any.whl", "bdist_wheel", "py3", ">=3.7", SHA.toLowerCase(),
          false, null, List.of("idna (<4,>=2.5)", "PySocks ; extra == 'socks'"), List.of("socks", "Test"),
          "demo-pkg"), wheel);
      assertEquals(new DistFile("Demo.Pkg-1.0.tar.gz", "sdist", "source", null, SHA.toLowerCase(), true, "bad",
          List.of(), null, null), r.file("Demo.Pkg-1.0.tar.gz"));

      assertEquals(3, r.sdistBuilds().size());
      SdistBuild failed = r.sdistBuilds().get(0);
      assertEquals("demo-pkg", failed.depsDbName());
      assertEquals(List.of("27"), failed.pythonKeys());
      assertFalse(failed.ok());
      assertEquals("ImportError: No module named pathlib", failed.error());
      SdistBuild ok = r.sdistBuilds().get(1);
      assertEquals(List.of("36", "37"), ok.pythonKeys());
      assertTrue(ok.ok());
      assertEquals(List.of(">=3.6"), ok.pythonRequires());
      assertEquals(SdistBuild.KEYS, ok.keysPresent());
      assertEquals(List.of("idna"), ok.installRequires());
      assertEquals(List.of("setuptools"), ok.setupRequires());
      assertEquals(List.of("pytest", "mock"), ok.testsRequire());
      assertEquals(List.of(":sys_platform == \"win32\"", "empty", "socks"), new ArrayList<>(ok.extrasRequire().keySet()));
      assertEquals(List.of("pywin32"), ok.extrasRequire().get(":sys_platform == \"win32\""));
      assertEquals(List.of(), ok.extrasRequire().get("empty"));
      assertEquals(List.of("PySocks"), ok.extrasRequire().get("socks"));
      SdistBuild other = r.sdistBuilds().get(2);
      assertEquals("demo.pkg", other.depsDbName());
      assertEquals(List.of("38"), other.pythonKeys());
      assertNull(other.pythonRequires());
      assertEquals(List.of("install_requires"), other.keysPresent());
      assertEquals(List.of("idna>=3"), other.installRequires());

      Release beta = db.release("demo-pkg", "2.0b1");
      assertTrue(beta.yanked());
      assertEquals("oops", beta.yankedReason());
      DistFile built = beta.files().get(0);
      assertEquals("demo_pkg-2.0b1-7-cp39-abi3-win_amd64.whl", built.filename());
      assertEquals("cp39", built.pythonVersion());
      assertNull(built.sha256());
      assertEquals(List.of(), built.providesExtra());
      assertEquals("demo.pkg", built.depsDbName());
      assertEquals(List.of(), beta.sdistBuilds().get(0).keysPresent());
      assertEquals(List.of(), db.release("demo-pkg", "1.0.post1").files());

      Release o = db.release("other", "3");
      assertEquals("Other", db.project("other").orElseThrow().displayName());
      assertEquals(List.of("demo-pkg"), o.files().get(0).requiresDist());
      assertNull(o.files().get(0).providesExtra());

      assertEquals(Optional.of(SHA.toLowerCase()), db.sha256("demo_pkg-1.0-py3-none-any.whl"));
      assertEquals(Optional.of(SHA.toLowerCase()), db.sha256("Demo.Pkg-1.0.tar.gz"));
      assertEquals(Optional.empty(), db.sha256("other-3-py2.py3-none-any.whl"));
    }
  }

  @Test
  public void outputDoesNotDependOnSharding() throws IOException {
    Path a = tmp.getRoot().toPath().resolve("a.pdb");
    Path b = tmp.getRoot().toPath().resolve("b.pdb");
    Path c = tmp.getRoot().toPath().resolve("c.pdb");
    CompactDbWriter.write(fixtureTables(1).toString(), a);
    CompactDbWriter.write(fixtureTables(3).toString(), b);
    CompactDbWriter.write(fixtureTables(3).toString(), c);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(c));
  }

  @Test
  public void rejectsTablesItCannotStream() throws IOException {
    Path root = fixtureTables(2);
    Path extra = root.resolve("files").resolve(WrittenShard.partName(0, 3));
    Files.copy(root.resolve("files").resolve(WrittenShard.partName(0, 2)), extra);
    IOException mixed = assertThrows(IOException.class,
        () -> CompactDbWriter.write(root.toString(), tmp.getRoot().toPath().resolve("x.pdb")));
    assertTrue(mixed.getMessage(), mixed.getMessage().contains("mixes shard counts"));
    Files.delete(extra);
    Files.delete(root.resolve("files").resolve(WrittenShard.partName(1, 2)));
    IOException missing = assertThrows(IOException.class,
        () -> CompactDbWriter.write(root.toString(), tmp.getRoot().toPath().resolve("x.pdb")));
    assertTrue(missing.getMessage(), missing.getMessage().contains("has shards"));

    Path unsorted = tmp.newFolder("unsorted").toPath();
    Files.createDirectories(unsorted.resolve("releases"));
    try (ParquetWriter<GenericRecord> w = ParquetFiles.writer(
        unsorted.resolve("releases").resolve(WrittenShard.partName(0, 1)).toString(), Table.RELEASES.schema())) {
      w.write(release("b", "b", "1", null, false, null));
      w.write(release("a", "a", "1", null, false, null));
    }
    IOException order = assertThrows(IOException.class,
        () -> CompactDbWriter.write(unsorted.toString(), tmp.getRoot().toPath().resolve("y.pdb")));
    assertTrue(order.getMessage(), order.getMessage().contains("not grouped by project in name order"));
  }

  // ---------------------------------------------------------------------------------------
  // Tables written by normalize, compared row by row

  private Path normalize(int shards) throws IOException {
    Path out = tmp.newFolder("normalized-" + shards).toPath();
    Path gz = TestData.gzip(TestData.fixture("bigquery/more.jsonl"),
        tmp.getRoot().toPath().resolve("extra-" + shards + "/more.jsonl.gz"));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(p, InputResolver.resolve(List.of(TestData.fixture("bigquery/rows.jsonl").toString(),
        gz.toString(), TestData.fixture("pypi-json").toString(), TestData.fixture("simple-json").toString(),
        TestData.fixture("deps-db").toString()), null), out.toString(), shards);
    p.run().waitUntilFinish();
    return out;
  }

  private static String s(GenericRecord r, String field) {
    return TestData.string(r, field);
  }

  private static List<String> list(GenericRecord r, String field) {
    Object v = r.get(field);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    ((Iterable<?>) v).forEach(o -> out.add(o.toString()));
    return out;
  }

  @Test
  public void holdsEveryRowOfNormalizedTables() throws IOException {
    Path tables = normalize(2);
    Path out = tmp.getRoot().toPath().resolve("normalized.pdb");
    CompactDbBuilder.Stats stats = CompactDbWriter.write(tables.toString(), out);
    List<GenericRecord> releases = TestData.rows(tables, "releases");
    List<GenericRecord> files = TestData.rows(tables, "files");
    List<GenericRecord> requirements = TestData.rows(tables, "requirements");
    List<GenericRecord> sdists = TestData.rows(tables, "sdist_metadata");
    assertFalse(files.isEmpty() || requirements.isEmpty() || sdists.isEmpty());
    assertEquals(releases.size(), stats.releases());
    assertEquals(files.size(), stats.files());
    assertEquals(sdists.size(), stats.sdistBuilds());

    try (CompactDb db = CompactDb.open(out)) {
      // Releases, and versions in version_order (invalid ones last, by string).
      Map<String, List<GenericRecord>> byProject = new TreeMap<>();
      for (GenericRecord r : releases) {
        byProject.computeIfAbsent(s(r, "name"), k -> new ArrayList<>()).add(r);
        Release rel = db.release(s(r, "name"), s(r, "version"));
        assertNotNull(s(r, "name") + " " + s(r, "version"), rel);
        assertEquals(s(r, "version"), rel.version());
        assertEquals(s(r, "requires_python"), rel.requiresPython());
        assertEquals(r.get("yanked"), rel.yanked());
        assertEquals(s(r, "yanked_reason"), rel.yankedReason());
        assertEquals(s(r, "display_name"), db.project(s(r, "name")).orElseThrow().displayName());
      }
      assertEquals(new ArrayList<>(byProject.keySet()), db.projects());
      for (Map.Entry<String, List<GenericRecord>> e : byProject.entrySet()) {
        List<GenericRecord> rs = new ArrayList<>(e.getValue());
        rs.sort(Comparator.comparing((GenericRecord r) -> (Integer) r.get("version_order"),
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> s(r, "version")));
        assertEquals(e.getKey(), rs.stream().map(r -> s(r, "version")).toList(), db.versions(e.getKey()));
      }

      for (GenericRecord r : files) {
        Release rel = db.release(s(r, "name"), s(r, "version"));
        DistFile f = rel.file(s(r, "filename"));
        assertNotNull(s(r, "filename"), f);
        assertEquals(s(r, "packagetype"), f.packagetype());
        assertEquals(s(r, "python_version"), f.pythonVersion());
        assertEquals(s(r, "requires_python"), f.requiresPython());
        assertEquals(s(r, "sha256"), f.sha256());
        assertEquals(r.get("yanked"), f.yanked());
        assertEquals(s(r, "yanked_reason"), f.yankedReason());
        assertEquals(list(r, "provides_extra"), f.providesExtra());
        assertEquals(s(r, "deps_db_name"), f.depsDbName());
        assertEquals(Optional.ofNullable(s(r, "sha256")), db.sha256(s(r, "filename")));
      }

      Map<String, SdistBuild> builds = new HashMap<>();
      for (GenericRecord r : sdists) {
        Release rel = db.release(s(r, "name"), s(r, "version"));
        SdistBuild b = rel.sdistBuilds().stream()
            .filter(x -> java.util.Objects.equals(x.depsDbName(), s(r, "deps_db_name"))
                && x.pythonKeys().equals(list(r, "python_keys")))
            .findFirst().orElseThrow(() -> new AssertionError("no build for " + r));
        builds.put(s(r, "name") + " " + s(r, "version") + " " + s(r, "deps_db_name") + " sdist:"
            + String.join(",", list(r, "python_keys")), b);
        assertEquals(s(r, "status"), b.ok() ? "ok" : "error");
        assertEquals(s(r, "error"), b.error());
        assertEquals(list(r, "python_requires"), b.pythonRequires());
        assertEquals(list(r, "keys_present"), b.keysPresent());
        assertEquals(list(r, "extras_keys"), new ArrayList<>(b.extrasRequire().keySet()));
      }

      long stored = 0;
      for (String p : db.projects()) {
        for (Release rel : db.project(p).orElseThrow().releases()) {
          stored += rel.requiresDist().size();
          for (DistFile f : rel.files()) {
            stored += f.requiresDist().size();
          }
          for (SdistBuild b : rel.sdistBuilds()) {
            stored += b.installRequires().size() + b.setupRequires().size() + b.testsRequire().size();
            stored += b.extrasRequire().values().stream().mapToInt(List::size).sum();
          }
        }
      }
      assertEquals(requirements.size(), stored);
      for (GenericRecord r : requirements) {
        String source = s(r, "source");
        int pos = (Integer) r.get("position");
        Release rel = db.release(s(r, "name"), s(r, "version"));
        List<String> l;
        if (source.equals("release")) {
          l = rel.requiresDist();
        } else if (source.startsWith("sdist:")) {
          SdistBuild b = builds.get(s(r, "name") + " " + s(r, "version") + " " + s(r, "deps_db_name") + " " + source);
          l = switch (s(r, "kind")) {
            case "install_requires" -> b.installRequires();
            case "setup_requires" -> b.setupRequires();
            case "tests_require" -> b.testsRequire();
            default -> b.extrasRequire().get(s(r, "extras_key"));
          };
        } else {
          l = rel.file(source).requiresDist();
        }
        assertEquals(r.toString(), s(r, "raw"), l.get(pos));
      }
    }

    // Same content from a different shard count: the same bytes.
    Path again = tmp.getRoot().toPath().resolve("normalized-3.pdb");
    CompactDbWriter.write(normalize(3).toString(), again);
    assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
  }
}
