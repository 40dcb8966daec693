package dev.pypidb.extract;

import java.util.List;
import java.util.Objects;

/**
 * The static answer for one sdist: one {@link KeyResult} per {@link PythonKey#ALL} key, in that
 * order, and what its top-level PKG-INFO says about the project (whatever its Metadata-Version).
 *
 * @param name PKG-INFO's Name, or null (no PKG-INFO, or one that does not parse)
 * @param version PKG-INFO's Version, or null
 * @param requiresPython PKG-INFO's Requires-Python, or null
 * @param methods the methods that had something to read in the sdist, most trusted first
 * @param results one result per key of {@link PythonKey#ALL}, in that order
 */
public record SdistExtraction(String name, String version, String requiresPython, List<Method> methods,
    List<KeyResult> results) {

  public SdistExtraction {
    methods = List.copyOf(methods);
    results = List.copyOf(results);
  }

  /** The result for {@code key}. */
  public KeyResult result(PythonKey key) {
    for (KeyResult r : results) {
      if (r.key().equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no result for Python key " + Objects.requireNonNull(key));
  }
}
