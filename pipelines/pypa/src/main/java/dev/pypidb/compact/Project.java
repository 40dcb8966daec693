package dev.pypidb.compact;

import java.util.List;
import java.util.Objects;

/**
 * One project of a compact database.
 *
 * @param name canonical (PEP 503) name: the lookup key
 * @param displayName the name as the most authoritative source spells it
 * @param depsDbNames the pypi-deps-db keys the project is listed under (mach-nix lower-cases and
 *     turns {@code _} into {@code -} but keeps dots, so one project may have two), sorted; empty
 *     when no pypi-deps-db data
 * @param releases every known version, valid ones in PEP 440 order, invalid ones last (in string
 *     order)
 */
public record Project(String name, String displayName, List<String> depsDbNames, List<Release> releases) {
  public Project {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    depsDbNames = List.copyOf(depsDbNames);
    releases = List.copyOf(releases);
  }

  /** The version strings, in the stored (PEP 440) order. */
  public List<String> versions() {
    return releases.stream().map(Release::version).toList();
  }
}
