package dev.pypidb.compact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through {@link CompactDbBuilder} and {@link CompactDb}, and what corrupt files do. */
class CompactDbTest {
  @TempDir Path tmp;

  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "0123456789abcdef".repeat(4);
  static final String SHA_C = "c".repeat(62) + "0f";

  static DistFile file(String filename, String packagetype, String pythonVersion, String sha256,
      List<String> requiresDist) {
    return new DistFile(filename, packagetype, pythonVersion, null, sha256, false, null, requiresDist, null, null);
  }

  /** A project using every field and filename form. */
  static Project demo() {
    List<String> reqs = List.of("requests (>=2.0)", "idna ; extra == 'idna'", "six");
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("", List.of("always"));
    extras.put("test", List.of("pytest>=6", "mock"));
    extras.put("win:sys_platform == \"win32\"", List.of("pywin32"));
    extras.put("empty", List.of());
    List<Release> releases = List.of(
        new Release("2.0", ">=3.8", false, null, List.of(), List.of(
            new DistFile("Demo_Pkg-2.0-py3-none-any.whl", "bdist_wheel", "py3", ">=3.8", SHA_A, false, null,
                reqs, List.of("idna", "Test"), "demo-pkg"),
            new DistFile("Demo_Pkg-2.0-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "bdist_wheel",
                "cp312", ">=3.8", SHA_B, true, "broken build", reqs, List.of(), "demo.pkg"),
            new DistFile("Demo_Pkg-2.0.0-py2.py3-none-any.whl", "bdist_wheel", null, null, null, false, null,
                List.of(), null, null),
            new DistFile("Demo.Pkg-2.0.tar.gz", "sdist", "source", null, SHA_C, false, null, List.of(), null, null),
            new DistFile("odd-name.zip", "sdist", "source", null, null, false, null, List.of(), null, null),
            new DistFile("bad-wheel.whl", "bdist_wheel", null, null, null, false, null, List.of(), null, null)),
            List.of(
                new SdistBuild("demo-pkg", List.of("27"), "SyntaxError: invalid syntax", null, List.of(), List.of(),
                    List.of(), List.of(), Map.of()),
                new SdistBuild("demo-pkg", List.of("36", "37", "310"), null, List.of(">=3.6"),
                    SdistBuild.KEYS, List.of("requests>=2.0", "six"), List.of("setuptools_scm"), List.of("pytest"),
                    extras),
                new SdistBuild("demo.pkg", List.of("38"), null, null, List.of("install_requires"), List.of(),
                    List.of(), List.of(), Map.of()))),
        new Release("1.0", null, true, "security", List.of("requests", "six"), List.of(
            new DistFile("Demo_Pkg-1.0-py3-none-any.whl", "bdist_wheel", "py3", null, null, true, null, reqs, null,
                "demo-pkg"),
            new DistFile("Demo.Pkg-1.0.win32-py2.7.exe", "bdist_wininst", "2.7", null, SHA_A, false, null,
                List.of(), null, null)), List.of()),
        new Release("not a version", null, false, null, List.of(), List.of(), List.of()),
        new Release("1.0.0", null, false, null, List.of(), List.of(), List.of()),
        new Release("2.0rc1", null, false, null, List.of(), List.of(), List.of()),
        new Release("0.9", null, false, null, List.of(), List.of(), List.of(
            new SdistBuild(null, List.of(), "", null, List.of(), List.of(), List.of(), List.of(), Map.of()))),
        new Release("!!", "<4", false, null, List.of(), List.of(), List.of()));
    return new Project("demo-pkg", "Demo.Pkg", List.of("demo-pkg", "demo.pkg"), releases);
  }

  static Project other() {
    return new Project("python-dateutil", "python-dateutil", List.of(), List.of(
        new Release("2.8.2", null, false, null, List.of(), List.of(
            file("python-dateutil-2.8.2.tar.gz", "sdist", "source", SHA_B, List.of()),
            file("python_dateutil-2.8.2-py2.py3-none-any.whl", "bdist_wheel", "py2.py3", SHA_C,
                List.of("six (>=1.5)")),
            // Found through the hash-exceptions section: no '-' prefix names this project.
            file("dateutil_renamed.tar.gz", "sdist", "source", SHA_A, List.of())), List.of())));
  }

