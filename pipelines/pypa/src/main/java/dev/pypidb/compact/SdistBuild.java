package dev.pypidb.compact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What pypi-deps-db recorded for one sdist built under a group of Pythons that gave the same
 * result: the setup() keywords, or the error.
 *
 * @param depsDbName the pypi-deps-db key the build is recorded under, or null
 * @param pythonKeys python keys (27, 36, ..., 310) sharing this result, in numeric order
 * @param error the error text when setup.py failed (pypi-deps-db {@code sdist-errors}), else null
 * @param pythonRequires python_requires, or null when not reported
 * @param keysPresent which of install_requires, setup_requires, extras_require, tests_require,
 *     python_requires the build reported (even when empty), in that order
 * @param installRequires install_requires in order
 * @param setupRequires setup_requires in order
 * @param testsRequire tests_require in order
 * @param extrasRequire extras_require: keys as written (also {@code extra:marker} keys and keys
 *     with no requirement), in the stored (sorted) order, each with its requirements in order
 */
public record SdistBuild(String depsDbName, List<String> pythonKeys, String error, List<String> pythonRequires,
    List<String> keysPresent, List<String> installRequires, List<String> setupRequires,
    List<String> testsRequire, Map<String, List<String>> extrasRequire) {

  /** The setup() keywords pypi-deps-db records, in the order {@link #keysPresent} lists them. */
  public static final List<String> KEYS =
      List.of("install_requires", "setup_requires", "extras_require", "tests_require", "python_requires");

  public SdistBuild {
    pythonKeys = List.copyOf(pythonKeys);
    pythonRequires = pythonRequires == null ? null : List.copyOf(pythonRequires);
    keysPresent = List.copyOf(keysPresent);
    installRequires = List.copyOf(installRequires);
    setupRequires = List.copyOf(setupRequires);
    testsRequire = List.copyOf(testsRequire);
    Map<String, List<String>> extras = new LinkedHashMap<>();
    extrasRequire.forEach((k, v) -> extras.put(Objects.requireNonNull(k), List.copyOf(v)));
    extrasRequire = Collections.unmodifiableMap(extras);
  }

  /** Whether setup.py ran (status ok in the sdist_metadata table). */
  public boolean ok() {
    return error == null;
  }
}
