package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A project's valid releases sorted by version (the universe its {@link VersionSet}s index),
 * independent of any target. Of equal versions the first listed release is kept.
 */
final class ProjectVersions {
  final String name;
  final List<Version> versions;
  final List<ReleaseData> releases;
  /** The pre-releases (and development releases) among {@link #versions}. */
  final VersionSet prereleases;
  /** What the project costs to keep: 1 + its releases + their files (a cache's weight). */
  final long weight;
  private final LruCache<String, VersionSet> matching = new LruCache<>(512);

  private ProjectVersions(String name, List<Version> versions, List<ReleaseData> releases) {
    this.name = name;
    this.versions = versions;
    this.releases = releases;
    VersionSet.Builder pre = VersionSet.builder(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).isPrerelease()) {
        pre.add(i);
      }
    }
    this.prereleases = pre.build();
    long w = 1 + releases.size();
    for (ReleaseData r : releases) {
      w += r.distributions().size();
    }
    this.weight = w;
  }

  static ProjectVersions of(ProjectData project) {
    List<ReleaseData> valid = new ArrayList<>();
    for (ReleaseData r : project.releases()) {
      if (r.parsedVersion() != null) {
        valid.add(r);
      }
    }
    // stable sort: of equal versions the first listed comes first and is kept
    valid.sort(Comparator.comparing(ReleaseData::parsedVersion));
    List<Version> versions = new ArrayList<>();
    List<ReleaseData> releases = new ArrayList<>();
    for (ReleaseData r : valid) {
      if (!versions.isEmpty() && versions.get(versions.size() - 1).equals(r.parsedVersion())) {
        continue;
      }
      versions.add(r.parsedVersion());
      releases.add(r);
    }
    return new ProjectVersions(project.name(), List.copyOf(versions), List.copyOf(releases));
  }

  int size() {
    return versions.size();
  }

  /**
   * The versions {@code specifier} contains, pre-releases included
   * ({@code specifier.filter(versions, prereleases=True)}); which pre-releases may be chosen is
   * the solver's opt-in rule, applied over all requirements on the project.
   *
   * @param text the specifier's normalized text (the cache key)
   */
  VersionSet matching(SpecifierSet specifier, String text) {
    return matching.get(text, k -> {
      List<Version> kept = specifier.filter(versions, Boolean.TRUE);
      VersionSet.Builder b = VersionSet.builder(versions.size());
      int j = 0;
      for (int i = 0; i < versions.size() && j < kept.size(); i++) {
        if (versions.get(i).equals(kept.get(j))) {
          b.add(i);
          j++;
        }
      }
      return b.build();
    });
  }
}
