package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.answer;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertFailed;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertUnresolved;
import static dev.pypidb.extract.setuppy.SetupPyTesting.known;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.SetupField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading files of the sdist from setup.py. */
class SetupFilesTest {
  private static final String REQS = "requests>=2.0\n# comment\n\nclick\n-e git+https://x/y#egg=y\n";

  @Test
  void readingARequirementsFileManyWays() {
    String[] forms = {
      "reqs = open('requirements.txt').read().splitlines()",
      "with open('requirements.txt') as f:\n    reqs = f.read().splitlines()",
      "import io\nreqs = io.open('requirements.txt', encoding='utf-8').readlines()",
      "import codecs\nwith codecs.open('requirements.txt', 'r', 'utf-8') as f:\n    reqs = [l for l in f]",
      "import os\nhere = os.path.abspath(os.path.dirname(__file__))\n"
          + "reqs = open(os.path.join(here, 'requirements.txt')).readlines()",
      "import os\nreqs = open(os.path.join(os.getcwd(), 'requirements.txt')).read().split('\\n')",
      "import pathlib\nreqs = (pathlib.Path(__file__).parent / 'requirements.txt').read_text().splitlines()",
      "from pathlib import Path\nHERE = Path(__file__).resolve().parent\nreqs = HERE.joinpath('requirements.txt').read_text(encoding='utf-8').splitlines()",
    };
    for (String form : forms) {
      MethodAnswer a = answer("38", "from setuptools import setup\n" + form + "\n"
          + "reqs = [r.strip() for r in reqs if r.strip() and not r.startswith(('#', '-'))]\n"
          + "setup(install_requires=reqs)\n", "requirements.txt", REQS);
      assertRequires(a, "requests>=2.0", "click");
    }
  }

  @Test
  void helperFunctionsThatReadFiles() {
    assertRequires(answer("38", """
        import os
        from setuptools import setup

        def read(*parts):
            with open(os.path.join(os.path.dirname(__file__), *parts)) as fp:
                return fp.read()

        def get_requirements(path):
            return [line for line in read(path).splitlines() if line and not line.startswith('#')]

        setup(install_requires=get_requirements('requirements/base.txt'))
        """, "requirements/base.txt", "a\n#x\nb==1\n"), "a", "b==1");
  }

  @Test
  void execOfAVersionFileInTheSdist() {
    MethodAnswer a = answer("38", """
        from setuptools import setup
        about = {}
        exec(open('demo/__about__.py').read(), about)
        ns = {}
        with open('demo/deps.py') as f:
            exec(f.read(), ns)
        setup(version=about['__version__'], install_requires=ns['DEPS'] + about['EXTRA'])
        """, "demo/__about__.py", "__version__ = '1.2'\nEXTRA = ['x']\n", "demo/deps.py",
        "import sys\nDEPS = ['a']\nif sys.version_info < (3, 8):\n    DEPS.append('importlib-metadata')\n");
    assertRequires(a, "a", "x");
    assertRequires(answer("37", """
        from setuptools import setup
        exec(open('demo/deps.py').read())
        setup(install_requires=DEPS)
        """, "demo/deps.py", "import sys\nDEPS = ['a']\nif sys.version_info < (3, 8):\n    DEPS.append('b')\n"),
        "a", "b");
  }

  @Test
  void importlibAndRunpyRunFilesOfTheSdist() {
    assertRequires(answer("38", """
        import importlib.util
        from setuptools import setup
        spec = importlib.util.spec_from_file_location('deps', 'demo/deps.py')
        deps = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(deps)
        setup(install_requires=deps.DEPS)
        """, "demo/deps.py", "DEPS = ['a']\n"), "a");
    assertRequires(answer("38", """
        import runpy
        from setuptools import setup
        setup(install_requires=runpy.run_path('demo/deps.py')['DEPS'])
        """, "demo/deps.py", "DEPS = ['b']\n"), "b");
  }

  @Test
  void missingFilesFailAsTheRealRunDid() {
    String setup = "from setuptools import setup\nsetup(install_requires=open('requirements.txt').read().splitlines())\n";
    assertFailed(answer("38", setup), "FileNotFoundError: [Errno 2] No such file or directory: 'requirements.txt'");
    assertFailed(answer("27", setup), "IOError: [Errno 2] No such file or directory: 'requirements.txt'");
    assertFailed(answer("310", """
        import os
        from setuptools import setup
        here = os.path.abspath(os.path.dirname(__file__))
        setup(install_requires=open(os.path.join(here, 'requirements', 'base.pip')).readlines())
        """), "FileNotFoundError: [Errno 2] No such file or directory: '/build/demo-1.0/requirements/base.pip'");
  }

  @Test
  void guardedMissingFilesAreNotFailures() {
    assertRequires(answer("38", """
        import os
        from setuptools import setup
        try:
            reqs = open('requirements.txt').read().splitlines()
        except IOError:
            reqs = ['fallback']
        if os.path.exists('extra.txt'):
            reqs.append('never')
        setup(install_requires=reqs)
        """), "fallback");
  }

