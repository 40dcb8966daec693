package dev.pypidb.extract.sources.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.SetupField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole [tool.poetry] project; expectations from poetry-core 1.4.0's generated setup.py. */
class PoetryProjectTest {
  private static JsonNode poetry(String toml) throws Exception {
    return new TomlMapper().readTree(toml).path("tool").path("poetry");
  }

  @Test
  void extrasOptionalMultipleConstraintsAndDevDependencies() throws Exception {
    JsonNode p = poetry("""
        [tool.poetry]
        name = "x"
        version = "1.0"
        [tool.poetry.dependencies]
        python = "^3.6"
        Foo_Bar = {version = "^1.0", extras = ["Sec_urity", "b"]}
        opt = {version = "^2.0", optional = true}
        opt2 = {version = "^2.0", optional = true, python = "<3.8"}
        both = {version = "^3.0"}
        multi = [{version = "^1.0", python = "<3.8"}, {version = "^2.0", python = ">=3.8"}]
        mk = {version = "*", markers = "extra == 'zz'"}
        unlisted = {version = "^1", optional = true}
        [tool.poetry.extras]
        My_Extra = ["opt", "opt2", "both"]
        other = ["opt"]
        [tool.poetry.dev-dependencies]
        pytest = "^6"
        [tool.poetry.group.docs.dependencies]
        sphinx = "^5"
        """);
    Map<SetupField, FieldAnswer> f = PoetryProject.fields(p);
    assertEquals(FieldAnswer.known(List.of("Foo_Bar[b,sec-urity]>=1.0,<2.0")), f.get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = ((FieldAnswer.Known) f.get(SetupField.EXTRAS_REQUIRE)).extras();
    assertEquals(Map.of(
        ":extra == \"my-extra\"", List.of("both>=3.0,<4.0"),
        ":python_version < \"3.8\"", List.of("multi>=1.0,<2.0"),
        ":python_version >= \"3.8\"", List.of("multi>=2.0,<3.0"),
        "my-extra", List.of("opt>=2.0,<3.0"),
        "my-extra:python_version < \"3.8\"", List.of("opt2>=2.0,<3.0"),
        "other", List.of("opt>=2.0,<3.0")), extras);
    assertEquals(List.of(":extra == \"my-extra\"", ":python_version < \"3.8\"", ":python_version >= \"3.8\"",
        "my-extra", "my-extra:python_version < \"3.8\"", "other"), List.copyOf(extras.keySet()),
        "sorted, as pformat prints the dict in the generated setup.py");
    assertEquals(FieldAnswer.known(">=3.6,<4.0"), f.get(SetupField.PYTHON_REQUIRES));
  }

  private static String alternatives(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " or ").append("platform_release == '").append(i).append("'");
    }
    return out.toString();
  }

  @Test
  void noPythonOrStarPythonGivesNoPythonRequires() throws Exception {
    assertFalse(PoetryProject.fields(poetry("[tool.poetry.dependencies]\nrequests = \"*\"\n"))
        .containsKey(SetupField.PYTHON_REQUIRES));
    assertFalse(PoetryProject.fields(poetry("[tool.poetry.dependencies]\npython = \"*\"\n"))
        .containsKey(SetupField.PYTHON_REQUIRES));
    Map<SetupField, FieldAnswer> none = PoetryProject.fields(poetry("[tool.poetry]\nname = \"x\"\n"));
    assertEquals(FieldAnswer.known(List.of()), none.get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of()), none.get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void installRequiresSortedByCodePoint() throws Exception {
    Map<SetupField, FieldAnswer> f = PoetryProject.fields(poetry("""
        [tool.poetry.dependencies]
        zeta = "^1"
        Alpha = "^2"
        beta = "1.0"
        """));
    assertEquals(FieldAnswer.known(List.of("Alpha>=2,<3", "beta==1.0", "zeta>=1,<2")), f.get(SetupField.INSTALL_REQUIRES));
  }

  @Test
  void unconvertibleDependenciesAreUnresolvedWithTheReason() throws Exception {
    for (String dep : List.of("foo = {path = \"../foo\"}", "foo = \"^1 || ^3\"", "foo = \"not a version\"",
        "foo = {optional = true}", "foo = 3", "foo = {version = \"^1\", markers = \"python_version <\"}",
        "foo = {git = \"nowhere\"}")) {
      Map<SetupField, FieldAnswer> f = PoetryProject.fields(poetry("[tool.poetry.dependencies]\n" + dep + "\n"));
      FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, f.get(SetupField.INSTALL_REQUIRES), dep);
      assertTrue(u.reason().contains("'foo'"), u.reason());
      assertInstanceOf(FieldAnswer.Unresolved.class, f.get(SetupField.EXTRAS_REQUIRE), dep);
    }
    String deep = "(".repeat(10_000) + "os_name == 'nt'" + ")".repeat(10_000);
    Map<SetupField, FieldAnswer> nested = PoetryProject.fields(poetry(
        "[tool.poetry.dependencies]\nfoo = {version = \"*\", markers = \"" + deep + "\"}\n"));
    assertTrue(((FieldAnswer.Unresolved) nested.get(SetupField.INSTALL_REQUIRES)).reason().contains("nested deeper"));
    Map<SetupField, FieldAnswer> distributed = PoetryProject.fields(poetry("[tool.poetry.dependencies]\n"
        + "foo = {version = \"*\", python = \"~2.7 || ^3.6\", markers = \"" + alternatives(300) + "\"}\n"));
    assertTrue(((FieldAnswer.Unresolved) distributed.get(SetupField.INSTALL_REQUIRES)).reason().contains("alternatives"));
    Map<SetupField, FieldAnswer> bad = PoetryProject.fields(poetry("[tool.poetry.dependencies]\npython = \">=3.6,<3.0\"\n"));
    assertInstanceOf(FieldAnswer.Unresolved.class, bad.get(SetupField.PYTHON_REQUIRES));
  }
}
