package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.answer;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertFailed;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertRequires;
import static dev.pypidb.extract.setuppy.SetupPyTesting.assertUnresolved;
import static dev.pypidb.extract.setuppy.SetupPyTesting.known;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.SetupField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building requirement values, and what stays unresolved. */
class SetupValuesTest {

  private static MethodAnswer run(String body) {
    return answer("38", "from setuptools import setup\n" + body);
  }

  @Test
  void listBuilding() {
    assertRequires(run("""
        reqs = ['a']
        reqs.append('b')
        reqs.extend(('c', 'd'))
        reqs.insert(0, 'z')
        reqs += ['e']
        reqs = reqs + list(['f'])
        reqs.remove('d')
        reqs[1] = 'A'
        del reqs[-1]
        setup(install_requires=reqs)
        """), "z", "A", "b", "c", "e");
  }

  @Test
  void dictBuilding() {
    MethodAnswer a = run("""
        extras = {'a': ['x']}
        extras['b'] = ['y']
        extras.update({'c': ['z']}, d=['w'])
        extras.setdefault('a', []).append('x2')
        extras['all'] = sorted(set(sum(extras.values(), [])))
        extras2 = dict(extras, e=[])
        del extras2['e']
        setup(extras_require=extras2)
        """);
    assertEquals(Map.of("a", List.of("x", "x2"), "b", List.of("y"), "c", List.of("z"), "d", List.of("w"),
        "all", List.of("w", "x", "x2", "y", "z")), known(a, SetupField.EXTRAS_REQUIRE).extras());
  }

  @Test
  void defaultdictForExtras() {
    MethodAnswer a = run("""
        from collections import defaultdict
        extras = defaultdict(list)
        for name, extra in [('a', 'x'), ('b', 'y'), ('a', 'z')]:
            extras[extra].append(name)
        setup(extras_require=dict(extras))
        """);
    assertEquals(Map.of("x", List.of("a"), "y", List.of("b"), "z", List.of("a")), known(a, SetupField.EXTRAS_REQUIRE).extras());
  }

  @Test
  void comprehensionsMapFilterSorted() {
    assertRequires(run("""
        pins = {'b': '2', 'a': '1', 'c': None}
        reqs = [f'{k}=={v}' for k, v in sorted(pins.items()) if v]
        reqs += list(map(str.strip, [' d ', 'e ']))
        reqs += list(filter(None, ['', 'f']))
        reqs += sorted({x.upper() for x in ['h', 'g']}, reverse=True)
        reqs += [y for x in [['i'], ['j']] for y in x]
        setup(install_requires=reqs)
        """), "a==1", "b==2", "d", "e", "f", "H", "G", "i", "j");
  }

  @Test
  void stringMethodsAndFormatting() {
    assertRequires(run("""
        name = 'Pkg'
        v = (1, 2)
        reqs = [
            '%s>=%d.%d' % (name.lower(), v[0], v[1]),
            '{0}[{extra}]>={1}'.format('other', '2.0', extra='x'),
            ' , '.join(['a', 'b']).replace(' ', ''),
            'X-Y'.split('-')[1].lower() + '<' + str(3 * 2),
            'line1\\nline2'.splitlines()[-1].strip().title(),
            '%(n)s==%(v)s' % {'n': 'dictfmt', 'v': '1'},
            'prefix-rest'.partition('-')[2] if 'prefix-rest'.startswith('pre') else 'no',
            f"{'fmt':*>5}|{3.14159:.2f}|{42:04d}|{1000000:,}",
        ]
        setup(install_requires=reqs)
        """), "pkg>=1.2", "other[x]>=2.0", "a,b", "y<6", "Line2", "dictfmt==1", "rest", "**fmt|3.14|0042|1,000,000");
  }

  @Test
  void userFunctionsAndClasses() {
    assertRequires(run("""
        def pin(name, version=None, *extras, **markers):
            spec = name
            if extras:
                spec += '[' + ','.join(extras) + ']'
            if version:
                spec += '==' + version
            for k, v in sorted(markers.items()):
                spec += '; %s == "%s"' % (k, v)
            return spec

        class Deps(object):
            base = ['a']
            def __init__(self, more):
                self.more = more
            def all(self):
                return self.base + self.more
            @staticmethod
            def one():
                return 'one'

        fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
        setup(install_requires=Deps([pin('b', '1.0', 'x'), pin('c', python_version='3.8')]).all()
              + [Deps.one(), 'n' + str(fact(5))])
        """), "a", "b[x]==1.0", "c; python_version == \"3.8\"", "one", "n120");
  }

  @Test
  void generatorsAreCollected() {
    assertRequires(run("""
        def reqs():
            for r in ['a', 'b']:
                yield r
            yield from ['c']
        setup(install_requires=list(reqs()))
        """), "a", "b", "c");
  }

