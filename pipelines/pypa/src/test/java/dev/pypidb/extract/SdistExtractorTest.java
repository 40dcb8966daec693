package dev.pypidb.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.KeyResult.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SdistExtractorTest {
  private static final PythonKey PY27 = PythonKey.forKey("27");
  private static final PythonKey PY38 = PythonKey.forKey("38");
  private static final String EGG_PKG_INFO = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";

  /** A setup-py stand-in: answers per key from a function. */
  private record FakeSetupPy(Function<PythonKey, MethodAnswer> answers) implements MethodReader {
    @Override
    public Method method() {
      return Method.SETUP_PY;
    }

    @Override
    public MethodAnswer answer(PythonKey key) {
      return answers.apply(key);
    }
  }

  private static Function<SourceTree, MethodReader> setupPy(Function<PythonKey, MethodAnswer> answers) {
    return tree -> new FakeSetupPy(answers);
  }

  private static MethodAnswer fields(Object... fieldsAndAnswers) {
    Map<SetupField, FieldAnswer> m = new EnumMap<>(SetupField.class);
    for (int i = 0; i < fieldsAndAnswers.length; i += 2) {
      m.put((SetupField) fieldsAndAnswers[i], (FieldAnswer) fieldsAndAnswers[i + 1]);
    }
    return MethodAnswer.of(Method.SETUP_PY, m);
  }

  private static MemorySourceTree eggInfo(String requires) {
    return MemorySourceTree.ofText("PKG-INFO", EGG_PKG_INFO, "demo.egg-info/PKG-INFO", EGG_PKG_INFO,
        "demo.egg-info/requires.txt", requires, "setup.py", "");
  }

  @Test
  void nothingToReadIsAnErrorForEveryKey() {
    SdistExtraction x = SdistExtractor.extract(MemorySourceTree.ofText("README", "hi"), List.of(tree -> null));
    assertEquals(PythonKey.ALL.size(), x.results().size());
    for (KeyResult r : x.results()) {
      assertEquals(Status.ERROR, r.status());
      assertEquals("no metadata, pyproject.toml, setup.cfg or setup.py in the sdist", r.reason());
      assertNull(r.method());
    }
    assertEquals(List.of(), x.methods());
  }

  @Test
  void eachFieldFromTheMostTrustedMethodThatKnowsIt() {
    SdistExtraction x = SdistExtractor.extract(eggInfo("requests\n[test]\npytest\n"), List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of("something-else")),
        SetupField.TESTS_REQUIRE, FieldAnswer.known(List.of("pytest", "mock")),
        SetupField.PYTHON_REQUIRES, FieldAnswer.known(">=3.6")))));
    assertEquals(List.of(Method.EGG_INFO, Method.SETUP_PY), x.methods());
    KeyResult r = x.result(PY38);
    assertEquals(Status.OK, r.status());
    assertEquals(Method.EGG_INFO, r.method());
    assertNull(r.reason());
    assertEquals(List.of("requests"), r.values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Map.of("test", List.of("pytest")), r.values().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(List.of("pytest", "mock"), r.values().get(SetupField.TESTS_REQUIRE));
    assertEquals(">=3.6", r.values().get(SetupField.PYTHON_REQUIRES));
    assertEquals(Method.EGG_INFO, r.fieldMethods().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Method.SETUP_PY, r.fieldMethods().get(SetupField.TESTS_REQUIRE));
  }

  @Test
  void anUnresolvedFieldFallsThroughToALessTrustedMethod() {
    MemorySourceTree tree = MemorySourceTree.ofText(
        "pyproject.toml", "[project]\nname = \"demo\"\ndynamic = [\"dependencies\"]\n",
        "setup.cfg", "[options]\ninstall_requires = click\n");
    KeyResult r = SdistExtractor.extract(tree).result(PY38);
    assertEquals(Status.OK, r.status());
    assertEquals(List.of("click"), r.values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Method.SETUP_CFG, r.method());
    assertEquals(Method.PYPROJECT, r.fieldMethods().get(SetupField.EXTRAS_REQUIRE), "known empty from [project]");
    assertFalse(r.values().containsKey(SetupField.EXTRAS_REQUIRE), "empty values are not kept, as the crawler dumped them");
  }

  @Test
  void aFieldNoMethodResolvesMakesTheResultUnresolved() {
    MemorySourceTree tree = MemorySourceTree.ofText(
        "pyproject.toml", "[build-system]\nbuild-backend = \"hatchling.build\"\n"
            + "[project]\nname = \"demo\"\ndynamic = [\"dependencies\"]\n");
    KeyResult r = SdistExtractor.extract(tree, List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved("name 'REQS' is read from requirements.txt"),
        SetupField.SETUP_REQUIRES, FieldAnswer.known(List.of("wheel")))))).result(PY38);
    assertEquals(Status.UNRESOLVED, r.status());
    assertEquals("install_requires unresolved by pyproject: pyproject.toml [project] declares dependencies dynamic,"
        + " computed by the build backend", r.reason());
    assertEquals(Method.PYPROJECT, r.method());
    assertEquals(List.of("wheel"), r.values().get(SetupField.SETUP_REQUIRES));
  }

  @Test
  void anUnresolvedBuildOrTestFieldIsNamedButTheInstallAnswerStands() {
    SdistExtraction x = SdistExtractor.extract(eggInfo("requests\n"), List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved("calls get_requirements()"),
        SetupField.SETUP_REQUIRES, FieldAnswer.unresolved("name 'BUILD_DEPS' comes from module 'helpers'"),
        SetupField.TESTS_REQUIRE, FieldAnswer.unresolved("reads tests.txt through subprocess")))));
    KeyResult r = x.result(PY38);
    assertEquals(KeyResult.Status.OK, r.status(), r.reason());
    assertEquals(List.of("requests"), r.values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Method.EGG_INFO, r.method());
    assertFalse(r.values().containsKey(SetupField.SETUP_REQUIRES));
    assertTrue(r.reason().contains("setup_requires unresolved by setup-py: name 'BUILD_DEPS'"), r.reason());
    assertTrue(r.reason().contains("tests_require unresolved by setup-py"), r.reason());
  }

  @Test
  void aKeySpecificFailureIsAnErrorWhateverTheDeclarativeSourcesSay() {
    SdistExtraction x = SdistExtractor.extract(eggInfo("requests\n"), List.of(setupPy(k -> k.major() == 2
        ? MethodAnswer.failed(Method.SETUP_PY, "Sorry, Python < 3.7 is not supported\n")
        : fields(SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of("requests"))))));
    KeyResult py27 = x.result(PY27);
    assertEquals(Status.ERROR, py27.status());
    assertEquals(Method.SETUP_PY, py27.method());
    assertEquals("Sorry, Python < 3.7 is not supported\n", py27.reason());
    assertTrue(py27.values().isEmpty());
    KeyResult py38 = x.result(PY38);
    assertEquals(Status.OK, py38.status());
    assertEquals(Method.EGG_INFO, py38.method());
  }

  @Test
  void aFailureForEveryKeyLeavesTheOtherMethodsAnswers() {
    Function<SourceTree, MethodReader> broken =
        setupPy(k -> MethodAnswer.failed(Method.SETUP_PY, "ModuleNotFoundError: No module named 'numpy'"));
    KeyResult withEggInfo = SdistExtractor.extract(eggInfo("numpy\n"), List.of(broken)).result(PY38);
    assertEquals(Status.OK, withEggInfo.status());
    assertEquals(List.of("numpy"), withEggInfo.values().get(SetupField.INSTALL_REQUIRES));
    KeyResult alone = SdistExtractor.extract(MemorySourceTree.ofText("setup.py", ""), List.of(broken)).result(PY38);
    assertEquals(Status.ERROR, alone.status());
    assertEquals("ModuleNotFoundError: No module named 'numpy'", alone.reason());
    assertEquals(Method.SETUP_PY, alone.method());
    // An egg-info that only knows Requires-Python cannot stand in for setup.py's install_requires.
    MemorySourceTree onlyPython = MemorySourceTree.ofText("PKG-INFO", EGG_PKG_INFO,
        "demo.egg-info/PKG-INFO", EGG_PKG_INFO + "Requires-Python: >=3.5\n");
    KeyResult partial = SdistExtractor.extract(onlyPython, List.of(broken)).result(PY38);
    assertEquals(Status.ERROR, partial.status());
    assertEquals("ModuleNotFoundError: No module named 'numpy'", partial.reason());
  }

  @Test
  void setupPyAnswersPerKey() {
    SdistExtraction x = SdistExtractor.extract(MemorySourceTree.ofText("setup.py", ""), List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.known(k.major() == 2 ? List.of("futures") : List.of("aiohttp"))))));
    assertEquals(List.of("futures"), x.result(PY27).values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(List.of("aiohttp"), x.result(PY38).values().get(SetupField.INSTALL_REQUIRES));
    KeyResult none = SdistExtractor.extract(MemorySourceTree.ofText("setup.py", ""),
        List.of(setupPy(k -> fields()))).result(PY38);
    assertEquals(Status.OK, none.status(), "a setup() call without requirements");
    assertTrue(none.values().isEmpty());
    assertNull(none.method());
  }

  @Test
  void valuesAreFinalizedAsSetuptoolsDoes() {
    MemorySourceTree tree = MemorySourceTree.ofText("setup.cfg", """
        [options]
        install_requires =
            requests >= 2.0  # http
            importlib-metadata; python_version<'3.8'
        [options.extras_require]
        test =
            pytest
            pywin32; sys_platform == 'win32'
        """);
    KeyResult r = SdistExtractor.extract(tree).result(PY38);
    assertEquals(List.of("requests>=2.0"), r.values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Map.of("test", List.of("pytest"), "test:sys_platform == \"win32\"", List.of("pywin32"),
        ":python_version < \"3.8\"", List.of("importlib-metadata")), r.values().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void markersMovedOutOfInstallRequiresBelongToItsMethod() {
    KeyResult r = SdistExtractor.extract(MemorySourceTree.ofText("setup.py", ""), List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of("enum34; python_version < '3.4'")))))).result(PY27);
    assertEquals(Map.of(":python_version < \"3.4\"", List.of("enum34")), r.values().get(SetupField.EXTRAS_REQUIRE));
    assertFalse(r.values().containsKey(SetupField.INSTALL_REQUIRES));
    assertEquals(Method.SETUP_PY, r.fieldMethods().get(SetupField.EXTRAS_REQUIRE));
  }

  @Test
  void aReaderThatThrowsIsNamedAndTheResultUnresolved() {
    KeyResult answerThrows = SdistExtractor.extract(eggInfo("six\n"), List.of(setupPy(k -> {
      throw new IllegalStateException("bug");
    }))).result(PY38);
    assertEquals(Status.UNRESOLVED, answerThrows.status());
    assertEquals("setup-py reader failed: IllegalStateException: bug", answerThrows.reason());
    assertEquals(List.of("six"), answerThrows.values().get(SetupField.INSTALL_REQUIRES));
    KeyResult factoryThrows = SdistExtractor.extract(MemorySourceTree.ofText("setup.py", ""), List.of(tree -> {
      throw new IllegalArgumentException("boom");
    })).result(PY38);
    assertEquals(Status.UNRESOLVED, factoryThrows.status());
    assertEquals("a reader failed on the sdist: IllegalArgumentException: boom", factoryThrows.reason());
  }

  @Test
  void projectFromPkgInfoOfAnyMetadataVersion() {
    SdistExtraction x = SdistExtractor.extract(MemorySourceTree.ofText("PKG-INFO",
        "Metadata-Version: 1.2\nName: Demo\nVersion: 2.0b1\nRequires-Python: >=3.5\n", "setup.py", ""),
        List.of(setupPy(k -> fields())));
    assertEquals("Demo", x.name());
    assertEquals("2.0b1", x.version());
    assertEquals(">=3.5", x.requiresPython());
    assertEquals(List.of(Method.SETUP_PY), x.methods(), "Metadata 1.2 is not a pkg-info source");
    SdistExtraction broken = SdistExtractor.extract(MemorySourceTree.ofText("PKG-INFO", "garbage"));
    assertNull(broken.name());
  }

  @Test
  void pkgInfo22IsTrustedOverEggInfo() {
    String meta = "Metadata-Version: 2.2\nName: demo\nVersion: 1.0\nRequires-Dist: attrs\n";
    MemorySourceTree tree = MemorySourceTree.ofText("PKG-INFO", meta, "demo.egg-info/PKG-INFO", meta,
        "demo.egg-info/requires.txt", "stale\n");
    KeyResult r = SdistExtractor.extract(tree).result(PY38);
    assertEquals(Method.PKG_INFO, r.method());
    assertEquals(List.of("attrs"), r.values().get(SetupField.INSTALL_REQUIRES));
  }

  @Test
  void aFieldPkgInfoDeclaresDynamicComesFromSetupPyBeforeTheEggInfo() {
    String top = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nDynamic: requires-dist\nDynamic: provides-extra\n";
    String egg = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nRequires-Python: >=3.8\n";
    MemorySourceTree tree = MemorySourceTree.ofText("PKG-INFO", top, "demo.egg-info/PKG-INFO", egg,
        "demo.egg-info/SOURCES.txt", "setup.py\n", "demo.egg-info/requires.txt", "numpy<1.26\n\n[test]\npytest\n",
        "setup.py", "");
    SdistExtraction x = SdistExtractor.extract(tree, List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of(k.major() == 3 && k.minor() >= 12
            ? "numpy>=1.26" : "numpy<1.26")),
        SetupField.PYTHON_REQUIRES, FieldAnswer.known(">=3.9")))));
    KeyResult py312 = x.result(PythonKey.forKey("312"));
    assertEquals(Status.OK, py312.status());
    assertEquals(Method.SETUP_PY, py312.method(), "setup.py under 3.12, not the egg-info another Python wrote");
    assertEquals(List.of("numpy>=1.26"), py312.values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(List.of("numpy<1.26"), x.result(PY38).values().get(SetupField.INSTALL_REQUIRES));
    assertEquals(Map.of("test", List.of("pytest")), py312.values().get(SetupField.EXTRAS_REQUIRE),
        "setup-py does not give extras_require: the egg-info still does");
    assertEquals(Method.EGG_INFO, py312.fieldMethods().get(SetupField.EXTRAS_REQUIRE));
    assertEquals(">=3.8", py312.values().get(SetupField.PYTHON_REQUIRES), "Requires-Python is not Dynamic");
    assertEquals(Method.EGG_INFO, py312.fieldMethods().get(SetupField.PYTHON_REQUIRES));

    KeyResult unresolvedSetupPy = SdistExtractor.extract(tree, List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved("a subprocess"))))).result(PY38);
    assertEquals(Status.OK, unresolvedSetupPy.status());
    assertEquals(Method.EGG_INFO, unresolvedSetupPy.method(), "the egg-info where setup-py cannot tell");
    assertEquals(List.of("numpy<1.26"), unresolvedSetupPy.values().get(SetupField.INSTALL_REQUIRES));

    MemorySourceTree notDynamic = MemorySourceTree.ofText("PKG-INFO", EGG_PKG_INFO, "demo.egg-info/PKG-INFO",
        EGG_PKG_INFO, "demo.egg-info/SOURCES.txt", "setup.py\n", "demo.egg-info/requires.txt", "numpy<1.26\n",
        "setup.py", "");
    KeyResult metadata21 = SdistExtractor.extract(notDynamic, List.of(setupPy(k -> fields(
        SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of("numpy>=1.26")))))).result(PythonKey.forKey("312"));
    assertEquals(Method.EGG_INFO, metadata21.method(), "without a Dynamic declaration the egg-info comes first");
  }

  @Test
  void aDynamicProvidesExtraNoOtherMethodKnowsIsUnresolved() {
    MemorySourceTree tree = MemorySourceTree.ofText("PKG-INFO", "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n"
        + "Requires-Dist: requests\nProvides-Extra: test\nRequires-Dist: pytest; extra == \"test\"\n"
        + "Dynamic: provides-extra\n", "setup.py", "");
    KeyResult r = SdistExtractor.extract(tree, List.of(setupPy(k -> fields(
        SetupField.EXTRAS_REQUIRE, FieldAnswer.unresolved("calls extras()"))))).result(PY38);
    assertEquals(Status.UNRESOLVED, r.status());
    assertEquals(List.of("requests"), r.values().get(SetupField.INSTALL_REQUIRES));
    assertTrue(r.reason().startsWith("extras_require unresolved by pkg-info: PKG-INFO declares Provides-Extra Dynamic"),
        r.reason());
  }
}
