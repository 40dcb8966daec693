package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.names.ProjectNames;
import java.util.List;
import java.util.Objects;

/**
 * One project of a {@link PackageIndex}: its PEP 503 canonical name and its releases in any
 * order. Releases whose version is not PEP 440 are ignored by the resolver; of two releases with
 * equal versions ({@code 1.0} and {@code 1.0.0}) the first listed is used.
 */
public record ProjectData(String name, List<ReleaseData> releases) {

  public ProjectData {
    name = ProjectNames.canonicalize(Objects.requireNonNull(name, "name"));
    releases = List.copyOf(releases);
  }
}
