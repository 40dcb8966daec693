package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.tags.Tag;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One file of a release.
 *
 * @param filename the file name
 * @param kind wheel or sdist
 * @param tags a wheel's expanded compatibility tags (empty for sdists and for wheels whose name
 *     does not parse: such wheels fit no target)
 * @param requiresPython the file's own {@code Requires-Python}, or null
 * @param yanked whether the file is yanked (PEP 592)
 * @param requirements the file's requirements as PEP 508 strings; an extra's requirements carry
 *     an {@code extra == "name"} marker, as in {@code Requires-Dist}
 * @param requirementsByPythonKey sdists only, optional: requirement lists per pypi-deps-db
 *     python key ({@code "27"}, {@code "310"}); used instead of {@code requirements} when the
 *     target's {@code pythonKey()} is present
 */
public record Distribution(String filename, Kind kind, Set<Tag> tags, String requiresPython,
    boolean yanked, List<String> requirements, Map<String, List<String>> requirementsByPythonKey,
    Map<String, String> failedPythonKeys) {

  /** The two kinds of distribution the resolver knows. */
  public enum Kind {
    WHEEL,
    SDIST
  }

  public Distribution {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(kind, "kind");
    tags = tags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
    if (requirementsByPythonKey == null || requirementsByPythonKey.isEmpty()) {
      requirementsByPythonKey = Map.of();
    } else {
      Map<String, List<String>> copy = new TreeMap<>();
      requirementsByPythonKey.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      requirementsByPythonKey = Collections.unmodifiableMap(copy);
    }
    failedPythonKeys = failedPythonKeys == null || failedPythonKeys.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(failedPythonKeys));
  }

  /** A wheel; its tags come from its file name. */
  public static Distribution wheel(String filename, String requiresPython, boolean yanked,
      List<String> requirements) {
    WheelFilename parsed = WheelFilename.tryParse(filename);
    Set<Tag> tags = parsed == null ? Set.of() : parsed.tags();
    return new Distribution(filename, Kind.WHEEL, tags, requiresPython, yanked, requirements, null, null);
  }

  /** An sdist, optionally with per-python-key requirement lists. */
  public static Distribution sdist(String filename, String requiresPython, boolean yanked,
      List<String> requirements, Map<String, List<String>> requirementsByPythonKey) {
    return new Distribution(filename, Kind.SDIST, Set.of(), requiresPython, yanked, requirements,
        requirementsByPythonKey, null);
  }

  /**
   * An sdist whose build (setup.py under some Pythons) is known per python key: requirements per
   * key, and for the keys where the build failed, the error (pypi-deps-db's sdist-errors).
   */
  public static Distribution sdistBuilds(String filename, String requiresPython, boolean yanked,
      Map<String, List<String>> requirementsByPythonKey, Map<String, String> failedPythonKeys) {
    return new Distribution(filename, Kind.SDIST, Set.of(), requiresPython, yanked, List.of(),
        requirementsByPythonKey, failedPythonKeys);
  }

  /** The requirement list that applies on a target with this python key. */
  /** The build error under {@code pythonKey}, or null when the sdist builds (or nobody tried). */
  public String failureFor(String pythonKey) {
    return failedPythonKeys.get(pythonKey);
  }

  public List<String> requirementsFor(String pythonKey) {
    List<String> specific = requirementsByPythonKey.get(pythonKey);
    return specific != null ? specific : requirements;
  }

  /** "wheel" or "sdist", as a {@link Pin} reports the provider. */
  public String provider() {
    return kind == Kind.WHEEL ? "wheel" : "sdist";
  }
}
