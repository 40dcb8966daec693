package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.answer;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertFailed;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.installRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pypidb.extract.PythonKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Branches taken per Python key, and failures the crawler recorded for some keys. */
class SetupVersionsTest {

  /** install_requires for each key of PythonKey.ALL, joined: "27=a,b 35=a ...". */
  private static String perKey(String setupPy, String... files) {
    SetupPyReader r = reader(setupPy, files);
    List<String> out = new ArrayList<>();
    for (PythonKey k : PythonKey.ALL) {
      var a = r.answer(k);
      out.add(k.key() + "=" + (a.error() != null ? "!" + a.error() : String.join(",", installRequires(a))));
    }
    return String.join(" ", out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sys.version_info < (3, 0)|27",
      "sys.version_info[0] == 2|27",
      "sys.version_info.major < 3|27",
      "sys.version_info[:2] < (3, 7)|27 35 36",
      "sys.version_info >= (3, 8, 0)|38 39 310 311 312 313 314",
      "sys.version_info > (3, 10)|310 311 312 313 314",
      "sys.version.startswith('2.')|27",
      "sys.version[0] == '3'|35 36 37 38 39 310 311 312 313 314",
      "sys.version < '3.6'|27 35 310 311 312 313 314",
      "sys.version[:3] >= '3.5'|35 36 37 38 39",
      "sys.hexversion < 0x03060000|27 35",
      "platform.python_version() < '3.9'|27 35 36 37 38 310 311 312 313 314",
      "platform.python_version_tuple()[1] == '7'|27 37",
      "PY2|27",
      "not PY3|27",
      "six.PY2|27",
      "sys.platform.startswith('linux')|27 35 36 37 38 39 310 311 312 313 314",
      "sys.platform == 'win32' or os.name == 'nt' or platform.system() == 'Windows'|",
  })
  void versionConditions(String condition, String keysWithExtra) {
    String setup = """
        import sys, os, platform
        import six
        from setuptools import setup
        PY2 = sys.version_info[0] == 2
        PY3 = sys.version_info >= (3,)
        reqs = ['base']
        if %s:
            reqs.append('extra')
        setup(install_requires=reqs)
        """.formatted(condition);
    SetupPyReader r = reader(setup);
    List<String> got = new ArrayList<>();
    for (PythonKey k : PythonKey.ALL) {
      if (installRequires(r.answer(k)).contains("extra")) {
        got.add(k.key());
      }
    }
    assertEquals(keysWithExtra == null ? "" : keysWithExtra, String.join(" ", got));
  }

  @Test
  void stdlibModulesPerVersion() {
    assertEquals("27=backport 35=std 36=std 37=std 38=std 39=std 310=std 311=std 312=std 313=std 314=std",
        perKey("""
            from setuptools import setup
            try:
                import pathlib
                reqs = ['std']
            except ImportError:
                reqs = ['backport']
            setup(install_requires=reqs)
            """));
    assertEquals("27=b 35=b 36=b 37=b 38=m 39=m 310=m 311=m 312=m 313=m 314=m", perKey("""
        from setuptools import setup
        try:
            from importlib import metadata
            r = 'm'
        except ImportError:
            r = 'b'
        setup(install_requires=[r])
        """));
    // Evaluating the first except clause fails where ModuleNotFoundError does not exist yet, as in CPython.
    assertEquals("27=!NameError: name 'ModuleNotFoundError' is not defined 35=!NameError: name 'ModuleNotFoundError'"
        + " is not defined 36=t 37=t 38=t 39=t 310=t 311=l 312=l 313=l 314=l", perKey("""
        from setuptools import setup
        try:
            import tomllib
            r = 'l'
        except ModuleNotFoundError:
            r = 't'
        except ImportError:
            r = 't'
        setup(install_requires=[r])
        """));
  }

  @Test
  void guardedThirdPartyImportsFailAsTheyDidForTheCrawler() {
    assertRequires(answer("38", """
        from setuptools import setup
        try:
            import pypandoc
            long_description = pypandoc.convert_file('README.md', 'rst')
            reqs = ['with-pandoc']
        except (IOError, ImportError):
            reqs = ['plain']
        setup(install_requires=reqs)
        """), "plain");
  }

