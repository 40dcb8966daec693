package dev.pypidb.pipelines.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes synthetic distribution archives for scale tests of the {@code archives} input: sdists
 * whose dependency-carrying files follow the mix of ../shared/corpus/sdists (per
 * {@code oracle.jsonl}'s {@code source_kinds}: half carry {@code *.egg-info/requires.txt}, a
 * quarter only a setup.py, a tenth setup.cfg, a tenth pyproject.toml, the rest nothing static),
 * with Python source of 2-60 KB beside them as real sdists have, and as many wheels (METADATA,
 * WHEEL, RECORD and a module). Deterministic: the same arguments give the same bytes.
 */
public final class SyntheticArchives {
  private static final String[] SPECS = {"", ">=1.0", ">=2.1,<3", "~=0.9", "==1.2.3", "!=1.5"};
  private static final String[] WORDS = {"def", "return", "self", "import", "value", "for", "in", "if",
      "else", "result", "data", "config", "None", "True", "path", "name", "items", "append", "class", "raise"};

  private final SplittableRandom random;

  public SyntheticArchives(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Writes {@code count} archives (sdists and wheels alternating) under {@code dir}; returns their bytes. */
  public long write(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      String name = "synth-arch-" + Integer.toString(i / 2, 36);
      String version = random.nextInt(5) + "." + random.nextInt(20) + "." + random.nextInt(10);
      byte[] archive;
      String filename;
      if (i % 2 == 0) {
        filename = name + "-" + version + ".tar.gz";
        archive = sdist(name, version);
      } else {
        filename = name.replace('-', '_') + "-" + version + "-py3-none-any.whl";
        archive = wheel(name, version);
      }
      Path sub = dir.resolve(String.format("%03d", i % 1000));
      Files.createDirectories(sub);
      Files.write(sub.resolve(filename), archive);
      bytes += archive.length;
    }
    return bytes;
  }

