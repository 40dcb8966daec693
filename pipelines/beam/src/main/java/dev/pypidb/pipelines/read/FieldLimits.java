package dev.pypidb.pipelines.read;

import java.util.List;

/**
 * Size limits on the fields pypidb keeps. Real metadata stays far below them (the longest
 * Requires-Dist entry in the 2023 corpus has 506 characters); anything beyond is corrupt or
 * hostile and is dead-lettered rather than carried through every table.
 */
public final class FieldLimits {
  public static final int MAX_NAME = 512;
  public static final int MAX_VERSION = 512;
  public static final int MAX_FILENAME = 1024;
  public static final int MAX_REQUIREMENT = 16 * 1024;
  public static final int MAX_REQUIREMENTS = 10_000;
  /** A line (record) longer than this is not parsed at all. */
  public static final int MAX_LINE_BYTES = 16 << 20;

  private FieldLimits() {}

  static void check(String field, String value, int limit) throws RecordException {
    if (value != null && value.length() > limit) {
      throw new RecordException(DeadLetter.VALIDATE, "field '" + field + "' is " + value.length()
          + " characters long (limit " + limit + ")");
    }
  }

  static void checkAll(String field, List<String> values, int limit) throws RecordException {
    if (values == null) {
      return;
    }
    if (values.size() > MAX_REQUIREMENTS) {
      throw new RecordException(DeadLetter.VALIDATE, "field '" + field + "' has " + values.size()
          + " entries (limit " + MAX_REQUIREMENTS + ")");
    }
    for (int i = 0; i < values.size(); i++) {
      check(field + "[" + i + "]", values.get(i), limit);
    }
  }

  /** Checks the fields of a record that every table carries. */
  public static void checkRecord(String project, String version, String filename,
      List<String> requiresDist) throws RecordException {
    check("name", project, MAX_NAME);
    check("version", version, MAX_VERSION);
    check("filename", filename, MAX_FILENAME);
    checkAll("requires_dist", requiresDist, MAX_REQUIREMENT);
  }
}
