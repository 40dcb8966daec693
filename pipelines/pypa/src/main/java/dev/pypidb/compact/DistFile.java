package dev.pypidb.compact;

import java.util.List;
import java.util.Objects;

/**
 * One uploaded file (wheel, sdist, egg, ...).
 *
 * @param filename the filename
 * @param packagetype bdist_wheel, sdist, bdist_egg, ...
 * @param pythonVersion PyPI's python_version field (py3, cp312, source; for pypi-deps-db wheels
 *     the key the file is listed under), or null
 * @param requiresPython the file's Requires-Python, or null
 * @param sha256 lower-case hex SHA-256 of the file, or null when unknown
 * @param yanked whether the file is yanked
 * @param yankedReason the yank reason, or null
 * @param requiresDist Requires-Dist in order; empty when none
 * @param providesExtra Provides-Extra as written, in order; null when not recorded
 * @param depsDbName the pypi-deps-db key the file's metadata is listed under, or null
 */
public record DistFile(String filename, String packagetype, String pythonVersion, String requiresPython,
    String sha256, boolean yanked, String yankedReason, List<String> requiresDist,
    List<String> providesExtra, String depsDbName) {
  public DistFile {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(packagetype, "packagetype");
    requiresDist = List.copyOf(requiresDist);
    providesExtra = providesExtra == null ? null : List.copyOf(providesExtra);
  }
}