  @Test
  void thirdPartyNamesAreUnresolvedWithTheirOrigin() {
    assertUnresolved(run("""
        from mypkg.deps import REQS
        setup(install_requires=REQS)
        """), SetupField.INSTALL_REQUIRES, "name 'REQS' comes from module 'mypkg.deps'");
    assertUnresolved(run("""
        import numpy
        setup(install_requires=['numpy>=' + numpy.__version__])
        """), SetupField.INSTALL_REQUIRES, "module 'numpy' is not part of the standard library");
  }

  @Test
  void processesAreNeverRun() {
    assertUnresolved(run("""
        import subprocess
        def get_requirements():
            out = subprocess.check_output(['pip', 'freeze'])
            return out.decode().splitlines()
        setup(install_requires=get_requirements())
        """), SetupField.INSTALL_REQUIRES, "subprocess.check_output");
    assertUnresolved(run("""
        import os
        setup(install_requires=os.popen('cat reqs').read().split())
        """), SetupField.INSTALL_REQUIRES, "os.popen() runs a process");
  }

  @Test
  void unknownConditionsMakeWhatTheyChangeUnknown() {
    MethodAnswer a = run("""
        import os
        from mypkg import FEATURE
        reqs = ['a']
        extras = {'x': ['y']}
        if FEATURE:
            reqs.append('b')
        setup(install_requires=reqs, extras_require=extras)
        """);
    assertUnresolved(a, SetupField.INSTALL_REQUIRES, "the condition at line 6 is unknown (name 'FEATURE' comes from");
    assertEquals(Map.of("x", List.of("y")), known(a, SetupField.EXTRAS_REQUIRE).extras());
    assertUnresolved(run("""
        from mypkg import FEATURE
        if FEATURE:
            setup(install_requires=['a'])
        else:
            setup(install_requires=['b'])
        """), SetupField.INSTALL_REQUIRES, "setup() at line 4 may or may not be called");
    assertUnresolved(run("""
        from mypkg import check
        if not check():
            raise SystemExit('unsupported')
        setup(install_requires=['a'])
        """), SetupField.INSTALL_REQUIRES, "setup.py may stop at line 4");
  }

  @Test
  void environmentIsACleanBuild() {
    assertRequires(run("""
        import os
        reqs = ['a']
        if os.environ.get('READTHEDOCS') or os.getenv('CI', ''):
            reqs = []
        if 'HOME' in os.environ:
            reqs.append('home')
        setup(install_requires=reqs)
        """), "a", "home");
    assertFailed(answer("38", "import os\nv = os.environ['VERSION']\n"), "KeyError: 'VERSION'");
    assertUnresolved(run("import os\nsetup(install_requires=[os.environ['PATH']])\n"), SetupField.INSTALL_REQUIRES,
        "environment variable PATH");
  }

  @Test
  void argvIsInstall() {
    assertRequires(run("""
        import sys
        reqs = ['a']
        if 'test' in sys.argv or sys.argv[-1] == 'publish':
            reqs.append('never')
        if sys.argv[1] == 'install':
            reqs.append('install')
        setup(install_requires=reqs)
        """), "a", "install");
  }

  @Test
  void pythonExceptionsAreCaught() {
    assertRequires(run("""
        reqs = []
        try:
            {}['missing']
        except KeyError as e:
            reqs.append('key:' + str(e))
        try:
            int('x')
        except (TypeError, ValueError):
            reqs.append('value')
        try:
            raise RuntimeError('boom')
        except Exception as e:
            reqs.append(e.args[0])
        finally:
            reqs.append('finally')
        setup(install_requires=reqs)
        """), "key:'missing'", "value", "boom", "finally");
  }

  @Test
  void assignmentToolsWork() {
    assertRequires(run("""
        a, (b, *c) = 'x', ['y', 'z', 'w']
        first, second = 'p q'.split()
        n = 0
        while n < 3:
            n += 1
            if n == 2:
                continue
            c.append(str(n))
        else:
            c.append('else')
        setup(install_requires=[a, b, first, second] + c)
        """), "x", "y", "p", "q", "z", "w", "1", "3", "else");
  }

  @Test
  void anUnknownBreakMakesTheWholeLoopUnknown() {
    MethodAnswer a = run("""
        import os, sys
        from distutils.sysconfig import get_python_lib
        overlay = False
        found = []
        if 'install' in sys.argv:
            for lib_path in [get_python_lib()]:
                found.append(lib_path)
                if os.path.exists(os.path.join(lib_path, 'pkg')):
                    overlay = True
                    break
        setup(install_requires=['a'], extras_require={'x': ['y'] if overlay else []})
        """);
    assertRequires(a, "a");
    assertUnresolved(a, SetupField.EXTRAS_REQUIRE, "get_python_lib");
  }

  @Test
  void sortingUnknownValuesLeavesTheListUnknown() {
    assertUnresolved(run("""
        from mypkg import extra
        reqs = ['b', extra]
        reqs.sort()
        setup(install_requires=reqs)
        """), SetupField.INSTALL_REQUIRES, "name 'extra' comes from module 'mypkg'");
  }
}
