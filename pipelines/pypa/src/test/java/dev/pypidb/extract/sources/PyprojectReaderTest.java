package dev.pypidb.extract.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.SetupField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyprojectReaderTest {
  private static PyprojectReader read(String toml, String... more) {
    String[] files = new String[more.length + 2];
    files[0] = "pyproject.toml";
    files[1] = toml;
    System.arraycopy(more, 0, files, 2, more.length);
    return PyprojectReader.of(MemorySourceTree.ofText(files));
  }

  private static String reason(PyprojectReader r, SetupField f) {
    return assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(f)).reason();
  }

  @Test
  void pep621Static() {
    PyprojectReader r = read("""
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        [project]
        name = "demo"
        requires-python = ">=3.8"
        dependencies = ["requests>=2", "tomli; python_version < '3.11'"]
        [project.optional-dependencies]
        test = ["pytest"]
        Docs = []
        """);
    assertEquals(FieldAnswer.known(List.of("requests>=2", "tomli; python_version < '3.11'")),
        r.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("test", List.of("pytest"));
    extras.put("Docs", List.of());
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.8"), r.fields().get(SetupField.PYTHON_REQUIRES));
    assertFalse(r.fields().containsKey(SetupField.SETUP_REQUIRES), "[build-system] requires is not setup_requires");
  }

  @Test
  void pep621FieldsNotListedAreEmpty() {
    PyprojectReader r = read("[project]\nname = \"demo\"\n");
    assertEquals(FieldAnswer.known(List.of()), r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of()), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertNull(r.fields().get(SetupField.PYTHON_REQUIRES));
  }

  @Test
  void pep621DynamicIsUnresolvedUnlessSetuptoolsNamesFiles() {
    PyprojectReader hatch = read("""
        [build-system]
        build-backend = "hatchling.build"
        [project]
        name = "demo"
        dynamic = ["dependencies", "optional-dependencies", "requires-python"]
        """);
    assertTrue(reason(hatch, SetupField.INSTALL_REQUIRES).contains("dynamic"));
    assertTrue(reason(hatch, SetupField.EXTRAS_REQUIRE).contains("dynamic"));
    assertTrue(reason(hatch, SetupField.PYTHON_REQUIRES).contains("dynamic"));

    PyprojectReader setuptools = read("""
        [build-system]
        build-backend = "setuptools.build_meta"
        [project]
        name = "demo"
        dynamic = ["dependencies", "optional-dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {file = ["requirements.txt", "more.txt"]}
        optional-dependencies.test = {file = "test.txt"}
        optional-dependencies.docs = {file = ["docs.txt"]}
        """,
        "requirements.txt", "# comment\nrequests\n\nsix; python_version < '3'\n",
        "more.txt", "attrs\n",
        "test.txt", "pytest\n",
        "docs.txt", "sphinx\n");
    assertEquals(FieldAnswer.known(List.of("requests", "six; python_version < '3'", "attrs")),
        setuptools.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("test", List.of("pytest"));
    extras.put("docs", List.of("sphinx"));
    assertEquals(FieldAnswer.known(extras), setuptools.fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void setuptoolsDynamicFileProblems() {
    PyprojectReader include = read("""
        [project]
        name = "demo"
        dynamic = ["dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {file = "requirements.txt"}
        """, "requirements.txt", "-r base.txt\n", "base.txt", "six\n");
    assertTrue(reason(include, SetupField.INSTALL_REQUIRES).contains("'-r base.txt' is a pip option"));
    PyprojectReader outside = read("""
        [project]
        name = "demo"
        dynamic = ["dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {file = "/etc/passwd"}
        """);
    assertTrue(reason(outside, SetupField.INSTALL_REQUIRES).contains("outside the sdist"));
    PyprojectReader attr = read("""
        [project]
        name = "demo"
        dynamic = ["dependencies"]
        [tool.setuptools.dynamic]
        dependencies = {attr = "demo.DEPS"}
        """);
    assertTrue(reason(attr, SetupField.INSTALL_REQUIRES).contains("not a {file = ...} directive"));
    PyprojectReader both = read("[project]\nname = \"d\"\ndynamic = [\"dependencies\"]\ndependencies = [\"x\"]\n");
    assertTrue(reason(both, SetupField.INSTALL_REQUIRES).contains("also declares it dynamic"));
  }

  @Test
  void poetryBackend() {
    PyprojectReader r = read("""
        [build-system]
        requires = ["poetry-core>=1.0.0"]
        build-backend = "poetry.core.masonry.api"
        [tool.poetry]
        name = "demo"
        version = "1.0"
        [tool.poetry.dependencies]
        python = "^3.7"
        requests = "^2.25"
        tomli = {version = "^1.2", python = "<3.11"}
        """);
    assertEquals(FieldAnswer.known(List.of("requests>=2.25,<3.0")), r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of(":python_version < \"3.11\"", List.of("tomli>=1.2,<2.0"))),
        r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.7,<4.0"), r.fields().get(SetupField.PYTHON_REQUIRES));
    assertNull(read("[build-system]\nbuild-backend = \"setuptools.build_meta\"\n[tool.poetry.dependencies]\nx = \"^1\"\n"),
        "[tool.poetry] is only poetry's when poetry builds the sdist");
  }

  @Test
  void poetryCoreTwoWithProjectTable() {
    PyprojectReader r = read("""
        [build-system]
        build-backend = "poetry.core.masonry.api"
        [project]
        name = "demo"
        dynamic = ["dependencies"]
        [project.optional-dependencies]
        cli = ["click"]
        [tool.poetry.dependencies]
        python = "^3.9"
        requests = "^2.25"
        tomli = {version = "^1.2", python = "<3.11"}
        """);
    assertEquals(FieldAnswer.known(List.of("requests>=2.25,<3.0")), r.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put(":python_version < \"3.11\"", List.of("tomli>=1.2,<2.0"));
    extras.put("cli", List.of("click"));
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.9,<4.0"), r.fields().get(SetupField.PYTHON_REQUIRES));
  }

  @Test
  void flitMetadata() {
    PyprojectReader r = read("""
        [build-system]
        build-backend = "flit_core.buildapi"
        [tool.flit.metadata]
        module = "demo"
        requires = ["requests"]
        requires-python = ">=3.6"
        dev-requires = ["black"]
        [tool.flit.metadata.requires-extra]
        test = ["pytest; python_version >= '3.7'"]
        """);
    assertEquals(FieldAnswer.known(List.of("requests")), r.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("test", List.of("pytest; python_version >= '3.7'"));
    extras.put("dev", List.of("black"));
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.6"), r.fields().get(SetupField.PYTHON_REQUIRES));
    PyprojectReader clash = read("""
        [build-system]
        build-backend = "flit_core.buildapi"
        [tool.flit.metadata]
        dev-requires = ["black"]
        requires-extra = {dev = ["flake8"]}
        """);
    assertTrue(reason(clash, SetupField.EXTRAS_REQUIRE).contains("flit refuses"));
  }

  @Test
  void malformedTomlOrValues() {
    PyprojectReader bad = read("[project]\nname = \"demo\"\ndependencies = [\"a\",\n");
    assertTrue(reason(bad, SetupField.INSTALL_REQUIRES).startsWith("pyproject.toml is not valid TOML: "));
    assertNull(read("[tool.black\nline-length = 99\n"), "a broken file without the tables read says nothing");
    PyprojectReader dup = read("[project]\nname = \"a\"\nname = \"b\"\n");
    assertTrue(reason(dup, SetupField.INSTALL_REQUIRES).startsWith("pyproject.toml is not valid TOML: "));
    PyprojectReader types = read("[project]\ndependencies = \"requests\"\noptional-dependencies = {x = [1]}\n"
        + "requires-python = 3\n");
    assertTrue(reason(types, SetupField.INSTALL_REQUIRES).contains("is not an array of strings"));
    assertTrue(reason(types, SetupField.EXTRAS_REQUIRE).contains("holds a non-string"));
    assertTrue(reason(types, SetupField.PYTHON_REQUIRES).contains("is not a string"));
    byte[] latin1 = "[project]\ndependencies = [\"caf\u00e9\"]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    PyprojectReader enc = PyprojectReader.of(new MemorySourceTree(Map.of("pyproject.toml", latin1), Map.of()));
    assertTrue(reason(enc, SetupField.INSTALL_REQUIRES).contains("not UTF-8"));
  }

  @Test
  void anotherProjectsPyprojectDidNotBuildThisSdist() {
    PyprojectReader r = read("""
        [tool.poetry]
        name = "crossword"
        [tool.poetry.dependencies]
        english-words = "^1.0.3"
        [build-system]
        build-backend = "poetry.masonry.api"
        """, "PKG-INFO", "Metadata-Version: 2.1\nName: Wordfinds\nVersion: 0.0.0\n");
    assertEquals("pyproject.toml describes the project 'crossword', not 'Wordfinds' of PKG-INFO: it did not build"
        + " this sdist", reason(r, SetupField.INSTALL_REQUIRES));
    PyprojectReader same = read("[project]\nname = \"Word_Finds\"\n", "PKG-INFO",
        "Metadata-Version: 2.1\nName: word-finds\nVersion: 0.0.0\n");
    assertEquals(FieldAnswer.known(List.of()), same.fields().get(SetupField.INSTALL_REQUIRES));
  }

  @Test
  void nothingToRead() {
    assertNull(read("[build-system]\nrequires = [\"setuptools\"]\n[tool.black]\nline-length = 99\n"));
    assertNull(PyprojectReader.of(MemorySourceTree.ofText("setup.py", "")));
  }
}