  private byte[] sdist(String name, String version) throws IOException {
    String root = name + "-" + version + "/";
    String module = name.replace('-', '_');
    List<String> deps = requirements();
    Map<String, String> members = new LinkedHashMap<>();
    int kind = random.nextInt(100);
    String pkgInfo = "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nSummary: synthetic\n";
    if (kind < 50) {
      members.put(root + "PKG-INFO", pkgInfo + "Requires-Python: >=3.6\n");
      members.put(root + module + ".egg-info/PKG-INFO", pkgInfo + "Requires-Python: >=3.6\n");
      StringBuilder req = new StringBuilder();
      deps.forEach(d -> req.append(d).append('\n'));
      req.append("\n[test]\npytest\n");
      members.put(root + module + ".egg-info/requires.txt", req.toString());
      members.put(root + module + ".egg-info/SOURCES.txt", "setup.py\n" + module + "/__init__.py\n");
      members.put(root + "setup.py", "from setuptools import setup\nsetup(name=" + quote(name) + ", install_requires="
          + pyList(deps) + ", extras_require={'test': ['pytest']}, python_requires='>=3.6')\n");
    } else if (kind < 75) {
      members.put(root + "PKG-INFO", pkgInfo);
      members.put(root + "requirements.txt", String.join("\n", deps) + "\n");
      members.put(root + "setup.py", """
          import os
          import sys
          from setuptools import setup, find_packages

          here = os.path.abspath(os.path.dirname(__file__))
          with open(os.path.join(here, 'requirements.txt')) as f:
              requirements = [line.strip() for line in f if line.strip() and not line.startswith('#')]

          if sys.version_info < (3, 8):
              requirements.append('importlib-metadata')

          setup(
              name=%s,
              version=%s,
              packages=find_packages(),
              install_requires=requirements,
          )
          """.formatted(quote(name), quote(version)));
    } else if (kind < 85) {
      members.put(root + "PKG-INFO", pkgInfo);
      StringBuilder cfg = new StringBuilder("[metadata]\nname = " + name + "\nversion = " + version
          + "\n\n[options]\npackages = find:\npython_requires = >=3.7\ninstall_requires =\n");
      deps.forEach(d -> cfg.append("    ").append(d).append('\n'));
      cfg.append("\n[options.extras_require]\ndocs =\n    sphinx\n");
      members.put(root + "setup.cfg", cfg.toString());
      members.put(root + "setup.py", "from setuptools import setup\n\nsetup()\n");
    } else if (kind < 95) {
      StringBuilder pkg22 = new StringBuilder("Metadata-Version: 2.2\nName: " + name + "\nVersion: " + version
          + "\nRequires-Python: >=3.8\n");
      deps.forEach(d -> pkg22.append("Requires-Dist: ").append(d).append('\n'));
      members.put(root + "PKG-INFO", pkg22.toString());
      StringBuilder toml = new StringBuilder("[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n"
          + "[project]\nname = " + quote(name) + "\nversion = " + quote(version) + "\nrequires-python = \">=3.8\"\ndependencies = [\n");
      deps.forEach(d -> toml.append("  ").append(quote(d)).append(",\n"));
      toml.append("]\n");
      members.put(root + "pyproject.toml", toml.toString());
    } else {
      members.put(root + "PKG-INFO", "Metadata-Version: 1.0\nName: " + name + "\nVersion: " + version + "\n");
      members.put(root + "setup.py", "from setuptools import setup\nfrom " + module
          + "._build import requirements\nsetup(name=" + quote(name) + ", install_requires=requirements())\n");
    }
    members.put(root + "README.md", "# " + name + "\n\n" + prose(500 + random.nextInt(3000)));
    int modules = 1 + random.nextInt(4);
    for (int m = 0; m < modules; m++) {
      members.put(root + module + "/" + (m == 0 ? "__init__" : "part" + m) + ".py", prose(2_000 + random.nextInt(15_000)));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> e : members.entrySet()) {
        byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(content.length);
        entry.setModTime(1_600_000_000_000L);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private byte[] wheel(String name, String version) throws IOException {
    String module = name.replace('-', '_');
    String distInfo = module + "-" + version + ".dist-info/";
    StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
        + "\nRequires-Python: >=3.8\n");
    requirements().forEach(d -> metadata.append("Requires-Dist: ").append(d).append('\n'));
    metadata.append("Provides-Extra: test\nRequires-Dist: pytest ; extra == \"test\"\n\n").append(prose(1_000));
    Map<String, String> members = new LinkedHashMap<>();
    int modules = 1 + random.nextInt(4);
    for (int m = 0; m < modules; m++) {
      members.put(module + "/" + (m == 0 ? "__init__" : "part" + m) + ".py", prose(2_000 + random.nextInt(15_000)));
    }
    members.put(distInfo + "METADATA", metadata.toString());
    members.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: pypidb-generate\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    StringBuilder record = new StringBuilder();
    members.keySet().forEach(k -> record.append(k).append(",,\n"));
    record.append(distInfo).append("RECORD,,\n");
    members.put(distInfo + "RECORD", record.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : members.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(1_600_000_000_000L);
        zip.putNextEntry(entry);
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private List<String> requirements() {
    int n = random.nextInt(9);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("dep-" + Integer.toString(random.nextInt(5000), 36) + SPECS[random.nextInt(SPECS.length)]);
    }
    return out;
  }

  /** Source-like text: words and indentation, compressible as real code is. */
  private String prose(int chars) {
    StringBuilder s = new StringBuilder(chars + 16);
    while (s.length() < chars) {
      s.append("    ".repeat(random.nextInt(3)));
      int words = 2 + random.nextInt(8);
      for (int w = 0; w < words; w++) {
        s.append(WORDS[random.nextInt(WORDS.length)]).append(w + 1 < words ? ' ' : '\n');
      }
    }
    return s.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String pyList(List<String> items) {
    List<String> quoted = new ArrayList<>();
    items.forEach(i -> quoted.add(quote(i)));
    return "[" + String.join(", ", quoted) + "]";
  }
}
