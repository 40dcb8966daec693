package dev.pypidb.compact;

import java.util.List;
import java.util.Objects;

/**
 * One version of a project: release-level metadata, its files and its pypi-deps-db sdist builds.
 *
 * @param version the version string as published
 * @param requiresPython release-level Requires-Python, or null
 * @param yanked whether the release is yanked
 * @param yankedReason the yank reason, or null
 * @param requiresDist release-level Requires-Dist (PyPI JSON {@code info}), in order; empty when none
 * @param files the uploaded files, by filename
 * @param sdistBuilds pypi-deps-db sdist results, one per (deps-db key, group of python keys with
 *     the same result)
 */
public record Release(String version, String requiresPython, boolean yanked, String yankedReason,
    List<String> requiresDist, List<DistFile> files, List<SdistBuild> sdistBuilds) {
  public Release {
    Objects.requireNonNull(version, "version");
    requiresDist = List.copyOf(requiresDist);
    files = List.copyOf(files);
    sdistBuilds = List.copyOf(sdistBuilds);
  }

  /** The file with this exact filename, or null. */
  public DistFile file(String filename) {
    for (DistFile f : files) {
      if (f.filename().equals(filename)) {
        return f;
      }
    }
    return null;
  }
}
