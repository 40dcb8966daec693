package dev.pypidb.extract.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pypidb.extract.archive.KeepRule.Keep;
import org.junit.jupiter.api.Test;

class KeepRuleTest {

  private static void sdist(Keep expected, String... paths) {
    for (String p : paths) {
      assertEquals(expected, KeepRule.SDIST.classify(p), p);
    }
  }

  @Test
  void sdistRule() {
    sdist(Keep.DEPENDENCY_FILE, "PKG-INFO", "setup.py", "setup.cfg", "pyproject.toml", "requirements.txt",
        "MANIFEST.in", "tox.ini", "Pipfile", "Pipfile.lock", "VERSION", "conf.py", "x.egg-info/requires.txt",
        "x.egg-info/PKG-INFO", "src/x.egg-info/requires.txt", "src/x.egg-info/SOURCES.txt",
        "requirements/base.txt", "requirements/ci/test.txt", "reqs/dev.pip", "requirements/base.in");
    sdist(Keep.MODULE, "pkg/__init__.py", "src/pkg/version.py", "pkg/_version.py");
    sdist(Keep.NO, "README.rst", "LICENSE", "pkg/data.json", "a/b/c/req.txt", "src/pkg/sub/x.py",
        "a/b/x.egg-info/requires.txt", "x.egg-info/sub/file.txt", "dist/x-1.0.tar.gz", "vendor/y.whl",
        "docs/img.png", "pkg/PKG-INFO");
  }

  @Test
  void eggRule() {
    assertEquals(Keep.DEPENDENCY_FILE, KeepRule.EGG.classify("EGG-INFO/requires.txt"));
    assertEquals(Keep.DEPENDENCY_FILE, KeepRule.EGG.classify("EGG-INFO/PKG-INFO"));
    assertEquals(Keep.NO, KeepRule.EGG.classify("EGG-INFO/scripts/run.py"));
    assertEquals(Keep.NO, KeepRule.EGG.classify("pkg/__init__.py"));
    assertEquals(Keep.NO, KeepRule.EGG.classify("setup.py"));
  }
}
