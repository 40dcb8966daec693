package dev.pypidb.pypa.resolver;

import static dev.pypidb.pypa.resolver.Fixtures.CP311;
import static dev.pypidb.pypa.resolver.Fixtures.CP312;
import static dev.pypidb.pypa.resolver.Fixtures.assertResolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.pypa.tags.Tag;
import dev.pypidb.pypa.tags.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexJsonTest {
  private static final String DOC = """
      {
        "format": "pypidb-index/1",
        "projects": {
          "Foo_Bar": {
            "releases": [
              {"version": "1.0", "requires_python": ">=3.8", "files": [
                {"filename": "foo_bar-1.0-cp38-abi3-manylinux_2_17_x86_64.whl",
                 "requires_dist": ["dep>=1", "extra-dep; extra == 'x'"]},
                {"filename": "foo_bar-1.0.tar.gz", "requires_dist": ["dep"],
                 "requires_dist_by_python": {"311": ["dep<1"]}}
              ]},
              {"version": "2.0", "yanked": "broken build", "files": [
                {"filename": "foo_bar-2.0-py3-none-any.whl"}
              ]},
              {"version": "not a version", "files": []}
            ]
          },
          "dep": {"releases": [
            {"version": "0.5", "files": [{"filename": "dep-0.5-py3-none-any.whl", "kind": "wheel"}]},
            {"version": "1.5", "files": [{"filename": "dep-1.5.zip", "yanked": false,
                                          "requires_python": ">=3.12"}]}
          ]}
        }
      }
      """;

  @Test
  void readsTheDocumentedFormat() {
    MemoryIndex index = IndexJson.parse(DOC);
    assertEquals(2, index.size());
    ProjectData foo = index.project("foo-bar");
    assertEquals(3, foo.releases().size());
    ReleaseData r1 = foo.releases().get(0);
    assertEquals(">=3.8", r1.requiresPython());
    Distribution wheel = r1.distributions().get(0);
    assertEquals(Distribution.Kind.WHEEL, wheel.kind());
    assertTrue(wheel.tags().contains(new Tag("cp38", "abi3", "manylinux_2_17_x86_64")));
    assertEquals(List.of("dep>=1", "extra-dep; extra == 'x'"), wheel.requirements());
    Distribution sdist = r1.distributions().get(1);
    assertEquals(Distribution.Kind.SDIST, sdist.kind());
    assertEquals(Map.of("311", List.of("dep<1")), sdist.requirementsByPythonKey());
    assertTrue(foo.releases().get(1).yanked());
    assertEquals(null, foo.releases().get(2).parsedVersion());
    Distribution zip = index.project("dep").releases().get(1).distributions().get(0);
    assertEquals(Distribution.Kind.SDIST, zip.kind());
    assertEquals(">=3.12", zip.requiresPython());
  }

  @Test
  void resolvesFromTheDocument() {
    Resolver resolver = new Resolver(IndexJson.parse(DOC));
    Resolution r = resolver.resolve(List.of("foo-bar"), CP312);
    assertResolved("dep==1.5 foo-bar==1.0", r);
    assertEquals("foo_bar-1.0-cp38-abi3-manylinux_2_17_x86_64.whl", r.pin("foo-bar").filename());
    assertEquals("sdist", r.pin("dep").provider());
    // cp311: the abi3 wheel still fits and wants dep>=1, but dep 1.5 needs Python 3.12
    Resolution old = resolver.resolve(List.of("foo-bar"), CP311);
    assertEquals(FailureCategory.REQUIRES_PYTHON, old.failure());
    assertEquals("Because foo-bar depends on dep>=1.5 which requires Python >=3.12 (the target"
        + " has 3.11.15), no version of foo-bar can be used.\n"
        + "And because you require foo-bar, there is no solution.", old.explanation());
    // on Windows no wheel fits: the sdist's list for python key 311 applies
    Resolution win = resolver.resolve(List.of("foo-bar"), Target.parse("cp311-win_amd64"));
    assertResolved("dep==0.5 foo-bar==1.0", win);
    assertEquals("foo_bar-1.0.tar.gz", win.pin("foo-bar").filename());
  }

  @Test
  void roundTrips(@TempDir Path dir) throws IOException {
    MemoryIndex index = IndexJson.parse(DOC);
    String json = IndexJson.toJson(index.projects());
    assertEquals(json, IndexJson.toJson(IndexJson.parse(json).projects()));
    Path file = dir.resolve("index.json");
    IndexJson.write(index.projects(), file);
    assertEquals(json, IndexJson.toJson(IndexJson.read(file).projects()));
    assertTrue(json.startsWith("{\n  \"format\" : \"pypidb-index/1\""), json);
    assertTrue(Files.readString(file).contains("\"name\" : \"foo-bar\""));
    assertTrue(json.contains("\"requires_dist_by_python\""));
  }

  @Test
  void projectsAsAnArrayAndMergedNames() {
    MemoryIndex index = IndexJson.parse("""
        {"projects": [
          {"name": "A.B", "releases": [{"version": "1", "files": []}]},
          {"name": "a_b", "releases": [{"version": "2", "files": []}]}
        ]}""");
    assertEquals(2, index.project("a-b").releases().size());
  }

  @Test
  void rejectsBadDocuments() {
    assertThrows(IllegalArgumentException.class,
        () -> IndexJson.parse("{\"format\": \"other/9\", \"projects\": []}"));
    assertThrows(IllegalArgumentException.class,
        () -> IndexJson.parse("{\"projects\": [{\"releases\": []}]}"));
    assertThrows(IllegalArgumentException.class,
        () -> IndexJson.parse("{\"projects\": {\"a\": {\"releases\": [{\"files\": []}]}}}"));
    assertThrows(IllegalArgumentException.class, () -> IndexJson.parse("[]"));
  }
}