  static Project python() {
    return new Project("python", "python", List.of(), List.of(
        new Release("0.1", null, false, null, List.of(), List.of(
            file("python-0.1.tar.gz", "sdist", "source", SHA_A, List.of())), List.of())));
  }

  private Path write(List<Project> projects, int blockSize, boolean dictionary) throws IOException {
    Path out = tmp.resolve("db-" + System.nanoTime() + ".pdb");
    try (CompactDbBuilder b = new CompactDbBuilder(out)) {
      b.blockSize(blockSize).presetDictionary(dictionary).dictionarySampling(1);
      for (Project p : projects) {
        b.add(p);
      }
      b.finish();
    }
    return out;
  }

  @Test
  void roundTripsEveryField() throws IOException {
    Path f = write(List.of(demo(), other(), python()), 1 << 16, true);
    try (CompactDb db = CompactDb.open(f)) {
      assertEquals("1.0", db.formatVersion());
      assertEquals(3, db.projectCount());
      assertEquals(List.of("demo-pkg", "python", "python-dateutil"), db.projects());
      Project p = db.project("demo-pkg").orElseThrow();
      assertEquals(CompactDbBuilder.sortReleases(demo()), p);
      assertEquals("Demo.Pkg", p.displayName());
      assertEquals(List.of("demo-pkg", "demo.pkg"), p.depsDbNames());
      assertEquals(List.of("0.9", "1.0", "1.0.0", "2.0rc1", "2.0", "!!", "not a version"), db.versions("demo-pkg"));
      assertEquals(db.versions("demo-pkg"), db.versions("Demo_Pkg"));
      assertEquals(db.versions("demo-pkg"), db.versions("DEMO.pkg"));
      assertEquals(List.of(), db.versions("nope"));

      Release r2 = db.release("Demo.Pkg", "2.0");
      assertEquals(demo().releases().get(0), r2);
      assertEquals(6, r2.files().size());
      DistFile w = r2.file("Demo_Pkg-2.0-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
      assertEquals(SHA_B, w.sha256());
      assertTrue(w.yanked());
      assertEquals("broken build", w.yankedReason());
      assertEquals("demo.pkg", w.depsDbName());
      assertEquals(List.of(), w.providesExtra());
      assertNull(r2.file("Demo_Pkg-2.0.0-py2.py3-none-any.whl").providesExtra());
      SdistBuild ok = r2.sdistBuilds().get(1);
      assertTrue(ok.ok());
      assertEquals(List.of("", "test", "win:sys_platform == \"win32\"", "empty"),
          new ArrayList<>(ok.extrasRequire().keySet()));
      assertEquals(List.of(), ok.extrasRequire().get("empty"));
      assertEquals("SyntaxError: invalid syntax", r2.sdistBuilds().get(0).error());
      // Identical requirement lists are stored once.
      assertSame(r2.files().get(0).requiresDist(), r2.files().get(1).requiresDist());

      assertEquals("1.0", db.release("demo-pkg", "1.0").version());
      assertEquals("1.0.0", db.release("demo-pkg", "1.0.0").version());
      assertEquals("2.0", db.release("demo-pkg", "2.0.0").version());
      assertEquals("2.0rc1", db.release("demo-pkg", "2.0c1").version());
      assertNull(db.release("demo-pkg", "3.0"));
      assertNull(db.release("nope", "1.0"));
      assertEquals("", db.release("demo-pkg", "0.9").sdistBuilds().get(0).error());
      assertEquals(List.of(), db.release("demo-pkg", "0.9").sdistBuilds().get(0).pythonKeys());

      assertEquals(Optional.of(SHA_A), db.sha256("Demo_Pkg-2.0-py3-none-any.whl"));
      assertEquals(Optional.of(SHA_C), db.sha256("Demo.Pkg-2.0.tar.gz"));
      assertEquals(Optional.of(SHA_A), db.sha256("Demo.Pkg-1.0.win32-py2.7.exe"));
      assertEquals(Optional.of(SHA_B), db.sha256("python-dateutil-2.8.2.tar.gz"));
      assertEquals(Optional.of(SHA_C), db.sha256("python_dateutil-2.8.2-py2.py3-none-any.whl"));
      assertEquals(Optional.of(SHA_A), db.sha256("dateutil_renamed.tar.gz"));
      assertEquals(Optional.of(SHA_A), db.sha256("python-0.1.tar.gz"));
      assertEquals(Optional.empty(), db.sha256("Demo_Pkg-2.0.0-py2.py3-none-any.whl"));
      assertEquals(Optional.empty(), db.sha256("missing-1.0.tar.gz"));
      assertEquals(Optional.empty(), db.sha256("nodash"));
    }
  }

  @Test
  void filenamesUseTheirPatterns() throws IOException {
    Project p = demo();
    // Wheels and versioned names store no filename text beyond the name prefix.
    byte[] payload = ProjectCodec.encode(p, (d, v) -> 0, null).bytes();
    String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("Demo_Pkg"));
    assertTrue(!text.contains("Demo_Pkg-2.0-py3"), "wheel filename stored whole");
    assertTrue(!text.contains("Demo.Pkg-2.0.tar.gz"), "sdist filename stored whole");
    assertTrue(text.contains("odd-name.zip"), "a filename without the version is stored whole");
  }