  @Test
  void exitsForSomeVersions() {
    assertEquals("27=!Sorry, Python < 3.7 is not supported 35=!Sorry, Python < 3.7 is not supported "
        + "36=!Sorry, Python < 3.7 is not supported 37=a 38=a 39=a 310=a 311=a 312=a 313=a 314=a", perKey("""
            import sys
            from setuptools import setup
            if sys.version_info < (3, 7):
                sys.exit("Sorry, Python < 3.7 is not supported")
            setup(install_requires=['a'])
            """));
    assertFailed(answer("27", """
        import sys
        from setuptools import setup
        if sys.version_info[0] < 3:
            raise RuntimeError('Python 3 only')
        setup(install_requires=['a'])
        """), "RuntimeError: Python 3 only");
    assertFailed(answer("36", """
        import sys
        print('This package needs Python 3.8')
        if sys.version_info < (3, 8):
            sys.exit(1)
        """), "This package needs Python 3.8");
  }

  @Test
  void syntaxOfOneLineFailsTheOther() {
    String fstring = "from setuptools import setup\nname = 'a'\nsetup(install_requires=[f'{name}>=1'])\n";
    assertFailed(answer("27", fstring), "SyntaxError: invalid syntax (setup.py, line 3)");
    assertFailed(answer("35", fstring), "SyntaxError: invalid syntax (setup.py, line 3)");
    assertRequires(answer("36", fstring), "a>=1");
    String py2 = "from setuptools import setup\nprint 'building'\nsetup(install_requires=['a'])\n";
    assertRequires(answer("27", py2), "a");
    assertFailed(answer("38", py2),
        "SyntaxError: Missing parentheses in call to 'print'. Did you mean print('building')? (setup.py, line 2)");
    String walrus = "from setuptools import setup\nif (n := 1):\n    pass\nsetup(install_requires=['a'])\n";
    assertFailed(answer("37", walrus), "SyntaxError: invalid syntax (setup.py, line 2)");
    assertRequires(answer("38", walrus), "a");
  }

  @Test
  void python2PrintShiftFailsOnlyWhenRunOnPython3() {
    String setup = "import sys\nfrom setuptools import setup\nprint >>sys.stderr, 'hi'\nsetup(install_requires=['a'])\n";
    assertRequires(answer("27", setup), "a");
    assertFailed(answer("38", setup),
        "TypeError: unsupported operand type(s) for >>: 'builtin_function_or_method' and '_io.TextIOWrapper'. "
        + "Did you mean \"print(<message>, file=<output_stream>)\"?");
  }

  @Test
  void python2Semantics() {
    assertRequires(answer("27", """
        from setuptools import setup
        reqs = []
        if isinstance('x', basestring) and 7 / 2 == 3:
            reqs.append('py2-division')
        for k, v in {'a': 1}.iteritems():
            reqs.append(k)
        setup(install_requires=reqs)
        """), "py2-division", "a");
    assertFailed(answer("38", "x = basestring\n"), "NameError: name 'basestring' is not defined");
  }

  @Test
  void missingStdlibModuleFailsEvenUnguarded() {
    assertFailed(answer("27", "import pathlib\nfrom setuptools import setup\nsetup()\n"),
        "ImportError: No module named pathlib");
    assertFailed(answer("35", "import typing_extensions, secrets\n"), "ImportError: No module named 'secrets'");
    assertFailed(answer("36", "import dataclasses\n"), "ModuleNotFoundError: No module named 'dataclasses'");
  }

  @Test
  void matchStatementsFailOlderPythonsAndAreUnresolvedAfter() {
    String setup = "from setuptools import setup\nmatch 1:\n    case 1:\n        pass\nsetup(install_requires=['a'])\n";
    assertFailed(answer("39", setup), "SyntaxError: invalid syntax (setup.py, line 2)");
    SetupPyTesting.assertUnresolved(answer("310", setup), dev.pypidb.extract.SetupField.INSTALL_REQUIRES,
        "match statement");
  }

  @Test
  void python3IteratorsAndViewsAreNotLists() {
    String setup = "from setuptools import setup\nr = filter(None, ['a', ''])\nr.append('b')\nsetup(install_requires=r)\n";
    assertRequires(answer("27", setup), "a", "b");
    assertFailed(answer("38", setup), "AttributeError: 'filter' object has no attribute 'append'");
    String keys = "from setuptools import setup\nd = {'a': 1}\nsetup(install_requires=[d.keys()[0]])\n";
    assertRequires(answer("27", keys), "a");
    assertFailed(answer("36", keys), "TypeError: 'dict_keys' object does not support indexing");
    assertFailed(answer("37", keys), "TypeError: 'dict_keys' object is not subscriptable");
    assertRequires(answer("38", """
        from setuptools import setup
        g = (x for x in ['a'])
        first, again = list(g), list(g)
        setup(install_requires=first + again + list(map(str.upper, ['b'])) + [next(iter(['c']))])
        """), "a", "B", "c");
  }
}
