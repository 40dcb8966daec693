package dev.pypidb.fetch;

import java.util.List;

/**
 * What fetch did for one project.
 *
 * @param status {@code added}, {@code changed}, {@code unchanged}, {@code removed} or
 *     {@code failed}, against the tree's previous complete fetch (its manifest)
 * @param requested whether the project's page was requested in this run
 * @param summary what the project's directory holds now (for a failed project: what it kept,
 *     or null when it has nothing)
 * @param failure why it failed, or null
 * @param warnings files passed over, with the reason (an unsafe filename, an unreadable wheel)
 */
public record ProjectResult(String name, String status, boolean requested, Summary summary, String failure,
    List<String> warnings) {

  public static final String ADDED = "added";
  public static final String CHANGED = "changed";
  public static final String UNCHANGED = "unchanged";
  public static final String REMOVED = "removed";
  public static final String FAILED = "failed";

  /** What the manifest keeps of a project directory's state. */
  public record Summary(Long serial, String etag, String digest, int files, List<String> foreignNames) {
    public Summary {
      foreignNames = foreignNames == null ? List.of() : List.copyOf(foreignNames);
    }

    static Summary of(ProjectState s) {
      return new Summary(s.serial(), s.etag(), s.digest(), s.files().size(), s.foreignNames());
    }
  }

  public ProjectResult {
    warnings = List.copyOf(warnings);
  }

  /** Whether the raw records of this project may differ from the previous fetch's. */
  public boolean changed() {
    return status.equals(ADDED) || status.equals(CHANGED) || status.equals(REMOVED);
  }
}
