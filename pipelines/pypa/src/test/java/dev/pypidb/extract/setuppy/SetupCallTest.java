package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.answer;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertUnresolved;
import static dev.pypidb.extract.setuppy.SetupPyTesting.known;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.SetupField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding the setup() call and reading its keywords. */
class SetupCallTest {

  @Test
  void literalKeywords() {
    MethodAnswer a = answer("38", """
        from setuptools import setup
        setup(
            name='demo',
            install_requires=['requests>=2', 'six'],
            setup_requires=('wheel',),
            tests_require=['pytest'],
            extras_require={'dev': ['black'], 'test:python_version<"3.8"': ['mock']},
            python_requires='>=3.6',
        )
        """);
    assertEquals(Method.SETUP_PY, a.method());
    assertRequires(a, "requests>=2", "six");
    assertEquals(List.of("wheel"), known(a, SetupField.SETUP_REQUIRES).strings());
    assertEquals(List.of("pytest"), known(a, SetupField.TESTS_REQUIRE).strings());
    assertEquals(Map.of("dev", List.of("black"), "test:python_version<\"3.8\"", List.of("mock")),
        known(a, SetupField.EXTRAS_REQUIRE).extras());
    assertEquals(">=3.6", known(a, SetupField.PYTHON_REQUIRES).text());
  }

  @Test
  void keywordsNotGivenAreAbsent() {
    MethodAnswer a = answer("38", "from setuptools import setup\nsetup(name='x', install_requires=[])\n");
    assertEquals(List.of(SetupField.INSTALL_REQUIRES), List.copyOf(a.fields().keySet()));
    assertEquals(List.of(), known(a, SetupField.INSTALL_REQUIRES).strings());
    assertFalse(answer("38", "from setuptools import setup\nsetup(install_requires=None)\n").fields()
        .containsKey(SetupField.INSTALL_REQUIRES));
  }

  @Test
  void setupUnderItsManyNames() {
    assertRequires(answer("38", "import setuptools\nsetuptools.setup(install_requires=['a'])\n"), "a");
    assertRequires(answer("27", "from distutils.core import setup\nsetup(install_requires=['a'])\n"), "a");
    assertRequires(answer("38", "from setuptools import setup as s\ns(install_requires=['a'])\n"), "a");
    assertRequires(answer("38", "import setuptools as st\nst.setup(install_requires=['a'])\n"), "a");
    assertRequires(answer("38", "import distutils.core\ndistutils.core.setup(install_requires=['a'])\n"), "a");
    assertRequires(answer("38", """
        try:
            from setuptools import setup
        except ImportError:
            from distutils.core import setup
        setup(install_requires=['a'])
        """), "a");
    // The crawler's shim had imported setuptools into setup.py's namespace.
    assertRequires(answer("38", "setuptools.setup(install_requires=['a'])\n"), "a");
  }

  @Test
  void setupInMainGuardAndFunctions() {
    assertRequires(answer("38", """
        from setuptools import setup
        def main():
            reqs = ['a']
            setup(install_requires=reqs + ['b'])
        if __name__ == "__main__":
            main()
        """), "a", "b");
    assertRequires(answer("38", """
        from setuptools import setup
        def setup_package(**extra):
            setup(install_requires=['x'], **extra)
        setup_package(name='n')
        """), "x");
  }

  @Test
  void kwargsFromADictBuiltAtModuleLevel() {
    assertRequires(answer("38", """
        from setuptools import setup
        setup_kwargs = {
            'name': 'demo',
            'install_requires': ['a', 'b'],
        }
        setup_kwargs['install_requires'].append('c')
        setup(**setup_kwargs)
        """), "a", "b", "c");
    MethodAnswer a = answer("38", """
        from setuptools import setup
        metadata = dict(name='demo', python_requires='>=3.7')
        metadata.update(install_requires=['x'])
        setup(**metadata, extras_require={'y': ['z']})
        """);
    assertRequires(a, "x");
    assertEquals(">=3.7", known(a, SetupField.PYTHON_REQUIRES).text());
    assertEquals(Map.of("y", List.of("z")), known(a, SetupField.EXTRAS_REQUIRE).extras());
  }

  @Test
  void firstSetupCallWins() {
    assertRequires(answer("38", """
        from setuptools import setup
        setup(install_requires=['first'])
        setup(install_requires=['second'])
        raise SystemExit('never reached')
        """), "first");
  }