  @Test
  void pathsOutsideTheSdistAreUnresolved() {
    assertUnresolved(answer("38", """
        from setuptools import setup
        setup(install_requires=open('../requirements.txt').read().splitlines())
        """), SetupField.INSTALL_REQUIRES, "outside the sdist");
    assertUnresolved(answer("38", """
        from setuptools import setup
        setup(install_requires=open('/etc/requirements.txt').read().splitlines())
        """), SetupField.INSTALL_REQUIRES, "'/etc/requirements.txt'");
  }

  @Test
  void filesTheArchiveReaderDidNotKeepAreUnknown() {
    MemorySourceTree tree = new MemorySourceTree(
        Map.of("setup.py", ("from setuptools import setup\n"
            + "setup(long_description=open('README.md').read(), install_requires=open('reqs.txt').readlines())\n")
            .getBytes(StandardCharsets.UTF_8)),
        Map.of("README.md", "is 5 MiB, over the 1 MiB limit", "reqs.txt", "is 2 MiB, over the 1 MiB limit"));
    assertUnresolved(SetupPyReader.of(tree).answer(SetupPyTesting.key("38")), SetupField.INSTALL_REQUIRES,
        "reqs.txt: is 2 MiB");
  }

  @Test
  void python2OpenHasNoEncodingArgument() {
    String setup = """
        from setuptools import setup
        with open('README.md', encoding='utf-8') as f:
            long_description = f.read()
        setup(install_requires=['a'])
        """;
    assertFailed(answer("27", setup, "README.md", "x"), "TypeError: 'encoding' is an invalid keyword argument for this function");
    assertRequires(answer("36", setup, "README.md", "x"), "a");
  }

  @Test
  void python35And36DecodeAsAsciiWithoutAnEncoding() {
    String setup = """
        from setuptools import setup
        long_description = open('README.rst').read()
        setup(install_requires=['a'])
        """;
    assertFailed(answer("36", setup, "README.rst", "caf\u00e9"),
        "UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3 in position 3: ordinal not in range(128)");
    assertRequires(answer("37", setup, "README.rst", "caf\u00e9"), "a");
    assertRequires(answer("27", setup, "README.rst", "caf\u00e9"), "a");
    assertRequires(answer("36", setup.replace("open('README.rst')", "open('README.rst', encoding='utf8')"),
        "README.rst", "caf\u00e9"), "a");
  }

  @Test
  void globAndListdirSeeTheSdist() {
    MethodAnswer a = answer("38", """
        import glob, os
        from setuptools import setup
        extras = {}
        for path in glob.glob('requirements/*.txt'):
            name = os.path.splitext(os.path.basename(path))[0]
            extras[name] = open(path).read().split()
        setup(extras_require=extras, install_requires=sorted(os.listdir('requirements')))
        """, "requirements/dev.txt", "black\nflake8\n", "requirements/docs.txt", "sphinx\n");
    assertEquals(Map.of("dev", List.of("black", "flake8"), "docs", List.of("sphinx")),
        known(a, SetupField.EXTRAS_REQUIRE).extras());
    assertRequires(a, "dev.txt", "docs.txt");
  }

  @Test
  void versionFromARegexOverAFile() {
    MethodAnswer a = answer("38", """
        import re
        from setuptools import setup
        text = open('demo/__init__.py').read()
        version = re.search(r"^__version__ = ['\\"]([^'\\"]*)['\\"]", text, re.M).group(1)
        reqs = re.findall(r"^(\\w[\\w.-]*)", open('reqs.txt').read(), re.MULTILINE)
        setup(version=version, install_requires=reqs, python_requires='>=' + version[:3])
        """, "demo/__init__.py", "__version__ = '3.7.1'\n", "reqs.txt", "alpha>=1\nbeta\n");
    assertRequires(a, "alpha", "beta");
    assertEquals(">=3.7", known(a, SetupField.PYTHON_REQUIRES).text());
  }

  @Test
  void chdirToTheSetupDirectory() {
    assertRequires(answer("38", """
        import os
        from setuptools import setup
        os.chdir(os.path.dirname(os.path.abspath(__file__)))
        setup(install_requires=open('r.txt').read().split())
        """, "r.txt", "a b"), "a", "b");
    assertFailed(answer("38", """
        import os
        os.chdir(os.path.dirname(__file__))
        """), "FileNotFoundError: [Errno 2] No such file or directory: ''");
  }

  @Test
  void jsonAndLiteralEvalOfFiles() {
    assertRequires(answer("38", """
        import json, ast
        from setuptools import setup
        meta = json.load(open('package.json'))
        extra = ast.literal_eval(open('extra.txt').read())
        setup(install_requires=meta['deps'] + list(extra))
        """, "package.json", "{\"deps\": [\"a\", \"b\"]}", "extra.txt", "('c',)"), "a", "b", "c");
  }

  @Test
  void execWithSeparateLocalsAndTheFileOfTheRunningCode() {
    assertRequires(answer("38", """
        import inspect, os
        from setuptools import setup
        here = os.path.join(os.getcwd(), os.path.dirname(inspect.getfile(inspect.currentframe())))
        _locals = {}
        with open(os.path.join(here, 'pkg/_version.py')) as fp:
            exec(fp.read(), None, _locals)
        setup(install_requires=['dep==' + _locals['__version__']])
        """, "pkg/_version.py", "__version_info__ = (2, 7, 2)\n__version__ = '.'.join(map(str, __version_info__))\n"),
        "dep==2.7.2");
  }
}
