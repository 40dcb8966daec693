package dev.pypidb.pypa.resolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small indexes for tests. */
final class TestIndex {
  private final Map<String, List<ReleaseData>> releases = new LinkedHashMap<>();

  static TestIndex create() {
    return new TestIndex();
  }

  /** A release with one pure-Python wheel ({@code name-version-py3-none-any.whl}). */
  TestIndex pure(String name, String version, String... requirements) {
    return release(name, version, false, null,
        Distribution.wheel(wheelName(name, version, "py3-none-any"), null, false,
            Arrays.asList(requirements)));
  }

  TestIndex release(String name, String version, boolean yanked, String requiresPython,
      Distribution... files) {
    releases.computeIfAbsent(name, n -> new ArrayList<>())
        .add(new ReleaseData(version, yanked, requiresPython, List.of(files)));
    return this;
  }

  static String wheelName(String name, String version, String tags) {
    return name.replace('-', '_') + "-" + version + "-" + tags + ".whl";
  }

  static Distribution wheel(String name, String version, String tags, String... requirements) {
    return Distribution.wheel(wheelName(name, version, tags), null, false,
        Arrays.asList(requirements));
  }

  static Distribution sdist(String name, String version, String... requirements) {
    return Distribution.sdist(name + "-" + version + ".tar.gz", null, false,
        Arrays.asList(requirements), Map.of());
  }

  MemoryIndex build() {
    List<ProjectData> projects = new ArrayList<>();
    releases.forEach((name, rs) -> projects.add(new ProjectData(name, rs)));
    return PackageIndex.of(projects);
  }

  Resolver resolver() {
    return new Resolver(build());
  }
}