  static List<Project> randomProjects(int n, long seed) {
    Random rnd = new Random(seed);
    List<Project> out = new ArrayList<>();
    String[] deps = {"requests", "six", "numpy>=1.16", "click (>=7.0)", "attrs ; python_version < \"3.8\""};
    for (int i = 0; i < n; i++) {
      String name = "proj-" + Integer.toString(rnd.nextInt(1_000_000), 36) + "-" + i;
      List<Release> rs = new ArrayList<>();
      int versions = 1 + rnd.nextInt(6);
      for (int v = 0; v < versions; v++) {
        String version = v + "." + rnd.nextInt(20);
        List<String> reqs = new ArrayList<>();
        for (String d : deps) {
          if (rnd.nextBoolean()) {
            reqs.add(d);
          }
        }
        String sha = rnd.nextBoolean() ? null : String.format("%064x", new java.math.BigInteger(250, rnd));
        rs.add(new Release(version, null, false, null, List.of(), List.of(
            file(name.replace('-', '_') + "-" + version + "-py3-none-any.whl", "bdist_wheel", "py3", sha, reqs)),
            List.of()));
      }
      Map<String, Release> unique = new TreeMap<>();
      rs.forEach(r -> unique.putIfAbsent(r.version(), r));
      out.add(new Project(name, name, List.of(), new ArrayList<>(unique.values())));
    }
    return out;
  }

  @Test
  void manyProjectsAcrossBlocks() throws IOException {
    List<Project> projects = randomProjects(600, 1);
    Path f = write(projects, 2048, true);
    try (CompactDb db = CompactDb.open(f)) {
      assertTrue(db.blockCount() > 10, "blocks: " + db.blockCount());
      List<String> names = new ArrayList<>(projects.stream().map(Project::name).toList());
      Collections.sort(names);
      assertEquals(names, db.projects());
      for (Project p : projects) {
        assertEquals(CompactDbBuilder.sortReleases(p), db.project(p.name()).orElseThrow());
        for (Release r : p.releases()) {
          DistFile file = r.files().get(0);
          assertEquals(Optional.ofNullable(file.sha256()), db.sha256(file.filename()));
        }
      }
      assertEquals(Optional.empty(), db.project("aaa"));
      assertEquals(Optional.empty(), db.project("zzz"));
    }
  }