  @Test
  void singleStringRequirementsAreSplitAsPkgResourcesDoes() {
    MethodAnswer a = answer("38", """
        from setuptools import setup
        setup(install_requires='''
            # a comment
            requests>=2  # why
            six

            click; python_version < "3.8"
            long-name \\\\
            >=1.0
        ''', extras_require={'x': 'a\\nb'})
        """);
    assertRequires(a, "requests>=2", "six", "click; python_version < \"3.8\"", "long-name>=1.0");
    assertEquals(Map.of("x", List.of("a", "b")), known(a, SetupField.EXTRAS_REQUIRE).extras());
  }

  @Test
  void markersStayInRequirements() {
    assertRequires(answer("27", """
        from setuptools import setup
        setup(install_requires=['enum34; python_version<"3.4"', 'futures ; python_version == "2.7"'])
        """), "enum34; python_version<\"3.4\"", "futures ; python_version == \"2.7\"");
  }

  @Test
  void noSetupCall() {
    MethodAnswer a = answer("38", "import os\nprint('nothing here')\n");
    for (SetupField f : SetupField.values()) {
      assertUnresolved(a, f, "ends without calling setup()");
    }
  }

  @Test
  void setupWrappersOfUninstalledModulesAreNamed() {
    assertUnresolved(answer("38", """
        from numpy.distutils.core import setup
        setup(install_requires=['a'])
        """), SetupField.INSTALL_REQUIRES, "it may call it through the call at line 2 of something unknown (name 'setup' "
        + "comes from module 'numpy.distutils.core'");
  }

  @Test
  void unknownKwargsMakeTheOthersUnresolved() {
    MethodAnswer a = answer("38", """
        from setuptools import setup
        from mypkg.meta import info
        setup(install_requires=['a'], **info)
        """);
    assertRequires(a, "a");
    assertUnresolved(a, SetupField.PYTHON_REQUIRES, "name 'info' comes from module 'mypkg.meta'");
    assertUnresolved(a, SetupField.EXTRAS_REQUIRE, "also receives keywords that are unknown");
  }

  @Test
  void irrelevantUnknownsDoNotSpoilTheAnswer() {
    MethodAnswer a = answer("38", """
        from setuptools import setup, find_packages
        from setuptools.command.test import test as TestCommand
        import versioneer
        from mypkg import __version__
        class PyTest(TestCommand):
            def run_tests(self):
                import pytest
                pytest.main(self.args)
        setup(
            name='demo',
            version=__version__,
            cmdclass=dict(versioneer.get_cmdclass(), test=PyTest),
            long_description=open('README.rst').read(),
            packages=find_packages(exclude=['tests']),
            ext_modules=[],
            install_requires=['a'],
        )
        """, "README.rst", "Hello \u00e9", "mypkg/__init__.py", "__version__ = '1'");
    assertRequires(a, "a");
    assertEquals(List.of(SetupField.INSTALL_REQUIRES), List.copyOf(a.fields().keySet()));
  }

  @Test
  void nonStringRequirementsAreUnresolved() {
    assertUnresolved(answer("38", "from setuptools import setup\nsetup(install_requires=[1])\n"),
        SetupField.INSTALL_REQUIRES, "item 0 is a int");
    assertUnresolved(answer("38", "from setuptools import setup\nsetup(python_requires=3)\n"),
        SetupField.PYTHON_REQUIRES, "is a int");
    assertUnresolved(answer("38", "from setuptools import setup\nsetup(extras_require=['a'])\n"),
        SetupField.EXTRAS_REQUIRE, "not a dict");
  }

  @Test
  void answersAreCachedPerKey() {
    SetupPyReader r = SetupPyTesting.reader("from setuptools import setup\nsetup(install_requires=['a'])\n");
    assertSame(r.answer(SetupPyTesting.key("38")), r.answer(SetupPyTesting.key("38")));
  }

  @Test
  void noSetupPyNoReader() {
    assertNull(SetupPyReader.of(MemorySourceTree.ofText("pyproject.toml", "")));
    assertNull(SetupPyReader.of(MemorySourceTree.ofText("sub/setup.py", "")));
  }

  @Test
  void unreadableSetupPy() {
    MemorySourceTree tree = new MemorySourceTree(Map.of(), Map.of("setup.py", "is a symbolic link to ../x"));
    assertUnresolved(SetupPyReader.of(tree).answer(SetupPyTesting.key("38")), SetupField.INSTALL_REQUIRES,
        "is a symbolic link");
  }
}
