package dev.pypidb.extract.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class EggInfoReaderTest {
  private static final String PKG_INFO = "Metadata-Version: 2.1\nName: My-Project\nVersion: 1.0\nRequires-Python: >=3.6\n";

  @Test
  void requiresTxtSectionsKeptAsWritten() {
    EggInfoReader r = EggInfoReader.of(MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO,
        "My_Project.egg-info/PKG-INFO", PKG_INFO,
        "My_Project.egg-info/requires.txt", """
            requests>=2
            six

            [:python_version < "3.8"]
            importlib-metadata

            [test]
            pytest
            # a comment
            [test:sys_platform == "win32"]
            pywin32
            """));
    assertEquals("My_Project.egg-info", r.directory());
    assertEquals(FieldAnswer.known(List.of("requests>=2", "six")), r.fields().get(SetupField.INSTALL_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put(":python_version < \"3.8\"", List.of("importlib-metadata"));
    extras.put("test", List.of("pytest"));
    extras.put("test:sys_platform == \"win32\"", List.of("pywin32"));
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.6"), r.fields().get(SetupField.PYTHON_REQUIRES));
  }

  @Test
  void aBuiltEggsEggInfoDirectory() {
    EggInfoReader r = EggInfoReader.of(MemorySourceTree.ofText(
        "EGG-INFO/PKG-INFO", "Metadata-Version: 1.1\nName: demo\nVersion: 1.0\n",
        "EGG-INFO/requires.txt", "six>=1.9\n\n[socks]\nPySocks\n"));
    assertEquals("EGG-INFO", r.directory());
    assertEquals(List.of("six>=1.9"), ((FieldAnswer.Known) r.fields().get(SetupField.INSTALL_REQUIRES)).strings());
    assertEquals(Map.of("socks", List.of("PySocks")),
        ((FieldAnswer.Known) r.fields().get(SetupField.EXTRAS_REQUIRE)).extras());
  }

  @Test
  void choosesTheProjectsEggInfoTopLevelFirst() {
    MemorySourceTree tree = MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO,
        "vendor/other.egg-info/requires.txt", "wrong\n",
        "src/My_Project.egg-info/requires.txt", "from-src\n",
        "My_Project.egg-info/requires.txt", "top-level\n");
    EggInfoReader r = EggInfoReader.of(tree);
    assertEquals("My_Project.egg-info", r.directory());
    assertEquals(FieldAnswer.known(List.of("top-level")), r.fields().get(SetupField.INSTALL_REQUIRES));

    EggInfoReader src = EggInfoReader.of(MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO,
        "vendor/other.egg-info/requires.txt", "wrong\n",
        "src/my.project.egg-info/requires.txt", "from-src\n"));
    assertEquals("src/my.project.egg-info", src.directory());
    assertEquals(FieldAnswer.known(">=3.6"), src.fields().get(SetupField.PYTHON_REQUIRES),
        "from the top-level PKG-INFO when the egg-info has none");

    assertNull(EggInfoReader.of(MemorySourceTree.ofText("PKG-INFO", PKG_INFO, "other.egg-info/requires.txt", "x\n")),
        "another project's egg-info is not this one's");
  }

  @Test
  void withoutPkgInfoNameTheOnlyShallowEggInfo() {
    EggInfoReader one = EggInfoReader.of(MemorySourceTree.ofText("src/a.egg-info/requires.txt", "x\n",
        "deep/er/b.egg-info/requires.txt", "y\n"));
    assertEquals("src/a.egg-info", one.directory());
    EggInfoReader two = EggInfoReader.of(MemorySourceTree.ofText("a.egg-info/requires.txt", "x\n",
        "b.egg-info/requires.txt", "y\n"));
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, two.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("several egg-info directories"), u.reason());
  }

  @Test
  void missingRequiresTxtOfACompleteEggInfoMeansNoRequirements() {
    EggInfoReader r = EggInfoReader.of(MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO,
        "My_Project.egg-info/PKG-INFO", PKG_INFO,
        "My_Project.egg-info/SOURCES.txt", "setup.py\nMy_Project.egg-info/PKG-INFO\nMy_Project.egg-info/SOURCES.txt\n"));
    assertEquals(FieldAnswer.known(List.of()), r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of()), r.fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void missingRequiresTxtListedInSourcesIsUnresolved() {
    EggInfoReader r = EggInfoReader.of(MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO,
        "My_Project.egg-info/SOURCES.txt", "My_Project.egg-info/requires.txt\n"));
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("which is missing from the sdist"), u.reason());
  }

  @Test
  void incompleteEggInfoSaysNothingAboutRequirements() {
    EggInfoReader r = EggInfoReader.of(MemorySourceTree.ofText(
        "PKG-INFO", PKG_INFO, "My_Project.egg-info/PKG-INFO", PKG_INFO));
    assertEquals(Map.of(SetupField.PYTHON_REQUIRES, FieldAnswer.known(">=3.6")), r.fields());
    assertNull(EggInfoReader.of(MemorySourceTree.ofText("PKG-INFO", "Metadata-Version: 1.0\nName: My-Project\nVersion: 1\n",
        "My_Project.egg-info/PKG-INFO", "Metadata-Version: 1.0\nName: My-Project\nVersion: 1\n")));
  }

  @Test
  void unreadableOrMalformedRequiresTxtIsUnresolved() {
    EggInfoReader notKept = EggInfoReader.of(new MemorySourceTree(Map.of(),
        Map.of("x.egg-info/requires.txt", "is 80 MiB, over the 1 MiB limit for kept members")));
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, notKept.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("80 MiB"), u.reason());
    EggInfoReader heading = EggInfoReader.of(MemorySourceTree.ofText("x.egg-info/requires.txt", "a\n[test\nb\n"));
    assertInstanceOf(FieldAnswer.Unresolved.class, heading.fields().get(SetupField.EXTRAS_REQUIRE));
    EggInfoReader latin1 = EggInfoReader.of(new MemorySourceTree(
        Map.of("x.egg-info/requires.txt", new byte[] {'a', (byte) 0xe9, '\n'}), Map.of()));
    u = assertInstanceOf(FieldAnswer.Unresolved.class, latin1.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("not UTF-8"), u.reason());
  }
}
