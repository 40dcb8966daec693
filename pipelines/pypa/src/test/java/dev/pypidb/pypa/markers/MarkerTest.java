package dev.pypidb.pypa.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerTest {
  private static final Map<String, String> LINUX_312 = Map.of(
      "python_version", "3.12", "python_full_version", "3.12.13", "os_name", "posix",
      "sys_platform", "linux", "platform_system", "Linux", "platform_machine", "x86_64",
      "platform_python_implementation", "CPython", "implementation_name", "cpython",
      "implementation_version", "3.12.13", "platform_release", "6.1.0");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "python_version >= '3.8'|true", "python_version < '3.8'|false",
    "'3.6' < python_version|true", "python_full_version == '3.12.*'|true",
    "os.name == 'posix'|true", "sys.platform == 'linux'|true",
    "platform.python_implementation == 'CPython'|true", "python_implementation == 'CPython'|true",
    "'linux' in sys_platform|true", "'lin' in sys_platform|true", "'win' not in sys_platform|true",
    "python_version > '3.8' and (sys_platform == 'win32' or os_name == 'posix')|true",
    "sys_platform == 'win32' or python_version < '3' and os_name == 'posix'|false",
    "python_version in '3.10 3.11 3.12'|true",
    // string operators: < and > never hold, <= and >= mean equality
    "platform_machine < 'zzz'|false", "platform_machine >= 'x86_64'|true",
    "os_name != 'nt'|true", "platform_release >= '5'|true",
    "extra == 'test'|false",
  })
  void evaluates(String marker, boolean expected) {
    assertEquals(expected, Marker.parse(marker).evaluate(LINUX_312));
  }

  @Test
  void extraIsCanonicalizedOnBothSides() {
    Map<String, String> env = new HashMap<>(LINUX_312);
    env.put("extra", "Foo_Bar");
    assertTrue(Marker.parse("extra == 'foo-bar'").evaluate(env));
    assertTrue(Marker.parse("extra == 'FOO.BAR'").evaluate(env));
    // pypidb also canonicalizes inside parentheses (PEP 685); packaging 26.2 does not.
    assertTrue(Marker.parse("(extra == 'Foo.Bar')").evaluate(env));
    assertEquals("extra == \"foo-bar\" and (os_name == \"a\" or extra == \"x-y\")",
        Marker.parse("extra == 'Foo_Bar' and (os_name=='a' or extra=='X.Y')").toString());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "python_version>'3'|python_version > \"3\"",
    "((python_version>'3'))|python_version > \"3\"",
    "(a_) |",
    "(os_name=='a') and (os_name=='b' or os_name=='c')|os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")",
    "os_name  not   in 'x'|os_name not in \"x\"",
  })
  void printsNormalizedText(String marker, String expected) {
    if (expected == null) {
      assertThrows(InvalidMarkerException.class, () -> Marker.parse(marker));
      return;
    }
    assertEquals(expected, Marker.parse(marker).toString());
  }

  @Test
  void decodesPythonStringLiterals() {
    assertEquals("os_name == \"A\\d\"", Marker.parse("os_name == '\\x41\\d'").toString());
    assertThrows(InvalidMarkerException.class, () -> Marker.parse("os_name == '\\x4'"));
    assertThrows(InvalidMarkerException.class, () -> Marker.parse("os_name == 'a\nb'"));
  }

  @Test
  void parseErrorsPointAtTheProblem() {
    InvalidMarkerException e = assertThrows(InvalidMarkerException.class,
        () -> Marker.parse("python_version >= '3' and"));
    assertEquals("Expected a marker variable or quoted string\n"
        + "    python_version >= '3' and\n"
        + "                             ^", e.getMessage());
    e = assertThrows(InvalidMarkerException.class, () -> Marker.parse("os_name = 'x'"));
    assertTrue(e.getMessage().startsWith("Expected marker operator"), e.getMessage());
    e = assertThrows(InvalidMarkerException.class, () -> Marker.parse("(os_name == 'x'"));
    assertTrue(e.getMessage().startsWith(
        "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression"));
  }

  @Test
  void evaluationErrorsAreReportedEvenWhenShortCircuitWouldSkipThem() {
    Marker m = Marker.parse("python_version > '3' or os_name ~= 'posix'");
    MarkerEvaluationException e = assertThrows(MarkerEvaluationException.class, () -> m.evaluate(LINUX_312));
    assertEquals("Undefined <Op('~=')> on 'posix' and 'posix'.", e.getMessage());
    assertThrows(MarkerEvaluationException.class, () -> Marker.parse("platform_version == 'x'").evaluate(LINUX_312));
  }

  @Test
  void reportsWhatItReads() {
    Marker m = Marker.parse("python_version < '3' and (extra == 'Socks' or sys.platform == 'win32')");
    assertEquals(Set.of("python_version", "extra", "sys_platform"), m.variables());
    assertEquals(List.of("socks"), m.extrasCompared());
    assertFalse(m.evaluate(LINUX_312));
  }
}
