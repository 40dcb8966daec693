package dev.pypidb.extract.sources.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.SetupField;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * poetry-core conversions, table-driven. The expected column was produced by poetry-core 1.4.0
 * (Debian python3-poetry-core): {@code Factory.create_dependency("foo", spec)} added to a
 * project and passed through {@code SdistBuilder.convert_dependencies}, i.e. what its generated
 * setup.py passes; "key => requirement" is an extras_require entry. UNRESOLVED marks what
 * poetry-core writes as no PEP 508 requirement (a {@code ||} of disjoint ranges, an empty range)
 * or fails on. Python constraints: {@code format_python_constraint(parse_constraint(python))}.
 */
class PoetryConversionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DEPENDENCIES = """
      "^1.2.3"	foo>=1.2.3,<2.0.0
      "^0.2.3"	foo>=0.2.3,<0.3.0
      "^0.0.3"	foo>=0.0.3,<0.0.4
      "^0"	foo>=0,<1
      "^0.0"	foo>=0.0,<0.1
      "^1"	foo>=1,<2
      "^1.2"	foo>=1.2,<2.0
      "~1.2.3"	foo>=1.2.3,<1.3.0
      "~1.2"	foo>=1.2,<1.3
      "~1"	foo>=1,<2
      "*"	foo
      "1.2.*"	foo>=1.2.0,<1.3.0
      "1.*"	foo>=1.0.0,<2.0.0
      "==1.2.*"	foo>=1.2.0,<1.3.0
      "!=1.2.*"	foo!=1.2.*
      ">=1.2,<2.0"	foo>=1.2,<2.0
      ">=1.2 <2.0"	foo>=1.2,<2.0
      ">= 1.0, < 2.0"	foo>=1.0,<2.0
      ">=1.0 , <2.0"	foo>=1.0,<2.0
      "^1.0 || ^2.0"	foo>=1.0,<3.0
      "!=1.5"	foo!=1.5
      "1.2.3"	foo==1.2.3
      "==1.2.3"	foo==1.2.3
      "~=1.2"	foo>=1.2,<2.0
      "~=1.2.3"	foo>=1.2.3,<1.3.0
      "~=1"	foo>=1,<1.1
      "^1.2.3a1"	foo>=1.2.3a1,<2.0.0
      ">1.2"	foo>1.2
      "<=1.2"	foo<=1.2
      "1.2.3.4"	foo==1.2.3.4
      "^1.2.3.4"	foo>=1.2.3.4,<2.0.0.0
      "~1.2.3.4"	foo>=1.2.3.4,<1.3.0.0
      "^v1.2"	foo>=v1.2,<2.0
      ">=1.0,!=1.5"	foo>=1.0,!=1.5
      "^1.0,!=1.5"	foo>=1.0,<2.0,!=1.5
      "<1.0 || >=2.0"	foo!=1.*
      ">=1.2.0-beta.1"	foo>=1.2.0-beta.1
      "^2.0.0rc1"	foo>=2.0.0rc1,<3.0.0
      "~2.1.0.post1"	foo>=2.1.0.post1,<2.2.0
      ">=1.0.dev0"	foo>=1.0.dev0
      "x"	foo
      "1.x"	foo>=1.0.0,<2.0.0
      "2.3.X"	foo>=2.3.0,<2.4.0
      ">=1.0,<1.0.5,!=1.0.3"	foo>=1.0,<1.0.5,!=1.0.3
      "^0.0.0"	foo>=0.0.0,<0.0.1
      "~0.0"	foo>=0.0,<0.1
      "<2.0.0a0"	foo<2.0.0a0
      ">1.0.post1"	foo>1.0.post1
      "<=3.0.0+local"	foo<=3.0.0+local
      "==2020.10.1"	foo==2020.10.1
      "^2020.10"	foo>=2020.10,<2021.0
      "1.0 || 1.1"	UNRESOLVED
      "<3 || >=4"	foo!=3.*
      ">=1.0,<2.0 || >=3.0"	foo>=1.0,!=2.*
      "^1.0,"	foo>=1.0,<2.0
      "!=1.2.3.*"	foo!=1.2.*
      "dev"	foo==0.0-dev
      ">=1.0a1,<1.0"	UNRESOLVED
      {"version": "^1.0", "python": "^3.6"}	:python_version >= "3.6" and python_version < "4.0" => foo>=1.0,<2.0
      {"version": "^1.0", "markers": "sys_platform == \\"win32\\""}	:sys_platform == "win32" => foo>=1.0,<2.0
      {"version": "^1.0", "markers": "sys_platform == \\"win32\\"", "python": ">=3.6,<3.9"}	:python_version >= "3.6" and python_version < "3.9" and sys_platform == "win32" => foo>=1.0,<2.0
      {"version": "^1.0", "extras": ["a", "B_c"]}	foo[a,b-c]>=1.0,<2.0
      {"git": "https://github.com/a/b.git", "branch": "main"}	foo @ git+https://github.com/a/b.git@main
      {"url": "https://x/y.tar.gz"}	foo @ https://x/y.tar.gz
      {"version": "^1.0", "python": "~2.7 || ^3.6"}	:python_version >= "2.7" and python_version < "2.8" or python_version >= "3.6" and python_version < "4.0" => foo>=1.0,<2.0
      {"version": "^1.0", "python": "3.6"}	:python_version == "3.6" => foo>=1.0,<2.0
      {"version": "^1.0", "python": "3.6.*"}	:python_full_version >= "3.6.0" and python_full_version < "3.7.0" => foo>=1.0,<2.0
      {"version": "^1.0", "python": ">3.6"}	:python_full_version > "3.6.0" => foo>=1.0,<2.0
      {"version": "^1.0", "python": "<=3.8"}	:python_full_version <= "3.8.0" => foo>=1.0,<2.0
      {"version": "^1.0", "markers": "sys_platform == \\"win32\\" or sys_platform == \\"darwin\\"", "python": "^3.6"}	:python_version >= "3.6" and python_version < "4.0" and sys_platform == "win32" or python_version >= "3.6" and python_version < "4.0" and sys_platform == "darwin" => foo>=1.0,<2.0
      {"version": "^1.0", "platform": "linux"}	:sys_platform == "linux" => foo>=1.0,<2.0
      {"version": "^1.0", "python": "<3.8", "platform": "linux", "markers": "implementation_name == \\"cpython\\""}	:implementation_name == "cpython" and python_version < "3.8" and sys_platform == "linux" => foo>=1.0,<2.0
      {"git": "https://github.com/a/b.git", "tag": "v1", "subdirectory": "sub"}	foo @ git+https://github.com/a/b.git@v1#subdirectory=sub
      {"git": "git@github.com:a/b.git", "rev": "abc"}	foo @ git+ssh://git@github.com/a/b.git@abc
      {"version": "^1.0", "markers": "os_name == \\"nt\\" and implementation_name == \\"cpython\\"", "python": "<3.8"}	:os_name == "nt" and implementation_name == "cpython" and python_version < "3.8" => foo>=1.0,<2.0
      {"version": "^1.0", "markers": "(os_name == \\"nt\\" or os_name == \\"posix\\") and python_version < \\"3.8\\""}	:(os_name == "nt" or os_name == "posix") and python_version < "3.8" => foo>=1.0,<2.0
      {"version": "^1.0", "python": ">=3.6", "markers": "python_version < '3.8'"}	:python_version < "3.8" and python_version >= "3.6" => foo>=1.0,<2.0
      {"version": "^1.0", "platform": "linux || darwin"}	:sys_platform == "linux" or sys_platform == "darwin" => foo>=1.0,<2.0
      {"version": "*", "python": "~2.7 || ^3.6", "markers": "os_name == \\"nt\\" or os_name == \\"posix\\""}	:python_version >= "2.7" and python_version < "2.8" and os_name == "nt" or python_version >= "3.6" and python_version < "4.0" and os_name == "nt" or python_version >= "2.7" and python_version < "2.8" and os_name == "posix" or python_version >= "3.6" and python_version < "4.0" and os_name == "posix" => foo
      """;

  private static final String PYTHON = """
      ^3.6	>=3.6,<4.0
      ~2.7 || ^3.5	>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*
      >=3.6,<4.0	>=3.6,<4.0
      3.6	>=3.6,<3.7
      3	>=3.0,<4.0
      3.8.1	==3.8.1
      >=2.7,!=3.0.*,!=3.1.*	>=2.7, !=3.0.*, !=3.1.*
      ^2.7 || ^3.4	>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*
      >=3.7.1,<4.0	>=3.7.1,<4.0
      ~3.8	>=3.8,<3.9
      ^3.6.1	>=3.6.1,<4.0.0
      3.6.*	>=3.6.0,<3.7.0
      >3.6	>3.6
      <3.10	<3.10
      >=3.6 <3.10 || >=3.11	>=3.6, !=2.7.*, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*, !=3.10.*
      >=3.8	>=3.8
      ~3.7 || ~3.9	>=3.7, !=2.7.*, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*, !=3.6.*, !=3.8.*, !=3.10.*, !=3.11.*
      2.7 || 3.6	>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*, !=3.7.*, !=3.8.*, !=3.9.*, !=3.10.*, !=3.11.*
      """;

  static Stream<Arguments> dependencies() {
    return DEPENDENCIES.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> {
      String[] parts = l.split("\t");
      return Arguments.of(parts[0], parts[1]);
    });
  }

  static Stream<Arguments> pythons() {
    return PYTHON.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> {
      String[] parts = l.split("\t");
      return Arguments.of(parts[0], parts[1]);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dependencies")
  void dependencyAsPoetryCoreWritesIt(String specJson, String expected) throws Exception {
    ObjectNode poetry = JSON.createObjectNode();
    poetry.putObject("dependencies").set("foo", JSON.readTree(specJson));
    Map<SetupField, FieldAnswer> fields = PoetryProject.fields(poetry);
    if (expected.equals("UNRESOLVED")) {
      assertInstanceOf(FieldAnswer.Unresolved.class, fields.get(SetupField.INSTALL_REQUIRES));
      assertInstanceOf(FieldAnswer.Unresolved.class, fields.get(SetupField.EXTRAS_REQUIRE));
      return;
    }
    List<String> install = ((FieldAnswer.Known) fields.get(SetupField.INSTALL_REQUIRES)).strings();
    Map<String, List<String>> extras = ((FieldAnswer.Known) fields.get(SetupField.EXTRAS_REQUIRE)).extras();
    int arrow = expected.indexOf(" => ");
    if (arrow < 0) {
      assertEquals(List.of(expected), install);
      assertEquals(Map.of(), extras);
    } else {
      assertEquals(List.of(), install);
      assertEquals(Map.of(expected.substring(0, arrow), List.of(expected.substring(arrow + 4))), extras);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythons")
  void pythonRequiresAsPoetryCoreWritesIt(String python, String expected) {
    assertEquals(expected, PoetryProject.pythonRequires(python));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythons")
  void pythonDependencyGivesPythonRequires(String python, String expected) throws Exception {
    JsonNode poetry = JSON.readTree("{\"dependencies\": {\"python\": " + JSON.writeValueAsString(python) + "}}");
    assertEquals(FieldAnswer.known(expected), PoetryProject.fields(poetry).get(SetupField.PYTHON_REQUIRES));
  }
}
