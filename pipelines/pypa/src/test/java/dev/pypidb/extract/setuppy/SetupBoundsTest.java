package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.assertFailed;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertUnresolved;
import static dev.pypidb.extract.setuppy.SetupPyTesting.key;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.SetupField;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile setup.py files: each returns quickly, with the bound it hit named. */
class SetupBoundsTest {

  private static MethodAnswer quick(String setupPy, String... files) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SetupPyTesting.answer("38", setupPy, files));
  }

  @Test
  void hugeSource() {
    String big = "from setuptools import setup\n" + "# padding\n".repeat(110_000) + "setup(install_requires=['a'])\n";
    assertUnresolved(quick(big), SetupField.INSTALL_REQUIRES, "bytes, over the 1048576 byte limit");
  }

  @Test
  void deeplyNestedParentheses() {
    assertUnresolved(quick("x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n"),
        SetupField.INSTALL_REQUIRES, "nesting deeper than 100 levels");
  }

  @Test
  void hugeStringsAreNeverAllocated() {
    assertUnresolved(quick("from setuptools import setup\nx = 'a' * 10**9\nsetup(install_requires=[x])\n"),
        SetupField.INSTALL_REQUIRES, "a string of 1000000000 characters, over the 4194304 limit");
    assertUnresolved(quick("x = [0] * 10**8\n"), SetupField.INSTALL_REQUIRES, "a collection of 100000000 items");
    assertUnresolved(quick("x = 10**10**10\n"), SetupField.INSTALL_REQUIRES, "an integer of more than 65536 bits");
    assertUnresolved(quick("s = 'ab'\nfor i in range(40):\n    s = s + s\n"), SetupField.INSTALL_REQUIRES,
        "over the 4194304 limit");
  }

  @Test
  void manyLargeValuesCannotAddUp() {
    assertUnresolved(quick("l = []\nfor i in range(100000):\n    l.append('a' * 1000000)\n"), SetupField.INSTALL_REQUIRES,
        "characters and items built in all");
  }

  @Test
  void endlessLoops() {
    assertUnresolved(quick("while True:\n    pass\n"), SetupField.INSTALL_REQUIRES,
        "the while loop at line 1 ran more than 100000 iterations");
    assertUnresolved(quick("for i in range(10**9):\n    pass\n"), SetupField.INSTALL_REQUIRES, "range of 1000000000 items");
    assertUnresolved(quick("n = 0\nfor i in range(2000):\n    for j in range(2000):\n        n += 1\n"),
        SetupField.INSTALL_REQUIRES, "more than 2000000 evaluation steps");
  }

  @Test
  void deepRecursion() {
    assertUnresolved(quick("def f(n):\n    return f(n + 1)\nf(0)\n"), SetupField.INSTALL_REQUIRES,
        "calls nested deeper than 40 levels");
    assertUnresolved(quick("exec(open('setup.py').read())\n"), SetupField.INSTALL_REQUIRES,
        "exec() nested deeper than 8 levels");
  }

  @Test
  void catastrophicRegex() {
    assertUnresolved(quick("import re\nre.match(r'(.*a){12}b', 'a' * 30)\n"), SetupField.INSTALL_REQUIRES,
        "took more than 2000000 steps");
  }

  @Test
  void sourceEncodings() {
    byte[] latin1 = "# -*- coding: latin-1 -*-\nfrom setuptools import setup\nsetup(author='Jos\u00e9', install_requires=['a'])\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    SetupPyReader r = SetupPyReader.of(new MemorySourceTree(Map.of("setup.py", latin1), Map.of()));
    assertRequires(r.answer(key("38")), "a");
    byte[] noCookie = "from setuptools import setup\nsetup(author='Jos\u00e9', install_requires=['a'])\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    SetupPyReader bad = SetupPyReader.of(new MemorySourceTree(Map.of("setup.py", noCookie), Map.of()));
    assertRequires(bad.answer(key("27")), "a");
    assertFailed(bad.answer(key("38")), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 46: invalid "
        + "continuation byte");
    byte[] unknown = "# coding: klingon\nx = 1\n".getBytes(StandardCharsets.US_ASCII);
    assertFailed(SetupPyReader.of(new MemorySourceTree(Map.of("setup.py", unknown), Map.of())).answer(key("38")),
        "SyntaxError: unknown encoding: klingon");
  }
}
