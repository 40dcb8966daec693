package dev.pypidb.pypa.tags;

import java.util.Map;

/**
 * The newest release of each Python minor series, the {@code python_full_version} a target's
 * marker environment uses (real installs run the latest patch). The one place to update; see
 * docs/targets.md for the sources.
 */
public final class PythonReleases {
  private PythonReleases() {}

  /** CPython: newest patch per minor, from pyenv's definitions of 2026-05-08, plus 3.15.0. */
  private static final Map<String, String> CPYTHON = Map.ofEntries(
      Map.entry("2.6", "2.6.9"),
      Map.entry("2.7", "2.7.18"),
      Map.entry("3.0", "3.0.1"),
      Map.entry("3.1", "3.1.5"),
      Map.entry("3.2", "3.2.6"),
      Map.entry("3.3", "3.3.7"),
      Map.entry("3.4", "3.4.10"),
      Map.entry("3.5", "3.5.10"),
      Map.entry("3.6", "3.6.15"),
      Map.entry("3.7", "3.7.17"),
      Map.entry("3.8", "3.8.20"),
      Map.entry("3.9", "3.9.25"),
      Map.entry("3.10", "3.10.20"),
      Map.entry("3.11", "3.11.15"),
      Map.entry("3.12", "3.12.13"),
      Map.entry("3.13", "3.13.13"),
      Map.entry("3.14", "3.14.4"),
      Map.entry("3.15", "3.15.0"));

  /** PyPy: the newest PyPy release per language version, and the CPython version it implements. */
  private static final Map<String, String[]> PYPY = Map.of(
      "2.7", new String[] {"7.3.20", "2.7.18"},
      "3.6", new String[] {"7.3.3", "3.6.12"},
      "3.7", new String[] {"7.3.9", "3.7.13"},
      "3.8", new String[] {"7.3.11", "3.8.16"},
      "3.9", new String[] {"7.3.16", "3.9.19"},
      "3.10", new String[] {"7.3.19", "3.10.16"},
      "3.11", new String[] {"7.3.20", "3.11.13"});

  /** {@code python_full_version} of a CPython target; {@code X.Y.0} for an unknown minor. */
  public static String cpythonFullVersion(int major, int minor) {
    return CPYTHON.getOrDefault(major + "." + minor, major + "." + minor + ".0");
  }

  /** {@code python_full_version} of a PyPy target. */
  public static String pypyLanguageVersion(int major, int minor) {
    String[] r = PYPY.get(major + "." + minor);
    return r == null ? major + "." + minor + ".0" : r[1];
  }

  /** {@code implementation_version} of a PyPy target. */
  public static String pypyVersion(int major, int minor) {
    String[] r = PYPY.get(major + "." + minor);
    return r == null ? "7.3.20" : r[0];
  }
}
