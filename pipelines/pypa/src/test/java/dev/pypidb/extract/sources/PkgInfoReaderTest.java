package dev.pypidb.extract.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkgInfoReaderTest {
  private static PkgInfoReader read(String pkgInfo) {
    return PkgInfoReader.of(MemorySourceTree.ofText("PKG-INFO", pkgInfo, "setup.py", ""));
  }

  @Test
  void requiresDistGoesToInstallRequiresAndExtrasAsSetupWroteThem() {
    PkgInfoReader r = read("""
        Metadata-Version: 2.2
        Name: demo
        Version: 1.0
        Requires-Python: >=3.8
        Requires-Dist: requests>=2
        Requires-Dist: importlib-metadata; python_version < "3.10"
        Provides-Extra: test
        Requires-Dist: pytest; extra == "test"
        Requires-Dist: tomli; python_version < "3.11" and extra == "test"
        Provides-Extra: Docs_Extra
        Requires-Dist: sphinx; extra == "docs-extra" or extra == "test"
        Provides-Extra: empty
        """);
    assertNotNull(r);
    assertEquals(Method.PKG_INFO, r.method());
    assertEquals(FieldAnswer.known(List.of("requests>=2", "importlib-metadata; python_version < \"3.10\"")),
        r.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("test", List.of("pytest", "sphinx"));
    extras.put("test:python_version < \"3.11\"", List.of("tomli"));
    extras.put("Docs_Extra", List.of("sphinx"));
    extras.put("empty", List.of());
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.8"), r.fields().get(SetupField.PYTHON_REQUIRES));
    assertEquals(r.answer(PythonKey.forKey("27")), r.answer(PythonKey.forKey("314")), "the same for every key");
  }

  @Test
  void requirementWithUrlAndExtraMarker() {
    PkgInfoReader r = read("Metadata-Version: 2.3\nName: d\nVersion: 1\n"
        + "Requires-Dist: pkg @ https://x/pkg.zip ; os_name == \"nt\" and extra == \"win\"\n");
    assertEquals(FieldAnswer.known(Map.of("win:os_name == \"nt\"", List.of("pkg @ https://x/pkg.zip"))),
        r.fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void dynamicFieldsAreAbsent() {
    PkgInfoReader r = read("""
        Metadata-Version: 2.2
        Name: demo
        Version: 1.0
        Dynamic: Requires-Dist
        Requires-Python: >=3.8
        """);
    assertEquals(Map.of(SetupField.PYTHON_REQUIRES, FieldAnswer.known(">=3.8")), r.fields());
    assertNull(read("Metadata-Version: 2.2\nName: d\nVersion: 1\nDynamic: requires-dist\nDynamic: Requires-Python\n"));
  }

  @Test
  void staticRequiresDistAbsentMeansNoRequirements() {
    PkgInfoReader r = read("Metadata-Version: 2.4\nName: d\nVersion: 1\n");
    assertEquals(FieldAnswer.known(List.of()), r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of()), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertNull(r.fields().get(SetupField.PYTHON_REQUIRES));
  }

  @Test
  void olderMetadataIsNotTrusted() {
    assertNull(read("Metadata-Version: 2.1\nName: d\nVersion: 1\nRequires-Dist: requests\n"));
    assertNull(read("Metadata-Version: 1.0\nName: d\nVersion: 1\n"));
    assertNull(PkgInfoReader.of(MemorySourceTree.ofText("setup.py", "")));
  }

  @Test
  void malformedPkgInfoIsUnresolvedOnlyWhenItClaimsStaticMetadata() {
    PkgInfoReader r = read("Metadata-Version: 2.2\nName: d\nthis line is no header\n");
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().startsWith("PKG-INFO does not parse: "), u.reason());
    assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.PYTHON_REQUIRES));
    assertNull(read("Metadata-Version: 1.1\nName: d\nthis line is no header\n"));
  }

  @Test
  void badRequirementOrInexpressibleMarkerIsUnresolved() {
    PkgInfoReader bad = read("Metadata-Version: 2.2\nName: d\nVersion: 1\nRequires-Dist: foo >=>= 1\nRequires-Python: >=3\n");
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, bad.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("'foo >=>= 1' is not a PEP 508 requirement"), u.reason());
    assertEquals(FieldAnswer.known(">=3"), bad.fields().get(SetupField.PYTHON_REQUIRES));
    for (String marker : List.of("extra != \"x\"", "extra == \"x\" and extra == \"y\"", "extra == \"x\" or os_name == \"nt\"")) {
      PkgInfoReader r = read("Metadata-Version: 2.2\nName: d\nVersion: 1\nRequires-Dist: foo; " + marker + "\n");
      assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.EXTRAS_REQUIRE), marker);
    }
  }

  @Test
  void deeplyNestedMarkerIsRefusedNotRecursedInto() {
    String deep = "(".repeat(100_000) + "os_name == 'nt'" + ")".repeat(100_000);
    PkgInfoReader r = read("Metadata-Version: 2.2\nName: d\nVersion: 1\nRequires-Dist: foo; " + deep + "\n");
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("Parentheses nested deeper than 100"), u.reason().substring(0, 120));
  }

  @Test
  void invalidUtf8InTheDescriptionDoesNotMatter() {
    byte[] head = "Metadata-Version: 2.2\nName: d\nVersion: 1\nRequires-Dist: six\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = {(byte) 0xff, (byte) 0xfe, 'x'};
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    PkgInfoReader r = PkgInfoReader.of(new MemorySourceTree(Map.of("PKG-INFO", all), Map.of()));
    assertEquals(FieldAnswer.known(List.of("six")), r.fields().get(SetupField.INSTALL_REQUIRES));
  }

  @Test
  void unreadablePkgInfoIsUnresolved() {
    PkgInfoReader r = PkgInfoReader.of(new MemorySourceTree(Map.of(), Map.of("PKG-INFO", "is a symbolic link")));
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals("PKG-INFO cannot be read: is a symbolic link", u.reason());
  }

  @Test
  void dynamicProvidesExtraLeavesExtrasRequireUnanswered() {
    PkgInfoReader r = read("""
        Metadata-Version: 2.4
        Name: demo
        Version: 1.0
        Requires-Python: >=3.9
        Requires-Dist: requests>=2
        Requires-Dist: tomli; python_version < "3.11"
        Provides-Extra: test
        Requires-Dist: pytest; extra == "test"
        Dynamic: provides-extra
        """);
    assertEquals(FieldAnswer.known(List.of("requests>=2", "tomli; python_version < \"3.11\"")),
        r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.unresolved(
        "PKG-INFO declares Provides-Extra Dynamic: the build computes the extras and their requirements"),
        r.fields().get(SetupField.EXTRAS_REQUIRE), "setup.py may compute the extras per Python");
    assertEquals(FieldAnswer.known(">=3.9"), r.fields().get(SetupField.PYTHON_REQUIRES));

    PkgInfoReader index = PkgInfoReader.ofFields(List.of("requests>=2", "pytest; extra == 'test'"), List.of("test"),
        null, true);
    assertEquals(FieldAnswer.known(List.of("requests>=2")), index.fields().get(SetupField.INSTALL_REQUIRES));
    assertInstanceOf(FieldAnswer.Unresolved.class, index.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(Map.of("test", List.of("pytest"))), PkgInfoReader.ofFields(
        List.of("pytest; extra == 'test'"), List.of("test"), null, false).fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void dynamicFieldsAsSetupKeywords() {
    assertEquals(EnumSet.of(SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES),
        dynamic("Metadata-Version: 2.4\nName: d\nVersion: 1\nDynamic: requires-dist\nDynamic: Requires-Python\n"));
    assertEquals(EnumSet.of(SetupField.EXTRAS_REQUIRE),
        dynamic("Metadata-Version: 2.2\nName: d\nVersion: 1\nDynamic: Provides-Extra\nDynamic: Summary\n"));
    assertEquals(EnumSet.noneOf(SetupField.class), dynamic("Metadata-Version: 2.4\nName: d\nVersion: 1\n"));
    assertEquals(EnumSet.noneOf(SetupField.class),
        dynamic("Metadata-Version: 2.1\nName: d\nVersion: 1\nDynamic: Requires-Dist\n"), "Dynamic is 2.2's");
    assertEquals(EnumSet.noneOf(SetupField.class), dynamic("Metadata-Version: 2.2\nName: d\nno header\n"));
    assertEquals(EnumSet.noneOf(SetupField.class), PkgInfoReader.dynamicFields(MemorySourceTree.ofText("setup.py", "")));
  }

  private static Set<SetupField> dynamic(String pkgInfo) {
    return PkgInfoReader.dynamicFields(MemorySourceTree.ofText("PKG-INFO", pkgInfo));
  }
}
