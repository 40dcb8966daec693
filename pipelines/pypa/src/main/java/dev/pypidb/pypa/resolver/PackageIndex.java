package dev.pypidb.pypa.resolver;

import java.util.Collection;

/**
 * Where the resolver reads package metadata from: one {@link ProjectData} per PEP 503 canonical
 * project name. Implementations must not change while a {@link Resolver} built on them is in use
 * (the resolver caches what it reads).
 */
public interface PackageIndex {

  /** The project called {@code canonicalName} (PEP 503 canonical form), or null when unknown. */
  ProjectData project(String canonicalName);

  /** An in-memory index over {@code projects} (projects with the same canonical name merge). */
  static MemoryIndex of(Collection<ProjectData> projects) {
    return new MemoryIndex(projects);
  }
}
