package dev.pypidb.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFileTest {
  @TempDir Path tmp;

  /** Wheels, an sdist with per-python-key requirements and build errors, yanked files, odd data. */
  static ProjectData rich() {
    List<String> reqs = List.of("idna>=2.5", "charset-normalizer<4,>=2", "PySocks!=1.5.7; extra == \"socks\"");
    return new ProjectData("requests", List.of(
        new ReleaseData("2.31.0", false, ">=3.7", List.of(
            Distribution.wheel("requests-2.31.0-py3-none-any.whl", ">=3.7", false, reqs),
            new Distribution("requests-2.31.0.tar.gz", Distribution.Kind.SDIST, Set.of(), null,
                true, reqs, Map.of("27", List.of("idna"), "310", reqs), Map.of("36", "boom\nline 2")))),
        new ReleaseData("not a version", true, null, List.of()),
        new ReleaseData("3.0.0rc1", false, null, List.of(
            Distribution.wheel("requests-3.0.0rc1-1abc-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "", false, List.of()),
            Distribution.wheel("not-a-wheel-name.whl", null, true, List.of("ünïcode ; os_name == 'nt'")))),
        new ReleaseData("1.0", false, null, List.of(
            Distribution.sdistBuilds("requests-1.0 (sdist)", null, false, Map.of(), Map.of("27", "x"))))));
  }

  static ProjectData small(String name, int releases) {
    List<ReleaseData> rs = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      rs.add(new ReleaseData("1." + i, false, null, List.of(
          Distribution.wheel(name + "-1." + i + "-py3-none-any.whl", null, false, List.of("dep" + (i % 3))))));
    }
    return new ProjectData(name, rs);
  }

  private Path write(String file, List<ProjectData> projects) throws IOException {
    Path p = tmp.resolve(file);
    try (GraphFileWriter w = new GraphFileWriter(p, "test-builder 1")) {
      for (ProjectData d : projects) {
        w.add(d);
      }
    }
    return p;
  }

  @Test
  void projectsRoundTripExactly() throws IOException {
    List<ProjectData> projects = List.of(small("zope", 3), rich(), small("a-b", 1), small("empty", 0));
    Path p = write("g", projects);
    try (GraphFile f = GraphFile.open(p)) {
      assertEquals("test-builder 1", f.builder());
      assertEquals(4, f.size());
      for (ProjectData d : projects) {
        assertEquals(d, f.project(d.name()));
      }
      assertNull(f.project("absent"));
      assertNull(f.project("requestsx"));
      assertNull(f.project(""));
      assertEquals(List.of("zope", "requests", "a-b", "empty"), f.namesInFileOrder());
      assertArrayEquals(GraphCodec.encode(rich()), f.blob("requests"));
    }
  }

  @Test
  void sameProjectsSameBytes() throws IOException {
    List<ProjectData> projects = List.of(rich(), small("b", 20));
    assertArrayEquals(Files.readAllBytes(write("x", projects)), Files.readAllBytes(write("y", projects)));
    // a blob copied from one file into another gives the same file
    Path copy = tmp.resolve("copy");
    try (GraphFile f = GraphFile.open(tmp.resolve("x")); GraphFileWriter w = new GraphFileWriter(copy, "test-builder 1")) {
      for (String n : f.namesInFileOrder()) {
        w.addBlob(n, f.blob(n));
      }
    }
    assertArrayEquals(Files.readAllBytes(tmp.resolve("x")), Files.readAllBytes(copy));
  }

  @Test
  void anEmptyFileHasNoProjects() throws IOException {
    try (GraphFile f = GraphFile.open(write("e", List.of()))) {
      assertEquals(0, f.size());
      assertNull(f.project("x"));
      assertEquals(List.of(), f.namesInFileOrder());
    }
  }

  @Test
  void aProjectIsAddedOnce() throws IOException {
    try (GraphFileWriter w = new GraphFileWriter(tmp.resolve("d"), "b")) {
      w.add(small("x", 1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.add(small("x", 2)));
      assertTrue(e.getMessage().contains("project x added twice"), e.getMessage());
    }
  }

  @Test
  void damageIsCaught() throws IOException {
    Path p = write("g", List.of(small("a", 2), rich(), small("c", 1)));
    byte[] good = Files.readAllBytes(p);

    Path truncated = tmp.resolve("t");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 3));
    assertTrue(assertThrows(GraphFormatException.class, () -> GraphFile.open(truncated))
        .getMessage().contains("no trailer"));

    Path magic = tmp.resolve("m");
    byte[] m = good.clone();
    m[0] = 'X';
    Files.write(magic, m);
    assertTrue(assertThrows(GraphFormatException.class, () -> GraphFile.open(magic))
        .getMessage().contains("bad magic"));

    Path table = tmp.resolve("tbl");
    byte[] tb = good.clone();
    tb[tb.length - GraphFile.TRAILER_SIZE - 2] ^= 1; // a name byte
    Files.write(table, tb);
    assertTrue(assertThrows(GraphFormatException.class, () -> GraphFile.open(table))
        .getMessage().contains("checksum"));

    // a flipped bit inside the second blob: that project fails with a precise message, the
    // others still read
    Path blob = tmp.resolve("b");
    byte[] b = good.clone();
    int header = GraphFile.MAGIC.length + 8 + "test-builder 1".length();
    b[header + GraphCodec.encode(small("a", 2)).length + 5] ^= 0x10;
    Files.write(blob, b);
    try (GraphFile f = GraphFile.open(blob)) {
      GraphFormatException.Unchecked e = assertThrows(GraphFormatException.Unchecked.class,
          () -> f.project("requests"));
      assertTrue(e.getMessage().contains("project requests") && e.getMessage().contains("checksum"),
          e.getMessage());
      assertEquals(small("a", 2), f.project("a"));
      assertEquals(small("c", 1), f.project("c"));
    }
  }

  @Test
  void indexOverShardsNeedsOneBuilder() throws IOException {
    Path a = write("a", List.of(small("x", 1), small("y", 2)));
    Path b = write("b", List.of(rich()));
    try (GraphIndex index = GraphIndex.open(List.of(a, b), "test-builder 1")) {
      assertEquals(3, index.size());
      assertEquals(rich(), index.project("requests"));
      assertEquals(small("y", 2), index.project("y"));
      assertNull(index.project("z"));
      assertEquals(3, index.lookups());
    }
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphIndex.open(List.of(a, b), "test-builder 2"));
    assertTrue(e.getMessage().contains("was built by 'test-builder 1', not by 'test-builder 2'"),
        e.getMessage());
  }

  @Test
  void hostileBlobsFailCleanly() {
    // counts larger than the data, indexes out of range, truncation: errors, not huge arrays
    byte[][] cases = {
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
        {1, 1, 'a', 0, 1, 5, 0, 0},
        {0, 0, 1},
        {0, 0, 0, 9},
    };
    for (byte[] c : cases) {
      assertThrows(GraphFormatException.Unchecked.class, () -> GraphCodec.decode("p",
          java.nio.ByteBuffer.wrap(c), 0, c.length, "test blob"));
    }
  }
}