  @Test
  void outputDependsOnlyOnTheProjects() throws IOException {
    List<Project> projects = new ArrayList<>(randomProjects(300, 2));
    projects.add(demo());
    Path a = write(projects, 4096, true);
    Collections.shuffle(projects, new Random(3));
    Path b = write(projects, 4096, true);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void withoutPresetDictionaryAndEmpty() throws IOException {
    Path f = write(List.of(demo(), other()), 100, false);
    try (CompactDb db = CompactDb.open(f)) {
      assertEquals(2, db.blockCount());
      assertEquals(CompactDbBuilder.sortReleases(other()), db.project("python-dateutil").orElseThrow());
    }
    Path empty = write(List.of(), 100, true);
    try (CompactDb db = CompactDb.open(empty)) {
      assertEquals(List.of(), db.projects());
      assertEquals(List.of(), db.versions("anything"));
      assertEquals(Optional.empty(), db.sha256("a-1.0.tar.gz"));
    }
  }

  @Test
  void builderRejectsBadInput() throws IOException {
    try (CompactDbBuilder b = new CompactDbBuilder(tmp.resolve("x.pdb"))) {
      b.add(other());
      assertThrows(IllegalArgumentException.class, () -> b.add(other()));
      Project badSha = new Project("p", "p", List.of(), List.of(new Release("1", null, false, null, List.of(),
          List.of(file("p-1.tar.gz", "sdist", null, "xyz", List.of())), List.of())));
      assertThrows(IllegalArgumentException.class, () -> b.add(badSha));
      Project badKey = new Project("q", "q", List.of(), List.of(new Release("1", null, false, null, List.of(),
          List.of(new DistFile("q-1.tar.gz", "sdist", null, null, null, false, null, List.of(), null, "zz")),
          List.of())));
      assertThrows(IllegalArgumentException.class, () -> b.add(badKey));
      Project twice = new Project("r", "r", List.of(), List.of(
          new Release("1", null, false, null, List.of(), List.of(), List.of()),
          new Release("1", null, false, null, List.of(), List.of(), List.of())));
      assertThrows(IllegalArgumentException.class, () -> b.add(twice));
    }
    assertTrue(Files.list(tmp).findAny().isEmpty(), "scratch files left behind");
  }

  // ---------------------------------------------------------------------------------------
  // Corrupt and truncated files

  private Path corrupt(byte[] bytes) throws IOException {
    Path p = tmp.resolve("bad-" + System.nanoTime() + ".pdb");
    Files.write(p, bytes);
    return p;
  }

  private String openError(byte[] bytes) throws IOException {
    Path p = corrupt(bytes);
    return assertThrows(CompactDbFormatException.class, () -> CompactDb.open(p).close()).getMessage();
  }

  @Test
  void rejectsWhatIsNotADatabase() throws IOException {
    assertTrue(openError(new byte[0]).contains("not a pypidb compact database"));
    assertTrue(openError("hello world, this is text".getBytes()).contains("not a pypidb compact database"));
    byte[] good = Files.readAllBytes(write(List.of(demo()), 1 << 16, true));
    byte[] v2 = good.clone();
    v2[8] = 2;
    String m = openError(v2);
    assertTrue(m.contains("format version 2.0") && m.contains("reads version 1.x"), m);
    byte[] flags = good.clone();
    flags[12] = 1;
    assertTrue(openError(flags).contains("header flags"));
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    byte[] good = Files.readAllBytes(write(List.of(demo(), other()), 1 << 16, true));
    for (int len : new int[] {8, 15, 16, 50, good.length / 2, good.length - 1}) {
      String m = openError(java.util.Arrays.copyOf(good, len));
      assertTrue(m.contains("truncated"), len + ": " + m);
    }
  }

  @Test
  void rejectsCorruptTrailerAndSections() throws IOException {
    byte[] good = Files.readAllBytes(write(List.of(demo(), other()), 1 << 16, true));
    int trailer = good.length - CompactFormat.TRAILER_SIZE;
    byte[] crc = good.clone();
    crc[trailer + 3] ^= 1;
    assertTrue(openError(crc).contains("checksum"));

    // A section pointing past the end, with a checksum that matches.
    byte[] far = good.clone();
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(far).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bb.putLong(trailer + 16, good.length * 2L);
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(far, trailer, 64);
    bb.putInt(trailer + 64, (int) c.getValue());
    assertTrue(openError(far).contains("outside the file"));

    // Meta section bytes damaged: zlib's checksum catches it.
    bb = java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int meta = (int) bb.getLong(trailer + 16);
    int metaLength = (int) bb.getLong(trailer + 24);
    byte[] damaged = good.clone();
    damaged[meta + metaLength / 2] ^= 0x55;
    assertTrue(openError(damaged).contains("corrupt"));
  }

  @Test
  void corruptBlockFailsTheLookupClearly() throws IOException {
    byte[] good = Files.readAllBytes(write(List.of(demo(), other()), 1 << 16, true));
    long blocks = java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getLong(good.length - CompactFormat.TRAILER_SIZE + 8);
    for (int i = 0; i < blocks; i += 7) {
      byte[] bad = good.clone();
      bad[CompactFormat.HEADER_SIZE + i] ^= 0x20;
      try (CompactDb db = CompactDb.open(corrupt(bad))) {
        CompactDbFormatException.Unchecked e =
            assertThrows(CompactDbFormatException.Unchecked.class, () -> db.versions("demo-pkg"));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertNotNull(e.getCause());
      }
    }
  }
}
