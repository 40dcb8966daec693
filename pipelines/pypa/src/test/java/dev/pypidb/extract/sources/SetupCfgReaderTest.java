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

class SetupCfgReaderTest {
  private static SetupCfgReader read(String cfg, String... more) {
    String[] files = new String[more.length + 2];
    files[0] = "setup.cfg";
    files[1] = cfg;
    System.arraycopy(more, 0, files, 2, more.length);
    return SetupCfgReader.of(MemorySourceTree.ofText(files));
  }

  @Test
  void optionsAndExtras() {
    SetupCfgReader r = read("""
        [metadata]
        name = demo

        [options]
        python_requires = >=3.7
        install_requires =
            requests>=2
            # a comment line
            importlib-metadata; python_version<"3.8"
        setup_requires = setuptools_scm; wheel
        tests_require =
            pytest
            mock

        [options.extras_require]
        Test-Extra =
            pytest
        docs = sphinx
        """);
    assertEquals(FieldAnswer.known(List.of("requests>=2", "importlib-metadata; python_version<\"3.8\"")),
        r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(List.of("setuptools_scm", "wheel")), r.fields().get(SetupField.SETUP_REQUIRES));
    assertEquals(FieldAnswer.known(List.of("pytest", "mock")), r.fields().get(SetupField.TESTS_REQUIRE));
    assertEquals(FieldAnswer.known(">=3.7"), r.fields().get(SetupField.PYTHON_REQUIRES));
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extras.put("Test-Extra", List.of("pytest"));
    extras.put("docs", List.of("sphinx"));
    assertEquals(FieldAnswer.known(extras), r.fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void oneLineListsSplitAtSemicolonsNotCommas() {
    SetupCfgReader r = read("[options]\ninstall_requires = a, b\ntests_require = c;d\n");
    assertEquals(FieldAnswer.known(List.of("a, b")), r.fields().get(SetupField.INSTALL_REQUIRES),
        "setuptools reads 'a, b' as one (invalid) requirement");
    assertEquals(FieldAnswer.known(List.of("c", "d")), r.fields().get(SetupField.TESTS_REQUIRE));
  }

  @Test
  void dashedOptionNamesAndCaseOfKeys() {
    SetupCfgReader r = read("[options]\ninstall-requires = x\nInstall_Requires = ignored\n");
    assertEquals(FieldAnswer.known(List.of("x")), r.fields().get(SetupField.INSTALL_REQUIRES));
    assertNull(read("[Options]\ninstall_requires = x\n"), "section names are case-sensitive");
  }

  @Test
  void fileDirective() {
    SetupCfgReader r = read("""
        [options]
        install_requires = file: requirements.txt, requirements/extra.txt, missing.txt
        [options.extras_require]
        dev = file: dev.txt
        """,
        "requirements.txt", "# base\nrequests\n\nsix  # inline comments stay for setuptools to cut\n",
        "requirements/extra.txt", "attrs\n",
        "dev.txt", "pytest\n");
    assertEquals(FieldAnswer.known(List.of("requests", "six  # inline comments stay for setuptools to cut", "attrs")),
        r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals(FieldAnswer.known(Map.of("dev", List.of("pytest"))), r.fields().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void fileDirectiveOutsideTheTreeOrWithPipOptionsIsUnresolved() {
    SetupCfgReader outside = read("[options]\ninstall_requires = file: ../requirements.txt\n");
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, outside.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("outside the sdist"), u.reason());
    SetupCfgReader include = read("[options]\ninstall_requires = file: requirements.txt\n",
        "requirements.txt", "-r base.txt\nsix\n", "base.txt", "requests\n");
    u = assertInstanceOf(FieldAnswer.Unresolved.class, include.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().contains("'-r base.txt' is a pip option"), u.reason());
  }

  @Test
  void malformedFileLeavesTheFieldsItMentionsUnresolved() {
    SetupCfgReader dup = read("[options]\ninstall_requires = a\ninstall_requires = b\n[flake8]\nmax-line-length = 99\n");
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, dup.fields().get(SetupField.INSTALL_REQUIRES));
    assertTrue(u.reason().startsWith("setuptools cannot read setup.cfg: While reading from 'setup.cfg' [line 3]"), u.reason());
    assertFalse(dup.fields().containsKey(SetupField.TESTS_REQUIRE));
    SetupCfgReader percent = read("[options]\ninstall_requires = a\n[flake8]\nformat = %(path)s:%(row)d\n");
    assertInstanceOf(FieldAnswer.Unresolved.class, percent.fields().get(SetupField.INSTALL_REQUIRES));
    assertNull(read("[flake8\nmax-line-length = 99\n"), "a broken file that mentions no field says nothing");
  }

  @Test
  void notUtf8IsUnresolved() {
    byte[] latin1 = "[options]\ninstall_requires = caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    SetupCfgReader r = SetupCfgReader.of(new MemorySourceTree(Map.of("setup.cfg", latin1), Map.of()));
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, r.fields().get(SetupField.INSTALL_REQUIRES));
    assertEquals("setup.cfg is not UTF-8, which the build tools require", u.reason());
  }

  @Test
  void nothingToRead() {
    assertNull(SetupCfgReader.of(MemorySourceTree.ofText("setup.py", "")));
    assertNull(read("[metadata]\nname = x\n[bdist_wheel]\nuniversal = 1\n"));
  }
}
