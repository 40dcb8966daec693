package dev.pypidb.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values are what setuptools 66's {@code Distribution(attrs)} holds after
 * {@code _finalize_requires} for the same install_requires and extras_require.
 */
class SetuptoolsFinalizationTest {
  @Test
  void markersMoveAndStringsNormalize() {
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("test", List.of("pytest >= 6", "pytest-asyncio; python_version>='3.7'", "pytest >= 6"));
    extras.put("empty", List.of());
    extras.put("win:sys_platform=='win32'", List.of("pywin32"));
    SetuptoolsFinalization.Finalized f = SetuptoolsFinalization.finalize(
        List.of("requests (>=2.0)", "enum34; python_version<'3.4'", "# comment\nsix \\", "  >=1.10", "not a requirement!"),
        extras);
    assertEquals(List.of("requests>=2.0", "six>=1.10", "not a requirement!"), f.installRequires());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("test", List.of("pytest>=6"));
    expected.put("test:python_version >= \"3.7\"", List.of("pytest-asyncio"));
    expected.put("empty", List.of());
    expected.put("win:sys_platform=='win32'", List.of("pywin32"));
    expected.put(":python_version < \"3.4\"", List.of("enum34"));
    assertEquals(expected, f.extrasRequire());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(f.extrasRequire().keySet()));
  }

  @Test
  void deeplyNestedRequirementStaysAsWritten() {
    String deep = "foo; " + "(".repeat(500) + "os_name == 'nt'" + ")".repeat(500);
    assertEquals(List.of(deep), SetuptoolsFinalization.finalize(List.of(deep), null).installRequires());
  }

  @Test
  void urlRequirementLosesItsMarkerCleanly() {
    SetuptoolsFinalization.Finalized f = SetuptoolsFinalization.finalize(
        List.of("pkg @ https://example.com/pkg.zip ; os_name == 'nt'"), null);
    assertEquals(Map.of(":os_name == \"nt\"", List.of("pkg@ https://example.com/pkg.zip")), f.extrasRequire());
  }
}
