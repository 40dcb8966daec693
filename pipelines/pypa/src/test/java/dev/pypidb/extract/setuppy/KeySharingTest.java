package dev.pypidb.extract.setuppy;

import static dev.pypidb.extract.setuppy.SetupPyTesting.assertSharedAsPerKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.SdistExtractor;
import dev.pypidb.extract.archive.ArchiveKind;
import dev.pypidb.extract.archive.ArchiveLimits;
import dev.pypidb.extract.archive.SdistArchive;
import dev.pypidb.extract.archive.SdistContents;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Key sharing gives the answers of evaluating setup.py for each key, exactly: {@link
 * SetupPyReader#of} (one evaluation for all the keys that answer its questions alike) against
 * {@link SetupPyReader#perKey} (one evaluation per key), for every key, over the differential
 * cases, generated setup.py files and, when {@code -Dpypidb.keySharing.archives=DIR[:DIR...]}
 * names them, every sdist under those directories (the shared corpus, {@code pypidb generate
 * --archives} output). The evaluator tests check every setup.py they use the same way
 * ({@link SetupPyTesting#reader}).
 */
class KeySharingTest {

  /** A setup.py that never looks at its Python is evaluated once; one that does, once per answer. */
  @Test
  void evaluationsFollowWhatSetupPyAsks() {
    String s = "from setuptools import setup\n";
    assertEquals(1, evaluations(s + "setup(install_requires=['a'])\n"));
    assertEquals(1, evaluations(s + "import os\nhere = os.path.abspath(os.path.dirname(__file__))\n"
        + "setup(install_requires=open(os.path.join(here, 'requirements.txt')).read().splitlines())\n"));
    assertEquals(2, evaluations(s + "import sys\nsetup(install_requires=['a'] if sys.version_info >= (3, 8) else [])\n"));
    assertEquals(2, evaluations(s + "import sys\nsetup(install_requires=['py%d' % sys.version_info[0]])\n"));
    assertEquals(3, evaluations(s + "import sys\nif sys.version_info[:2] < (3, 7):\n    sys.exit('old')\n"
        + "setup(install_requires=['b'] if sys.version_info < (3, 10) else [])\n"));
    // Python 2 reads bytes, 3.5 and 3.6 fail to decode them as ASCII, 3.7 and later read UTF-8.
    assertEquals(3, evaluations(s + "text = open('README.rst').read()\nsetup(install_requires=['a'])\n"));
    assertEquals(11, evaluations(s + "import platform\nsetup(install_requires=[platform.python_version()])\n"));
  }

  private static int evaluations(String setupPy) {
    return assertSharedAsPerKey(tree(setupPy), "demo-1.0");
  }

  private static MemorySourceTree tree(String setupPy) {
    return MemorySourceTree.ofText("setup.py", setupPy, "requirements.txt", "requests>=2\nclick\n",
        "README.md", "hello\n", "README.rst", "caf\u00e9\n", "crlf.txt", "a\r\nb\r\n");
  }

  /** The hand-written cases of scripts/setuppy-differential/cases.py (run with python3). */
  @Test
  void differentialCases() throws Exception {
    Path script = Path.of("../../scripts/setuppy-differential/cases.py");
    assumeTrue(Files.isRegularFile(script), "no " + script);
    Process p;
    try {
      p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(false).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 cannot be run: " + e.getMessage());
      return;
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 cases.py failed");
    JsonNode input = new ObjectMapper().readTree(out);
    Map<String, byte[]> common = new TreeMap<>();
    input.get("files").fields().forEachRemaining(f -> common.put(f.getKey(), utf8(f.getValue().asText())));
    int cases = 0;
    for (var it = input.get("cases").fields(); it.hasNext(); ) {
      var c = it.next();
      Map<String, byte[]> files = new TreeMap<>(common);
      files.put("setup.py", utf8(c.getValue().asText()));
      assertSharedAsPerKey(new MemorySourceTree(files, Map.of()), c.getKey());
      cases++;
    }
    assertTrue(cases > 100, cases + " cases");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Setup.py files made of random pieces that each look at the Python in their own way. */
  @Test
  void generatedSetupPys() {
    SplittableRandom random = new SplittableRandom(20240613);
    int shared = 0;
    for (int n = 0; n < 400; n++) {
      StringBuilder py = new StringBuilder("from setuptools import setup\nimport sys, os, io, codecs, platform\n"
          + "deps = []\nextras = {}\n");
      int pieces = 1 + random.nextInt(5);
      for (int k = 0; k < pieces; k++) {
        py.append(PIECES[random.nextInt(PIECES.length)].replace("{m}", String.valueOf(4 + random.nextInt(11))));
      }
      py.append("setup(name='generated', install_requires=deps, extras_require=extras)\n");
      if (assertSharedAsPerKey(tree(py.toString()), "generated-" + n) < 11) {
        shared++;
      }
    }
    assertTrue(shared > 200, shared + " of 400 generated setup.py files shared an evaluation");
  }

  private static final String[] PIECES = {
    "if sys.version_info < (3, {m}):\n    deps.append('old{m}')\n",
    "if sys.version_info >= (3,):\n    deps.append('py3')\n",
    "if sys.version_info[0] == 2:\n    deps.append('py2')\n",
    "if sys.version_info[:2] <= (3, {m}):\n    extras['old'] = ['x{m}']\n",
    "deps.append('major%d' % sys.version_info.major)\n",
    "if (sys.version_info.major, sys.version_info.minor) > (3, {m}):\n    deps.append('new')\n",
    "if sys.hexversion >= 0x30{m}0000:\n    deps.append('hex')\n",
    "if platform.python_version().startswith('3.1'):\n    deps.append('3.1x')\n",
    "PY2 = sys.version_info[0] == 2\nif PY2:\n    deps.append('futures')\n",
    "deps.append(sys.platform)\n",
    "deps.append(sys.version[:3])\n",
    "if sys.version_info < (3, 6):\n    sys.exit('Python 3.6+ required')\n",
    "try:\n    import tomllib\nexcept ImportError:\n    deps.append('tomli')\n",
    "try:\n    import importlib.metadata\nexcept ImportError:\n    deps.append('importlib-metadata')\n",
    "try:\n    from pathlib import Path\nexcept ImportError:\n    deps.append('pathlib2')\n",
    "try:\n    import ConfigParser\nexcept ImportError:\n    deps.append('configparser')\n",
    "try:\n    import dataclasses\nexcept ModuleNotFoundError:\n    deps.append('dataclasses')\n",
    "from distutils.cmd import Command\n",
    "with open('requirements.txt') as f:\n    deps += [l.strip() for l in f if l.strip()]\n",
    "deps += open('requirements.txt').read().splitlines()\n",
    "deps += io.open('requirements.txt', encoding='utf-8').read().split()\n",
    "long_description = open('README.md').read()\n",
    "long_description = open('README.rst').read()\n",
    "long_description = io.open('README.rst').read()\n",
    "deps += codecs.open('requirements.txt', 'r', 'utf-8').read().split()\n",
    "deps.append(str(len(open('crlf.txt').read())))\n",
    "deps.append(str(len(open('crlf.txt', 'U').read())))\n",
    "deps.append(type(open('README.rst', 'rb').read()).__name__)\n",
    "long_description = open('missing.txt').read()\n",
    "try:\n    open('missing.txt')\nexcept IOError as e:\n    deps.append(str(e))\n",
    "try:\n    raise IOError('x')\nexcept OSError:\n    deps.append('caught')\n",
    "deps.append(type(1).__name__)\n",
    "deps.append(str(isinstance('a', str)))\n",
    "deps = list(map(str.strip, deps))\n",
    "for k, v in {'a': 1}.items():\n    deps.append(k)\n",
    "deps.append(str(1 / 2))\n",
    "deps.append(repr(u'x'))\n",
    "deps.append(oct(8))\n",
    "deps.append(str(round(2.5)))\n",
    "x = [i for i in range(3)]\ndeps.append(str(i))\n",
    "try:\n    unicode\n    deps.append('unicode')\nexcept NameError:\n    pass\n",
    "print 'building'\n",
    "print('building')\n",
    "exec('X = 1')\ndeps.append(str(X))\n",
    "deps.append('%s' % (b'x',))\n",
    "deps.append(str(sys.version_info))\n",
    "deps.append('{0}'.format(os.getcwd()))\n",
    "import string\ndeps.append(str(hasattr(string, 'letters')))\n",
    "deps.append(str(getattr(sys, 'maxint', 0) > 0))\n",
    "deps.append(str('implementation' in dir(sys)))\n",
  };

  /** Every sdist under the directories {@code -Dpypidb.keySharing.archives} names. */
  @Test
  @EnabledIfSystemProperty(named = "pypidb.keySharing.archives", matches = ".+")
  void archives() throws Exception {
    int sdists = 0;
    int setupPys = 0;
    int evaluations = 0;
    for (String dir : System.getProperty("pypidb.keySharing.archives").split(File.pathSeparator)) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        s.filter(Files::isRegularFile).filter(p -> ArchiveKind.of(p.getFileName().toString())
            .filter(k -> k != ArchiveKind.WHEEL && k != ArchiveKind.EGG).isPresent()).sorted().forEach(files::add);
      }
      for (Path p : files) {
        String filename = p.getFileName().toString();
        SdistContents c;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
          c = SdistArchive.read(filename, ch, ArchiveLimits.DEFAULT);
        } catch (Exception e) {
          continue; // an archive that cannot be read has no setup.py to evaluate
        }
        int n = assertSharedAsPerKey(c, c.projectDirectory());
        if (n > 0) {
          setupPys++;
          evaluations += n;
        }
        String project = c.projectDirectory();
        assertEquals(SdistExtractor.extract(c, List.of(t -> SetupPyReader.perKey(t, project))),
            SdistExtractor.extract(c, List.of(t -> SetupPyReader.of(t, project))), filename);
        sdists++;
      }
    }
    System.out.printf("key sharing: %d sdists, %d with a setup.py, evaluated %d times instead of %d%n", sdists,
        setupPys, evaluations, setupPys * 11);
    assertTrue(sdists > 0, "no sdist found");
  }
}
