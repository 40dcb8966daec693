package dev.pypidb.pypa.resolver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable in-memory {@link PackageIndex}; projects sorted by canonical name. */
public final class MemoryIndex implements PackageIndex {
  private final Map<String, ProjectData> projects;

  /** Builds the index; two entries with the same canonical name are merged (releases appended). */
  public MemoryIndex(Collection<ProjectData> projects) {
    Map<String, ProjectData> byName = new TreeMap<>();
    for (ProjectData p : projects) {
      ProjectData old = byName.get(p.name());
      if (old == null) {
        byName.put(p.name(), p);
      } else {
        List<ReleaseData> merged = new ArrayList<>(old.releases());
        merged.addAll(p.releases());
        byName.put(p.name(), new ProjectData(p.name(), merged));
      }
    }
    this.projects = java.util.Collections.unmodifiableMap(byName);
  }

  @Override
  public ProjectData project(String canonicalName) {
    return projects.get(canonicalName);
  }

  /** Every project, sorted by canonical name. */
  public List<ProjectData> projects() {
    return List.copyOf(projects.values());
  }

  public int size() {
    return projects.size();
  }
}
