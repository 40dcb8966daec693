package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.version.Version;
import java.util.List;
import java.util.Objects;

/**
 * One release of a project.
 *
 * @param version the version as published (raw string)
 * @param parsedVersion its PEP 440 parse, or null when the string is not a valid version (such
 *     releases are never candidates)
 * @param yanked whether the whole release is yanked (PEP 592)
 * @param requiresPython the release's {@code Requires-Python} as published, or null
 * @param distributions the release's files
 */
public record ReleaseData(String version, Version parsedVersion, boolean yanked,
    String requiresPython, List<Distribution> distributions) {

  public ReleaseData {
    Objects.requireNonNull(version, "version");
    distributions = List.copyOf(distributions);
  }

  /** A release whose version is parsed from {@code version}. */
  public ReleaseData(String version, boolean yanked, String requiresPython,
      List<Distribution> distributions) {
    this(version, Version.tryParse(version), yanked, requiresPython, distributions);
  }
}
