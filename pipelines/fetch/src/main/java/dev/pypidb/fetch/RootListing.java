package dev.pypidb.fetch;

import java.util.List;

/**
 * The index root: every project, with its {@code _last-serial} where the index gives one
 * (PyPI's PEP 691 root does, per project).
 *
 * @param lastSerial the index-wide serial of the listing, or null
 */
public record RootListing(List<Entry> projects, Long lastSerial) {

  /** One project of the root page; {@code serial} is null when the index gives none. */
  public record Entry(String name, Long serial) {}

  public RootListing {
    projects = List.copyOf(projects);
  }
}
