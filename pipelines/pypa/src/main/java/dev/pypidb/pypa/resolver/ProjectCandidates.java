package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.version.Version;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's versions as one target and policy see them: the distribution chosen for each
 * version (or why there is none), which versions count as yanked, and (computed lazily) each
 * version's requirements per extra.
 */
final class ProjectCandidates {
  /** Why a version cannot be used at all. */
  enum Reason {
    REQUIRES_PYTHON,
    NO_DISTRIBUTION
  }

  /** A version's unusability: the reason and the words that go with it. */
  record Unusable(Reason reason, String detail) {}

  /**
   * One dependency of a version: a project (and extra, "" for none), the merged specifier, its
   * normalized text and whether it pins ({@code ==V} / {@code ===V}).
   */
  record RawDep(String project, String extra, SpecifierSet specifier, String text,
      boolean pinned) {
    String key() {
      return key(project, extra);
    }

    static String key(String project, String extra) {
      return extra.isEmpty() ? project : project + "[" + extra + "]";
    }
  }

  /** The dependencies of one (version, extra), and what was ignored while reading them. */
  record RawDeps(Map<String, RawDep> deps, List<String> warnings) {
    static final RawDeps NONE = new RawDeps(Map.of(), List.of());
  }

  final ProjectVersions pv;
  /** The chosen file per version; null when the version is unusable. */
  final Distribution[] chosen;
  final Unusable[] unusable;
  /** Versions that are yanked (release yanked, or only yanked files fit). */
  final VersionSet yanked;
  /** Versions with a usable distribution. */
  final VersionSet usable;
  /** Notes about a version's chosen release/file (invalid Requires-Python), or null. */
  final String[] notes;
  private final Map<String, RawDeps[]> rawDeps = new HashMap<>();

  ProjectCandidates(ProjectVersions pv, Distribution[] chosen, Unusable[] unusable,
      VersionSet yanked, String[] notes) {
    this.pv = pv;
    this.chosen = chosen;
    this.unusable = unusable;
    this.yanked = yanked;
    this.notes = notes;
    VersionSet.Builder b = VersionSet.builder(chosen.length);
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i] != null) {
        b.add(i);
      }
    }
    this.usable = b.build();
  }

  /** The pre-releases among the versions (usable or not). */
  VersionSet prereleases() {
    return pv.prereleases;
  }

  String name() {
    return pv.name;
  }

  int size() {
    return pv.size();
  }

  List<Version> versions() {
    return pv.versions;
  }

  boolean usable(int index) {
    return chosen[index] != null;
  }

  /** The dependencies of version {@code index} with {@code extra}, computed once. */
  RawDeps rawDeps(int index, String extra, java.util.function.Supplier<RawDeps> compute) {
    synchronized (this) {
      RawDeps[] byVersion = rawDeps.computeIfAbsent(extra, e -> new RawDeps[chosen.length]);
      if (byVersion[index] != null) {
        return byVersion[index];
      }
    }
    RawDeps computed = chosen[index] == null ? RawDeps.NONE : compute.get();
    synchronized (this) {
      RawDeps[] byVersion = rawDeps.get(extra);
      if (byVersion[index] == null) {
        byVersion[index] = new RawDeps(Collections.unmodifiableMap(computed.deps()),
            List.copyOf(computed.warnings()));
      }
      return byVersion[index];
    }
  }
}
